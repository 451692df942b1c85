import { performance } from 'node:perf_hooks';
import type { RawRecord } from '../trail/event.js';
import type {
  FetchedRecords,
  FetchedTexts,
  FetchFailure,
  FetchJob,
  FetchReply,
} from './fetch-job.js';

export interface FetchResult {
  /** Files whose wanted records could not be fetched (see FetchFailure), and why. */
  failures: FetchFailure[];
  /** Records delivered. */
  records: number;
  /** Files all of whose wanted records were delivered. */
  files: number;
}

/**
 * Main-thread time spent parsing and handing over records before the event loop gets a turn:
 * well under a frame, so keys and repaints are never held up for long by a fetch.
 */
const SLICE_MS = 8;

/** What one job's files owe and have delivered, by their slot in the job. */
export class JobBooks {
  /** Records not yet received: what a thread that dies still owed. */
  readonly due: number[];
  /** Records not yet delivered: a file is fetched when this reaches 0. */
  readonly undelivered: number[];
  /** Files given up on after some of their records were received (one no longer parses). */
  readonly failed: boolean[];

  constructor(readonly jobs: readonly FetchJob[]) {
    this.due = jobs.map((job) => job.recordIndexes.length);
    this.undelivered = [...this.due];
    this.failed = jobs.map(() => false);
  }
}

interface Waiting {
  books: JobBooks;
  outcome: { slot: number } & FetchedTexts;
  chars: number;
  /** Set on a reply's last entry: tells its thread the reply is consumed. */
  consumed?: () => void;
}

function isRecord(value: unknown): value is RawRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Receives the threads' answers and hands the records to the consumer on the main thread. A
 * reply only queues text (cheap); parsing happens in slices of a few milliseconds, one slice per
 * turn of the event loop, however fast the threads answer.
 */
export class Delivery {
  readonly result: FetchResult = { failures: [], records: 0, files: 0 };
  /** Delivered entries are cleared at once: each holds up to a megabyte of text. */
  private queue: (Waiting | undefined)[] = [];
  private head = 0;
  private backlog = 0;
  private scheduled = false;
  private stopped = false;
  private waiters: { chars: number; resolve: () => void }[] = [];

  constructor(
    private readonly onRecords: (batch: FetchedRecords) => void,
    private readonly onConsumerError: (error: unknown) => void,
  ) {}

  /** Queues a reply's records; `consumed` is called once they have all been handed over. */
  receive(books: JobBooks, reply: FetchReply, consumed: () => void = () => {}): void {
    if (this.stopped) return;
    const first = this.queue.length;
    for (const { slot, ...outcome } of reply.outcomes) {
      if ('reason' in outcome) {
        books.due[slot] = 0;
        this.result.failures.push(outcome);
        continue;
      }
      books.due[slot]! -= outcome.texts.length;
      let chars = 0;
      for (const text of outcome.texts) chars += text.length;
      this.queue.push({ books, outcome: { slot, ...outcome }, chars });
      this.backlog += chars;
    }
    const last = this.queue.length > first ? this.queue[this.queue.length - 1] : undefined;
    if (last) last.consumed = consumed;
    else consumed();
    this.schedule();
  }

  /** A thread died: every file of the job with records still due fails. */
  abandon(books: JobBooks, why: string): void {
    if (this.stopped) return;
    books.jobs.forEach((job, slot) => {
      const left = books.due[slot]!;
      if (left === 0) return;
      books.due[slot] = 0;
      const got = job.recordIndexes.length - left;
      const partial = got > 0 ? ` after ${got} of ${job.recordIndexes.length} records` : '';
      this.result.failures.push({ fileId: job.fileId, path: job.path, reason: why + partial });
    });
  }

  /** Resolves once at most `chars` of received text wait to be delivered (0: all delivered). */
  room(chars: number): Promise<void> {
    if (this.stopped || this.backlog <= chars) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ chars, resolve }));
  }

  /** Drops what waits; nothing more is delivered or counted. */
  stop(): void {
    this.stopped = true;
    this.queue = [];
    this.head = 0;
    this.backlog = 0;
    this.wake();
  }

  private schedule(): void {
    if (this.scheduled || this.head >= this.queue.length) return;
    this.scheduled = true;
    setImmediate(this.drain);
  }

  private readonly drain = (): void => {
    this.scheduled = false;
    const until = performance.now() + SLICE_MS;
    while (!this.stopped && this.head < this.queue.length) {
      const waiting = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      this.backlog -= waiting.chars;
      this.deliver(waiting);
      waiting.consumed?.();
      if (performance.now() >= until) break;
    }
    // Drop what was delivered now and then, not on every entry (shifting an array is O(n)).
    if (this.head === this.queue.length || this.head > 1024) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.wake();
    this.schedule();
  };

  private wake(): void {
    const ready = this.waiters.filter((waiter) => this.stopped || this.backlog <= waiter.chars);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }

  private deliver({ books, outcome }: Waiting): void {
    const { slot, fileId, recordIndexes, texts } = outcome;
    if (books.failed[slot]) return;
    const records = new Array<RawRecord>(texts.length);
    for (let i = 0; i < texts.length; i++) {
      let value: unknown;
      try {
        value = JSON.parse(texts[i]!);
      } catch {
        value = undefined;
      }
      // In facts mode a record with nothing to say arrives as null: an empty set of facts.
      if (value === null && books.jobs[slot]!.extract === 'facts') value = {};
      if (!isRecord(value)) {
        // Only a file rewritten to the same size, and still valid gzip, gets here.
        books.failed[slot] = true;
        const path = books.jobs[slot]!.path;
        const reason = `changed since it was loaded (record ${recordIndexes[i]} no longer parses)`;
        this.result.failures.push({ fileId, path, reason });
        return;
      }
      records[i] = value;
    }
    books.undelivered[slot]! -= records.length;
    this.result.records += records.length;
    if (books.undelivered[slot] === 0) this.result.files++;
    try {
      this.onRecords({ fileId, recordIndexes, records });
    } catch (error) {
      this.stop();
      this.onConsumerError(error);
    }
  }
}
