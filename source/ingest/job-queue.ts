import type { ParseJob } from './parse-files.js';

/**
 * How long a file that arrived from a feed waits for others to join its parse job. Files come
 * from a bucket one by one, often a few kilobytes each: handed out alone, every one would cost a
 * thread round trip and a batch of its own. 20 ms keeps the first rows well inside the second the
 * analyst waits, and lets files that land together (a cache full of them) share a job.
 */
export const FEED_LINGER_MS = 20;

export interface FeedSizes {
  /** Bytes (as stored) and files per job made of files from feeds. */
  maxBytes: number;
  maxFiles: number;
  lingerMs?: number;
}

/**
 * The parse jobs of one load: those made up front from the files known at the start, then those
 * made of files that arrive from feeds while the load runs. A runner asks for the next job and
 * waits while a feed is open and nothing is ready; it is told there is no more work once every
 * feed has ended (or the load is stopped) and everything queued has been handed out.
 */
export class JobQueue {
  private readonly ready: ParseJob[][];
  private pending: ParseJob[] = [];
  private pendingBytes = 0;
  private pendingSince = 0;
  private open = 0;
  private wakers: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    initial: ParseJob[][],
    private readonly sizes: FeedSizes,
    private readonly signal?: AbortSignal,
  ) {
    this.ready = [...initial];
    signal?.addEventListener('abort', () => this.wake(), { once: true });
  }

  /** A feed starts giving files; the returned function says it has ended. */
  openFeed(): () => void {
    this.open++;
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.open--;
      this.wake();
    };
  }

  /** A file that has arrived: it joins the job being gathered, which goes out when full. */
  add(job: ParseJob, size: number): void {
    if (this.pending.length === 0) {
      this.pendingSince = Date.now();
      // The timer flushes itself rather than leave it to next()'s clock check: a timer may fire
      // a millisecond before Date.now() says the linger has passed, and a runner that then went
      // back to sleep would wait for a wake that never comes (the feed waits on its rows).
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.pending.length > 0) this.flush();
        this.wake();
      }, this.sizes.lingerMs ?? FEED_LINGER_MS);
    }
    this.pending.push(job);
    this.pendingBytes += size;
    if (this.pendingBytes >= this.sizes.maxBytes || this.pending.length >= this.sizes.maxFiles)
      this.flush();
    this.wake();
  }

  /** The next job; undefined once there is no more work (or the load was stopped). */
  async next(): Promise<ParseJob[] | undefined> {
    for (;;) {
      if (this.signal?.aborted) return undefined;
      const lingered = Date.now() - this.pendingSince >= (this.sizes.lingerMs ?? FEED_LINGER_MS);
      if (this.ready.length === 0 && this.pending.length > 0 && (this.open === 0 || lingered))
        this.flush();
      const jobs = this.ready.shift();
      if (jobs) return jobs;
      if (this.open === 0) return undefined;
      await new Promise<void>((resolve) => this.wakers.push(resolve));
    }
  }

  /** Jobs made up front that are still queued (a hint for how many threads to keep). */
  get queued(): number {
    return this.ready.length;
  }

  get feedsOpen(): boolean {
    return this.open > 0;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.ready.push(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
  }

  private wake(): void {
    for (const wake of this.wakers.splice(0)) wake();
  }
}
