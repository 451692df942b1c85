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
import { knownNetworksOf } from '../detect/tuning/index.js';
import { detectInThread, detectionThreadAvailable } from './detection-thread.js';
import type { AppStore } from './store.js';
import { baselineOptions, describeBaseline } from './explicit-baseline.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Sigma rules disabled for blowing their budget, per store: follow mode and new batches run the
 * detections again over the same trail, and a rule disabled once stays disabled.
 */
const disabledByStore = new WeakMap<AppStore, DisabledRules>();

/** The runs in flight per store, so quitting can end them (a detection thread would outlive `q`). */
const runningByStore = new WeakMap<AppStore, Set<AbortController>>();

/**
 * Ends every detection running for `store`: its thread is terminated at once, whatever rule it
 * is in. For quitting and tearing the store down.
 */
export function stopDetection(store: AppStore): void {
  stopped.add(store);
  for (const run of runningByStore.get(store) ?? []) run.abort();
}

/** Stores whose detections were stopped: a load finishing after `q` starts none. */
const stopped = new WeakSet<AppStore>();

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
  if (stopped.has(store)) return;
  const state = () => store.getState();
  const started = performance.now();
  state().setDetection({ status: 'running', message: 'detecting…' });
  const onFindings = (findings: Finding[]) => state().setFindings(findings);
  const sigmaDisabled = disabledByStore.get(store) ?? new Map<string, string>();
  disabledByStore.set(store, sigmaDisabled);
  const stop = new AbortController();
  const running = runningByStore.get(store) ?? new Set<AbortController>();
  runningByStore.set(store, running);
  running.add(stop);
  const caller = options.signal;
  const abortWithCaller = () => stop.abort();
  caller?.addEventListener('abort', abortWithCaller, { once: true });
  if (caller?.aborted) stop.abort();
  const signal = stop.signal;
  // Resolved per run: a relative --baseline-until counts back from the evidence's now, which
  // moves as events load (and under follow mode).
  const explicit = state().explicitBaseline;
  const baseline = baselineOptions(explicit, () => state().evidenceNow());
  try {
    let result: {
      findings: Finding[];
      facts: ReadonlyMap<number, RecordFacts>;
      problems: string[];
      timings: Record<string, number>;
    };
    if (options.workers !== 0 && detectionThreadAvailable()) {
      const tuning = state().tuning;
      result = await detectInThread(index, files, {
        sigmaPaths: options.sigmaPaths ?? [],
        tuning: {
          filterDocuments: tuning.entries.flatMap(({ entry }) =>
            entry.kind === 'filter' ? [entry.document] : [],
          ),
          ...knownNetworksOf(tuning),
        },
        workers: options.workers,
        sigmaDisabled,
        signal,
        onFindings,
        ...(explicit?.learnFrom ? { learnFrom: explicit.learnFrom.index } : {}),
        ...(baseline?.until === undefined ? {} : { until: baseline.until }),
      });
    } else {
      result = await detect({
        index,
        ipFacts: options.ipFacts ?? ((ip) => geoDatabase().lookup(ip)),
        records: rowRecords(files, (row) => index.location(row), options.workers),
        ...(options.sigma ? { sigma: options.sigma } : {}),
        sigmaFilters: state().tuning.filters.map(({ entry }) => entry),
        // The explicit baseline and tuning's known networks, both learned from.
        baseline: { ...baseline, ...knownNetworksOf(state().tuning) },
        sigmaDisabled,
        signal,
        onFindings,
      });
    }
    state().setFindings(result.findings);
    const trouble = result.problems.length > 0 ? ` · ${result.problems[0]}` : '';
    const learned = describeBaseline(explicit, baseline?.until);
    state().setDetection(
      {
        status: 'done',
        message: `detections done in ${seconds(performance.now() - started)}${learned ? ` · ${learned}` : ''}${trouble}`,
        timings: result.timings,
        ...(learned ? { baseline: learned } : {}),
      },
      result.facts,
    );
  } catch (error) {
    if (signal.aborted) return;
    state().setDetection({
      status: 'failed',
      message: `detections failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  } finally {
    running.delete(stop);
    caller?.removeEventListener('abort', abortWithCaller);
  }
}
