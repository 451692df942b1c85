import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding, RecordFacts } from '../detect/index.js';
import { snapshotTransferList, type EventIndex } from '../index/index.js';
import type { SourceFile } from '../ingest/index.js';
import type { DetectionReply, DetectionRequest } from './detection-messages.js';

const WORKER_URL = new URL('./detection-worker.js', import.meta.url);

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
    signal?: AbortSignal;
    onFindings: (findings: Finding[]) => void;
  },
): Promise<ThreadResult> {
  const request: DetectionRequest = {
    snapshot: index.snapshot(),
    files,
    sigmaPaths: options.sigmaPaths,
    workers: options.workers,
  };
  const worker = new Worker(WORKER_URL, {
    workerData: request,
    transferList: snapshotTransferList(request.snapshot),
  });
  return new Promise((resolve, reject) => {
    const stop = () => void worker.terminate();
    options.signal?.addEventListener('abort', stop, { once: true });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', stop);
      finish();
      void worker.terminate();
    };
    worker.on('message', (reply: DetectionReply) => {
      if (reply.type === 'findings') options.onFindings(reply.findings);
      else if (reply.type === 'done') settle(() => resolve(reply));
      else settle(() => reject(new Error(reply.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the detection thread stopped (exit ${code})`))),
    );
  });
}
