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

async function sendDictionaries(worker: Worker, values: string[][]): Promise<void> {
  for (let field = 0; field < values.length; field++) {
    const all = values[field]!;
    for (let start = 0; start === 0 || start < all.length; start += SLICE) {
      const last = field === values.length - 1 && start + SLICE >= all.length;
      const slice: DictionarySlice = {
        type: 'values',
        field,
        values: all.slice(start, start + SLICE),
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
  },
): Promise<ThreadResult> {
  const snapshot = index.snapshot();
  const values = snapshot.values;
  const request: DetectionRequest = {
    snapshot: { ...snapshot, values: values.map(() => []) },
    files,
    sigmaPaths: options.sigmaPaths,
    workers: options.workers,
    limits: limits(),
    sigmaDisabled: [...(options.sigmaDisabled ?? [])],
    ...options.tuning,
  };
  const worker = new Worker(WORKER_URL, {
    workerData: request,
    transferList: snapshotTransferList(request.snapshot),
  });
  void sendDictionaries(worker, values);
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
