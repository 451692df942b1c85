import { detect, type SigmaRule } from '../detect/index.js';
import { geoDatabase, type IpFacts } from '../geo/index.js';
import type { EventIndex } from '../index/index.js';
import type { SourceFile } from '../ingest/index.js';
import { rowRecords } from '../ingest/row-records.js';
import type { AppStore } from './store.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs the detections over a loaded index in the background: findings reach the store as each
 * rule reports, records are re-read in worker threads, and the status line says how it went.
 */
export async function runDetection(
  store: AppStore,
  index: EventIndex,
  files: readonly SourceFile[],
  options: {
    sigma?: readonly SigmaRule[];
    workers?: number;
    signal?: AbortSignal;
    ipFacts?: (ip: string) => IpFacts;
  } = {},
): Promise<void> {
  const state = () => store.getState();
  const started = performance.now();
  state().setDetection({ status: 'running', message: 'detecting…' });
  try {
    const run = await detect({
      index,
      ipFacts: options.ipFacts ?? ((ip) => geoDatabase().lookup(ip)),
      records: rowRecords(files, (row) => index.location(row), options.workers),
      ...(options.sigma ? { sigma: options.sigma } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onFindings: (findings) => state().setFindings(findings),
    });
    state().setFindings(run.findings);
    const trouble = run.problems.length > 0 ? ` · ${run.problems[0]}` : '';
    state().setDetection(
      {
        status: 'done',
        message: `detections done in ${seconds(performance.now() - started)}${trouble}`,
        timings: run.timings,
      },
      run.facts,
    );
  } catch (error) {
    state().setDetection({
      status: 'failed',
      message: `detections failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
