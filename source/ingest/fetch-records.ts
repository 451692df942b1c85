import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Delivery, JobBooks, type FetchResult } from './fetch-delivery.js';
import { answerJob, type FetchedRecords, type FetchJob, type FetchRequest } from './fetch-job.js';
import { FetchThread } from './fetch-thread.js';
import type { SourceFile } from './source-file.js';

export type { FetchResult } from './fetch-delivery.js';
export type { FetchedRecords, FetchFailure, FetchRequest } from './fetch-job.js';

export interface FetchOptions {
  /** Fetch threads; 0 fetches on this thread. Default: as many as the loader uses. */
  workers?: number;
  /** Stops handing out work and ends the threads; the promise resolves with what came. */
  signal?: AbortSignal;
  /**
   * Receives the records as they arrive. A file's records come in order, in one batch or (when
   * many are wanted from it) several; files come in no particular order.
   */
  onRecords: (batch: FetchedRecords) => void;
  /** The compiled fetch-worker.js; by default the one beside this module. */
  workerUrl?: URL;
  /** 'facts': deliver each record's RecordFacts (or null) instead of the record. */
  extract?: 'facts';
}

/** Files per job: enough work that a thread's round trip is cheap next to it (as the loader). */
const JOB_BYTES = 1024 * 1024;
const JOB_FILES = 256;
/** Jobs queued per thread so it never waits on this thread between jobs. */
const IN_FLIGHT = 2;
/**
 * Text read on this thread but not yet handed over beyond which no more in-memory files are read.
 * (The threads hold themselves back: see REPLY_WINDOW.)
 */
const BACKLOG_CHARS = 16 * 1024 * 1024;

const WORKER_URL = new URL('./fetch-worker.js', import.meta.url);

/** As the loader: one thread per core, none when the worker is not compiled (TypeScript sources). */
function defaultWorkers(url: URL): number {
  return url !== WORKER_URL || existsSync(fileURLToPath(url)) ? availableParallelism() : 0;
}

/** Mistakes of the caller, not of the files: those reject. */
function checkArguments(
  files: readonly SourceFile[],
  requests: readonly FetchRequest[],
  workers: number,
): void {
  if (!Number.isInteger(workers) || workers < 0) {
    throw new RangeError(`workers must be a whole number ≥ 0, not ${workers}`);
  }
  for (const { fileId, recordIndexes } of requests) {
    if (!Number.isInteger(fileId) || files[fileId]?.id !== fileId) {
      throw new RangeError(`no source file ${fileId} among ${files.length}`);
    }
    if (!(recordIndexes instanceof Uint32Array)) {
      throw new TypeError(`recordIndexes of file ${fileId} must be a Uint32Array`);
    }
    for (let i = 1; i < recordIndexes.length; i++) {
      if (recordIndexes[i]! < recordIndexes[i - 1]!) {
        throw new RangeError(`recordIndexes of file ${fileId} are not sorted ascending`);
      }
    }
  }
}

function groupBySize(jobs: readonly FetchJob[]): FetchJob[][] {
  const groups: FetchJob[][] = [];
  let current: FetchJob[] = [];
  let bytes = 0;
  for (const job of jobs) {
    if (current.length > 0 && (bytes + job.size > JOB_BYTES || current.length >= JOB_FILES)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(job);
    bytes += job.size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Fetches many full records back from their files, for work that needs more than the index's
 * columns. Files on disk are read in worker threads, several per job, and only the wanted
 * records come back; files held in memory (standard input) are read on this thread, one per
 * turn of the event loop. A bad file becomes a failure and the others still arrive.
 */
export async function fetchRecords(
  files: readonly SourceFile[],
  requests: readonly FetchRequest[],
  options: FetchOptions,
): Promise<FetchResult> {
  const workerUrl = options.workerUrl ?? WORKER_URL;
  const wanted = options.workers ?? defaultWorkers(workerUrl);
  checkArguments(files, requests, wanted);
  const { signal } = options;

  const here: FetchJob[][] = [];
  const onDisk: FetchJob[] = [];
  const extract = options.extract ? { extract: options.extract } : {};
  for (const { fileId, recordIndexes } of requests) {
    if (recordIndexes.length === 0) continue;
    const { path, size, bytes, rawPath, at, places } = files[fileId]!;
    // A name that is not UTF-8 is opened by its bytes; a spooled standard input from its temp
    // file; a big file's records are read where they lie.
    const where = {
      ...(rawPath ? { rawPath } : {}),
      ...(at ? { at } : {}),
      ...(places ? { places } : {}),
      ...extract,
    };
    if (bytes) here.push([{ fileId, path, size, recordIndexes, bytes, ...where }]);
    else if (wanted === 0) here.push([{ fileId, path, size, recordIndexes, ...where }]);
    else onDisk.push({ fileId, path, size, recordIndexes, ...where });
  }
  const queue = groupBySize(onDisk);

  let stopped = false;
  let consumerError: { error: unknown } | undefined;
  let halt = () => {};
  const halted = new Promise<void>((resolve) => (halt = resolve));
  const delivery = new Delivery(options.onRecords, (error) => {
    consumerError = { error };
    stop();
  });
  const stop = () => {
    stopped = true;
    delivery.stop();
    halt();
  };
  if (signal?.aborted) return delivery.result;
  signal?.addEventListener('abort', stop, { once: true });

  const threads = Array.from({ length: Math.min(wanted, queue.length) }, () => {
    const thread = new FetchThread(workerUrl);
    thread.warm();
    return thread;
  });
  const drainThread = async (thread: FetchThread) => {
    for (let jobs = queue.shift(); jobs && !stopped; jobs = queue.shift()) {
      const books = new JobBooks(jobs);
      await thread
        .run(jobs, (reply, consumed) => delivery.receive(books, reply, consumed))
        .catch((error: unknown) =>
          delivery.abandon(books, `fetch thread died (${message(error)})`),
        );
    }
  };
  // Reading blocks this thread: one file per turn, so keys and repaints get in between.
  const drainHere = async () => {
    for (const jobs of here) {
      await delivery.room(BACKLOG_CHARS);
      await nextTurn();
      if (stopped) return;
      const books = new JobBooks(jobs);
      answerJob(jobs, (reply) => delivery.receive(books, reply));
    }
  };

  // Every thread gets its first job before any gets a second.
  const loops = [drainHere()];
  for (let slot = 0; slot < IN_FLIGHT; slot++) {
    for (const thread of threads) loops.push(drainThread(thread));
  }
  const allDelivered = Promise.all(loops).then(() => delivery.room(0));
  try {
    await Promise.race([allDelivered, halted]);
  } finally {
    stop();
    // Resolved means gone: no thread outlives the call to keep the process alive.
    await Promise.all(threads.map((thread) => thread.close()));
    signal?.removeEventListener('abort', stop);
  }
  if (consumerError) throw consumerError.error;
  return delivery.result;
}
