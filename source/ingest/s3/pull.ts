/**
 * Fetching a plan's objects into the cache and handing each over as a FeedFile, whole on disk.
 *
 * - Objects the cache holds with the same ETag and size go first, without a request.
 * - The rest: at most `concurrency` GetObject in flight, each body read whole (bounded), written
 *   to the cache, handed over. Each object is handed over once, or named in `problems()`.
 * - Retries: exponential back-off with full jitter, capped attempts. A 503 SlowDown halves the
 *   number of requests allowed in flight (once per round of requests: the answers to requests
 *   sent before the halving do not halve it again), which then grows back by one per round of
 *   successes; SlowDown gets more attempts than other failures, since it says "later", not "no".
 * - An object that changed since it was listed (If-Match refused) is fetched again as it is now;
 *   a body shorter than its Content-Length is fetched again.
 * - `signal` stops handing out requests and cancels those in flight; the feed ends after the files
 *   already fetched.
 */
import { setMaxListeners } from 'node:events';
import type { FeedFile, FileFeed } from '../feed.js';
import { sanitizeText } from '../../trail/sanitize.js';
import type { S3Cache } from './cache.js';
import { describeS3Error, s3Text } from './errors.js';
import { feedQueue } from './feed-queue.js';
import { getObject, MAX_OBJECT_BYTES, ObjectTooLargeError } from './get-object.js';
import type { PlannedObject, PullProgress, S3Plan, S3SourceOptions } from './types.js';
import { DEFAULT_S3_CONCURRENCY } from './types.js';

export interface RetryPolicy {
  /** Attempts per object for failures other than SlowDown, the first included. */
  attempts: number;
  /** Attempts per object while S3 answers SlowDown. */
  slowDownAttempts: number;
  /** First back-off, ms; doubles each attempt up to `capMs`, a random part of it is waited. */
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  slowDownAttempts: 12,
  baseMs: 100,
  capMs: 10_000,
};

export interface PullOptions extends Pick<
  S3SourceOptions,
  'client' | 'concurrency' | 'signal' | 'onProgress'
> {
  retry?: Partial<RetryPolicy>;
  /** Objects larger than this are refused (default {@link MAX_OBJECT_BYTES}). */
  maxObjectBytes?: number;
  /** Ms between index writes during a long pull. */
  flushEveryMs?: number;
}

export interface S3Pull extends FileFeed {
  progress(): PullProgress;
  /** Settles when the pull has ended (all fetched, failed or stopped). */
  readonly ended: Promise<void>;
}

/** Problem lines kept at most; past that one line says how many more. */
const MAX_PROBLEMS = 50;

type Failure = 'slow-down' | 'changed' | 'transient' | 'permanent' | 'aborted';

