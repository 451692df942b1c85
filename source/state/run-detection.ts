import {
  detect,
  type DisabledRules,
  type Finding,
  type RecordFacts,
  type SigmaRule,
} from '../detect/index.js';
import { geoDatabase, type IpFacts } from '../geo/index.js';
import type { EventIndex } from '../index/index.js';
import type { SourceFile } from '../ingest/index.js';
import { rowRecords } from '../ingest/row-records.js';
import { detectInThread, detectionThreadAvailable } from './detection-thread.js';
import type { AppStore } from './store.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Sigma rules disabled for blowing their budget, per store: follow mode and new batches run the
 * detections again over the same trail, and a rule disabled once stays disabled.
 */
const disabledByStore = new WeakMap<AppStore, DisabledRules>();

export interface DetectionOptions {
  /** Rules already loaded, for the in-process path. */
  sigma?: readonly SigmaRule[];
  /** Their paths, for the detection thread (which loads them itself). */
  sigmaPaths?: string[];
  /** 0 runs everything on this thread (tests); otherwise a detection thread and fetch threads. */
  workers?: number;
  signal?: AbortSignal;
  ipFacts?: (ip: string) => IpFacts;
}

/**
 * Runs the detections over a loaded index in the background: in a worker thread over a frozen
 * copy of the index when it can (the keyboard never waits on a rule), findings reaching the store
 * as each rule reports, and the status line saying how it went.
 */
export async function runDetection(
  store: AppStore,
  index: EventIndex,
  files: readonly SourceFile[],
  options: DetectionOptions = {},
): Promise<void> {
  const state = () => store.getState();
  const started = performance.now();
  state().setDetection({ status: 'running', message: 'detecting…' });
  const onFindings = (findings: Finding[]) => state().setFindings(findings);
  const sigmaDisabled = disabledByStore.get(store) ?? new Map<string, string>();
  disabledByStore.set(store, sigmaDisabled);
  try {
    let result: {
      findings: Finding[];
      facts: ReadonlyMap<number, RecordFacts>;
      problems: string[];
      timings: Record<string, number>;
    };
    if (options.workers !== 0 && detectionThreadAvailable()) {
      result = await detectInThread(index, files, {
        sigmaPaths: options.sigmaPaths ?? [],
        workers: options.workers,
        sigmaDisabled,
        ...(options.signal ? { signal: options.signal } : {}),
        onFindings,
      });
    } else {
      result = await detect({
        index,
        ipFacts: options.ipFacts ?? ((ip) => geoDatabase().lookup(ip)),
        records: rowRecords(files, (row) => index.location(row), options.workers),
        ...(options.sigma ? { sigma: options.sigma } : {}),
        sigmaDisabled,
        ...(options.signal ? { signal: options.signal } : {}),
        onFindings,
      });
    }
    state().setFindings(result.findings);
    const trouble = result.problems.length > 0 ? ` · ${result.problems[0]}` : '';
    state().setDetection(
      {
        status: 'done',
        message: `detections done in ${seconds(performance.now() - started)}${trouble}`,
        timings: result.timings,
      },
      result.facts,
    );
  } catch (error) {
    if (options.signal?.aborted) return;
    state().setDetection({
      status: 'failed',
      message: `detections failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
