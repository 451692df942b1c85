import { Worker } from 'node:worker_threads';
import { limits } from '../trail/limits.js';
import type { FetchJob, FetchReply } from './fetch-job.js';

/** Takes one reply; `consumed` is called once its records have been handed over. */
export type ReplyHandler = (reply: FetchReply, consumed: () => void) => void;

interface PendingJob {
  onReply: ReplyHandler;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One fetch thread, answering jobs in the order they were sent. A thread that dies (a crash,
 * running out of memory, a missing worker file) rejects every job it holds, and the next job
 * starts a fresh thread: nothing waits on a dead one.
 */
export class FetchThread {
  private live: { worker: Worker; pending: PendingJob[] } | undefined;

  constructor(private readonly url: URL) {}

  /** Sends a job; `onReply` sees each part of the answer, the promise settles after the last. */
  run(jobs: readonly FetchJob[], onReply: ReplyHandler): Promise<void> {
    return new Promise((resolve, reject) => {
      let thread;
      try {
        thread = this.live ??= this.start();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      thread.pending.push({ onReply, resolve, reject });
      thread.worker.postMessage(jobs);
    });
  }

  /** Starts the thread ahead of the first job. */
  warm(): void {
    this.live ??= this.start();
  }

  /** Ends the thread; settles once it is gone. */
  async close(): Promise<void> {
    const thread = this.live;
    this.live = undefined;
    if (!thread) return;
    // What it still held is abandoned by the caller: no rejection should reach anyone.
    thread.pending.length = 0;
    await thread.worker.terminate();
  }

  private start(): { worker: Worker; pending: PendingJob[] } {
    // The thread counts its replies here as they are consumed, and pauses while too many are not.
    const consumed = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const markConsumed = () => {
      Atomics.add(consumed, 0, 1);
      Atomics.notify(consumed, 0);
    };
    // The bounds in force here go with it: the thread's own module state starts at the defaults.
    const worker = new Worker(this.url, { workerData: { consumed, limits: limits() } });
    const thread = { worker, pending: [] as PendingJob[] };
    const fail = (error: Error) => {
      if (this.live === thread) this.live = undefined;
      for (const job of thread.pending.splice(0)) job.reject(error);
    };
    thread.worker.on('message', (reply: FetchReply) => {
      const job = thread.pending[0];
      if (!job) return;
      job.onReply(reply, markConsumed);
      if (reply.last) {
        thread.pending.shift();
        job.resolve();
      }
    });
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    return thread;
  }
}