const TRANSIENT_NAMES = new Set([
  'ShortBodyError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'ServiceUnavailable',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

function classify(error: unknown, signal: AbortSignal): Failure {
  if (signal.aborted) return 'aborted';
  const facts = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = facts.$metadata?.httpStatusCode;
  if (facts.name === 'SlowDown' || status === 503) return 'slow-down';
  if (facts.name === 'PreconditionFailed' || status === 412) return 'changed';
  if (facts.name === 'ObjectTooLargeError' || facts.name === 'ResponseTooLargeError')
    return 'permanent';
  if (TRANSIENT_NAMES.has(facts.name ?? '') || NETWORK_CODES.has(facts.code ?? ''))
    return 'transient';
  if (status === undefined || status >= 500 || status === 408 || status === 429) return 'transient';
  return 'permanent';
}

/** One line for an object that could not be fetched: the call, the object, why, what to do. */
export function describeGetObjectError(
  error: unknown,
  bucket: string,
  key: string,
  region: string,
): string {
  if (error instanceof ObjectTooLargeError)
    return `GetObject on ${s3Text(bucket, key)}: ${error.message}; it was not read (not a CloudTrail log file?)`;
  return describeS3Error(error, { call: 'GetObject', bucket, key, region });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export function pullS3(plan: S3Plan, cache: S3Cache, options: PullOptions): S3Pull {
  const { bucket } = plan.location;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const maxObjectBytes = options.maxObjectBytes ?? MAX_OBJECT_BYTES;
  const ceiling = Math.max(1, Math.floor(options.concurrency || DEFAULT_S3_CONCURRENCY));
  const flushEveryMs = options.flushEveryMs ?? 30_000;
  // Our own controller: the caller's signal stops the pull, and so does nothing else for now.
  const stop = new AbortController();
  // Each request and each back-off listens to it: as many as the pull's width, not a leak.
  setMaxListeners(4 * ceiling + 16, stop.signal);
  const onAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const problems: string[] = [];
  let problemsLeftOff = 0;
  const problem = (line: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(line);
    else problemsLeftOff++;
  };
  const progress: PullProgress = {
    prefixes: plan.prefixes.length,
    objectsTotal: 0,
    objectsDone: 0,
    bytesTotal: 0,
    bytesDone: 0,
    fromCache: 0,
    retries: 0,
    slowDowns: 0,
    inFlight: 0,
    concurrency: ceiling,
    startedAt: Date.now(),
    done: false,
  };
  const report = () => options.onProgress?.({ ...progress });

  let resolveEnded: () => void = () => {};
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  let started = false;
  const queue = feedQueue(() => {
    if (started) return;
    started = true;
    void run()
      .catch((error: unknown) => {
        // The cache itself failed (a folder that cannot be made): said once, the feed still ends.
        problem(
          `s3://${sanitizeText(bucket)}: the pull stopped: ${sanitizeText((error as Error).message ?? String(error))}`,
        );
      })
      .finally(() => {
        progress.inFlight = 0;
        progress.done = true;
        report();
        queue.end();
        options.signal?.removeEventListener('abort', onAbort);
        resolveEnded();
      });
  });
  const hand = (object: PlannedObject, at: string, size: number) => {
    const file: FeedFile = { path: `s3://${bucket}/${object.key}`, at, size };
    progress.objectsDone++;
    progress.bytesDone += size;
    queue.push(file);
  };

  async function run(): Promise<void> {
    const client = options.client(plan.bucketRegion);
    // Nothing handed over twice, even if the plan names an object twice.
    const seen = new Set<string>();
    const pending: PlannedObject[] = [];
    for (const object of plan.objects) {
      if (seen.has(object.key)) continue;
      seen.add(object.key);
      progress.objectsTotal++;
      progress.bytesTotal += object.size;
      if (object.size > maxObjectBytes) {
        problem(
          describeGetObjectError(
            new ObjectTooLargeError(object.size, maxObjectBytes),
            bucket,
            object.key,
            plan.bucketRegion,
          ),
        );
        continue;
      }
      const at = stop.signal.aborted ? undefined : cache.take(bucket, object);
      if (at !== undefined) {
        progress.fromCache++;
        hand(object, at, object.size);
      } else pending.push(object);
    }
    report();
    // Room for what is about to come, from objects this session does not use.
    cache.evict(pending.reduce((sum, object) => sum + object.size, 0));

    let limit = ceiling;
    let growth = 0;
    let sent = 0;
    let halvedAt = -1;
    let active = 0;
    let next = 0;
    let lastFlush = Date.now();
    const narrow = (sentAs: number) => {
      if (sentAs <= halvedAt) return;
      limit = Math.max(1, Math.floor(limit / 2));
      halvedAt = sent;
      growth = 0;
      progress.concurrency = limit;
    };
    const widen = () => {
      if (limit >= ceiling) return;
      // One more per round of successes at the current width: slow, as S3 asks.
      growth += 1 / limit;
      if (growth >= 1) {
        growth = 0;
        limit++;
        progress.concurrency = limit;
      }
    };

    const fetchOne = async (object: PlannedObject): Promise<void> => {
      let ifMatch: string | undefined = object.etag || undefined;
      let failures = 0;
      let slowDowns = 0;
      for (;;) {
        const sentAs = ++sent;
        progress.inFlight++;
        let failure: Failure | undefined;
        let lastError: unknown;
        try {
          const fetched = await getObject(
            client,
            { bucket, key: object.key, ifMatch, maxBytes: maxObjectBytes },
            stop.signal,
          );
          progress.inFlight--;
          if (stop.signal.aborted) return;
          const at = cache.store(bucket, object.key, fetched.etag, fetched.bytes);
          hand(object, at, fetched.bytes.length);
          widen();
          report();
          return;
        } catch (error) {
          progress.inFlight = Math.max(0, progress.inFlight - 1);
          lastError = error;
          failure = classify(error, stop.signal);
        }
        if (failure === 'aborted') return;
        if (failure === 'slow-down') {
          slowDowns++;
          progress.slowDowns++;
          narrow(sentAs);
        } else if (failure === 'changed') {
          // Replaced since it was listed: take it as it is now (the cache records the new ETag).
          ifMatch = undefined;
          failures++;
        } else failures++;
        const exhausted =
          failure === 'permanent' ||
          failures >= retry.attempts ||
          slowDowns >= retry.slowDownAttempts;
        if (exhausted) {
          problem(describeGetObjectError(lastError, bucket, object.key, plan.bucketRegion));
          report();
          return;
        }
        progress.retries++;
        report();
        const attempt = failures + slowDowns;
        await sleep(
          Math.random() * Math.min(retry.capMs, retry.baseMs * 2 ** (attempt - 1)),
          stop.signal,
        );
        if (stop.signal.aborted) return;
      }
    };

    await new Promise<void>((resolve) => {
      const pump = () => {
        while (active < limit && next < pending.length && !stop.signal.aborted) {
          const object = pending[next++]!;
          active++;
          void fetchOne(object)
            .catch((error: unknown) => {
              // A cache write that failed (a full disk): the object is named, the pull goes on.
              problem(
                `${sanitizeText(`s3://${bucket}/${object.key}`)}: fetched but not kept: ${sanitizeText((error as Error).message ?? String(error))}`,
              );
            })
            .finally(() => {
              active--;
              if (Date.now() - lastFlush > flushEveryMs) {
                lastFlush = Date.now();
                flushQuietly();
              }
              pump();
            });
        }
        if (active === 0 && (next >= pending.length || stop.signal.aborted)) resolve();
      };
      stop.signal.addEventListener('abort', pump, { once: true });
      pump();
    });

    const notFetched = progress.objectsTotal - progress.objectsDone;
    if (stop.signal.aborted && notFetched > 0)
      problem(
        `s3://${sanitizeText(bucket)}: stopped with ${notFetched} of ${progress.objectsTotal} objects not fetched; open it again to fetch the rest`,
      );
    const over = cache.evict();
    if (over > 0 && !cache.temporary)
      problem(
        `the S3 cache is ${over} bytes past --cache-max: the objects this session reads are kept until it ends`,
      );
    if (problemsLeftOff > 0) problems.push(`… and ${problemsLeftOff} more objects not fetched`);
    flushQuietly();
  }

  const flushQuietly = () => {
    try {
      cache.flush();
    } catch (error) {
      problem(
        `the S3 cache index was not saved: ${sanitizeText((error as Error).message ?? String(error))}; the next open fetches again`,
      );
    }
  };

  return {
    shown: `s3://${plan.location.bucket}/${plan.location.prefix}`,
    files: queue.files,
    // The cache's notes (an index it could not read) belong with the pull's own lines.
    problems: () => [...cache.notes(), ...problems],
    progress: () => ({ ...progress }),
    ended,
  };
}
