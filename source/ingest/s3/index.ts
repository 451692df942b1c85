/**
 * The `s3://` source, one entry for the CLI and the store: parse the URI, open the cache, plan
 * (what will be read, how big, how much the cache already holds), then, once the caller has
 * shown the plan and been told to go on, pull it as a FileFeed.
 *
 *   const source = await openS3Source('s3://trail-bucket/', options);
 *   if ('error' in source) fail(source.error);
 *   ask(planSummary(source.plan));           // "412 prefixes · 52,310 objects · …"
 *   load(source.feed());                      // files as they arrive
 *   …
 *   source.close();                           // when nothing re-reads the files any more
 */
import type { FileFeed } from '../feed.js';
import { openS3Cache, type S3Cache } from './cache.js';
import { planS3, type PlanOptions } from './plan.js';
import { pullS3, type PullOptions, type S3Pull } from './pull.js';
import type { S3Location, S3Plan, S3SourceOptions } from './types.js';
import { parseS3Uri } from './uri.js';
import { sanitizeText } from '../../trail/sanitize.js';

export { defaultS3CacheDir, openS3Cache, type S3Cache } from './cache.js';
export { describeS3Error } from './errors.js';
export { planS3, planSummary } from './plan.js';
export { pullS3, type S3Pull } from './pull.js';
export * from './types.js';
export { parseS3Uri } from './uri.js';

export interface S3Source {
  readonly location: S3Location;
  readonly plan: S3Plan;
  readonly cache: S3Cache;
  /**
   * The pull of the plan (the same one each call). It starts when its files are first read; its
   * problems are the plan's, the cache's notes, then the objects that could not be fetched.
   */
  feed(): S3Pull;
  /**
   * Writes the cache index; under --no-cache removes the temp folder and the objects in it, so
   * call it only when nothing will re-read the files (the session's end).
   */
  close(): void;
}

export type S3SourceOpenOptions = S3SourceOptions &
  Pick<PlanOptions, 'caps' | 'now'> &
  Pick<PullOptions, 'retry' | 'maxObjectBytes'>;

export async function openS3Source(
  uri: string,
  options: S3SourceOpenOptions,
): Promise<S3Source | { error: string }> {
  const location = parseS3Uri(uri);
  if ('error' in location) return location;
  let cache: S3Cache;
  try {
    cache = openS3Cache(options.cache);
  } catch (error) {
    return { error: `${sanitizeText(uri)}: the S3 cache cannot be used: ${reason(error)}` };
  }
  let plan: S3Plan;
  try {
    plan = await planS3(location, {
      ...options,
      isCached: (object) => cache.isCached(location.bucket, object),
    });
  } catch (error) {
    cache.close();
    // planS3 throws only when stopped (its problems are lines in the plan).
    return {
      error: options.signal?.aborted
        ? `${sanitizeText(uri)}: stopped before the plan was made`
        : `${sanitizeText(uri)}: the plan failed: ${reason(error)}`,
    };
  }
  let pull: S3Pull | undefined;
  return {
    location,
    plan,
    cache,
    feed: () => {
      if (pull) return pull;
      const pulled = pullS3(plan, cache, options);
      pull = { ...pulled, problems: () => [...plan.problems, ...pulled.problems()] };
      return pull;
    },
    close: () => cache.close(),
  };
}

function reason(error: unknown): string {
  return sanitizeText(error instanceof Error ? error.message : String(error));
}

/** Whether a FileFeed is an S3 pull (progress and an end to wait for). */
export function isS3Pull(feed: FileFeed): feed is S3Pull {
  return 'progress' in feed && 'ended' in feed;
}
