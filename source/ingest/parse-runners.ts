import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BatchBuilder, type EventBatch } from '../trail/batch.js';
import { limits } from '../trail/limits.js';
import { parseFiles, type ParseJob, type ParsedFile } from './parse-files.js';

/** What a parse thread gives back for a job: one batch, one report per file. */
export type Reply = { batch: EventBatch; files: ParsedFile[] };
export type JobRunner = (jobs: ParseJob[]) => Promise<Reply>;
export interface Runner {
  run: JobRunner;
  close: () => void;
}

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** Workers need the compiled worker file; under the test runner (TypeScript sources) parse inline. */
export function defaultWorkers(): number {
  return existsSync(fileURLToPath(WORKER_URL)) ? availableParallelism() : 0;
}

/**
 * Batches carry stream-local dictionary ids (see EventBatch), so every parse thread, and every
 * restart of one, gets a stream number no other has had in this process.
 */
let nextStream = 0;

export function inlineRunner(): Runner {
  const builder = new BatchBuilder(nextStream++, 4096);
  return {
    // Yield to the event loop between jobs so a UI on this thread keeps answering keys.
    run: (jobs) =>
      new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(parseFiles(jobs, builder));
          } catch (error) {
            reject(error);
          }
        }),
      ),
    close: () => undefined,
  };
}

type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };

/**
 * One parse thread. A thread that dies (a crash, running out of memory, a missing worker file)
 * rejects the jobs it holds, and the next job starts a fresh thread: nothing waits on a dead one.
 */
export function workerRunner(): Runner & { warm: () => void } {
  let live: { worker: Worker; pending: Pending[] } | undefined;
  const start = () => {
    const stream = nextStream++;
    // A young generation four times the default: a job's parsed records die young, and each
    // scavenge costs about the same however much died. At 1M events 64 MB measured 6% faster
    // than 32 (and 32 about 4% faster than the default) for ~45 MB more peak RSS; 128 was slower.
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
      workerData: { limits: limits() },
    });
    const thread = { worker, pending: [] as Pending[] };
    const fail = (error: Error) => {
      if (live === thread) live = undefined;
      for (const job of thread.pending.splice(0)) job.reject(error);
    };
    // The thread numbers nothing itself: its batches are stamped with its stream here.
    thread.worker.on('message', (reply: Reply) =>
      thread.pending.shift()?.resolve({ ...reply, batch: { ...reply.batch, stream } }),
    );
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => fail(new Error(`parse thread exited with code ${code}`)));
    return thread;
  };
  return {
    run: (jobs) =>
      new Promise((resolve, reject) => {
        live ??= start();
        live.pending.push({ resolve, reject });
        live.worker.postMessage(jobs);
      }),
    close: () => {
      if (live) void live.worker.terminate();
      live = undefined;
    },
    warm: () => {
      live ??= start();
    },
  };
}

/** A job whose thread died: its files are reported failed, not lost. */
export function crashedReply(jobs: readonly ParseJob[], error: unknown): Reply {
  const why = error instanceof Error ? error.message : String(error);
  return {
    batch: emptyBatch(),
    files: jobs.map((job) => ({
      fileId: job.fileId,
      path: job.path,
      status: 'failed',
      reason: `parser crashed: ${why}`,
      events: 0,
      malformed: 0,
    })),
  };
}

function emptyBatch(): EventBatch {
  return {
    stream: -1,
    count: 0,
    time: new Float64Array(0),
    idHash: new Uint32Array(0),
    fileId: new Uint32Array(0),
    recordIndex: new Uint32Array(0),
    columns: [],
    newValues: [],
    newHashes: [],
    firstNewId: new Uint32Array(0),
  };
}
