import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compareFindings, type Finding, type RecordFacts } from '../detect/index.js';
import { snapshotTransferList, type EventIndex } from '../index/index.js';
import type { SourceFile } from '../ingest/index.js';
import { limits } from '../trail/limits.js';
import type { DisabledRules } from '../detect/index.js';
import type { DetectionReply, DetectionRequest, DictionarySlice } from './detection-messages.js';

const WORKER_URL = new URL('./detection-worker.js', import.meta.url);

/** Strings per message: small enough that cloning one slice is a blink. */
const SLICE = 20_000;

/** The trail's dictionaries, then the learn-only index's (when there is one). */
async function sendDictionaries(
  worker: Worker,
  values: string[][],
  learnOnly: string[][] = [],
): Promise<void> {
  const all = [
    ...values.map((list, field) => ({ list, field, learnOnly: false })),
    ...learnOnly.map((list, field) => ({ list, field, learnOnly: true })),
  ];
  for (let at = 0; at < all.length; at++) {
    const { list, field } = all[at]!;
    for (let start = 0; start === 0 || start < list.length; start += SLICE) {
      const last = at === all.length - 1 && start + SLICE >= list.length;
      const slice: DictionarySlice = {
        type: 'values',
        field,
        ...(all[at]!.learnOnly ? { learnOnly: true as const } : {}),
        values: list.slice(start, start + SLICE),
        done: last,
      };
      worker.postMessage(slice);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** Two sorted lists as one new sorted list, in one pass. */
function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out = new Array<Finding>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length)
    out[k++] = compareFindings(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Whether the compiled worker is there (it is not when tests run the TypeScript sources). */
export function detectionThreadAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

export interface ThreadResult {
  findings: Finding[];
  facts: Map<number, RecordFacts>;
  timings: Record<string, number>;
  problems: string[];
}

/**
 * Runs the detections in a worker thread over a snapshot of the index. Findings stream back as
 * the rules report; aborting terminates the thread.
 */
export function detectInThread(
  index: EventIndex,
  files: readonly SourceFile[],
  options: {
    sigmaPaths: string[];
    workers: number | undefined;
    /** Rules disabled by earlier runs; the thread's newly disabled ones are added to it. */
    sigmaDisabled?: DisabledRules;
    /** Tuning for the thread: filter documents and known networks (see DetectionRequest). */
    tuning?: Pick<DetectionRequest, 'filterDocuments' | 'knownNetworks'>;
    signal?: AbortSignal;
    onFindings: (findings: Finding[]) => void;
    /** `--baseline SOURCE`'s own index: copied to the thread, only to learn from. */
    learnFrom?: EventIndex;
    /** `--baseline-until`, resolved. */
    until?: number;
  },
): Promise<ThreadResult> {
  const snapshot = index.snapshot();
  const values = snapshot.values;
  const learned = options.learnFrom?.snapshot();
  const learnFrom = learned && { ...learned, values: learned.values.map((): string[] => []) };
  const request: DetectionRequest = {
    snapshot: { ...snapshot, values: values.map(() => []) },
    files,
    sigmaPaths: options.sigmaPaths,
    workers: options.workers,
    limits: limits(),
    sigmaDisabled: [...(options.sigmaDisabled ?? [])],
    ...options.tuning,
    ...(learnFrom || options.until !== undefined
      ? {
          baseline: {
            ...(options.until === undefined ? {} : { until: options.until }),
            ...(learnFrom ? { learnFrom } : {}),
          },
        }
      : {}),
  };
  const worker = new Worker(WORKER_URL, {
    workerData: request,
    transferList: [
      ...snapshotTransferList(request.snapshot),
      ...(learnFrom ? snapshotTransferList(learnFrom) : []),
    ],
  });
  void sendDictionaries(worker, values, learned?.values);
  return new Promise((resolve, reject) => {
    // Unreferenced first: even while terminating, the thread never keeps the process alive.
    const stop = () => {
      worker.unref();
      void worker.terminate();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', stop);
      finish();
      void worker.terminate();
    };
    let findings: Finding[] = [];
    const facts = new Map<number, RecordFacts>();
    worker.on('message', (reply: DetectionReply) => {
      if (reply.type === 'findings') {
        findings = mergeSorted(findings, reply.findings.sort(compareFindings));
        options.onFindings(findings);
      } else if (reply.type === 'facts') {
        for (const [row, found] of reply.facts) facts.set(row, found);
      } else if (reply.type === 'done') {
        for (const [id, line] of reply.sigmaDisabled) options.sigmaDisabled?.set(id, line);
        settle(() =>
          resolve({ findings, facts, timings: reply.timings, problems: reply.problems }),
        );
      } else settle(() => reject(new Error(reply.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the detection thread stopped (exit ${code})`))),
    );
  });
}
