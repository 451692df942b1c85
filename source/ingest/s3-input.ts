/**
 * An `s3://` SOURCE as a loader input: planned (what will be listed and fetched, how big), the
 * plan put to the analyst when it is big, then pulled through the cache as a FileFeed the loader
 * parses while it arrives. The S3 module's steps are passed in (the planner, the cache, the
 * puller), and so is the client: this file talks to no bucket itself.
 */
import type { FileFeed } from './feed.js';
import type { SourceInput } from './load.js';
import type {
  PlannedObject,
  PullProgress,
  S3CacheOptions,
  S3Location,
  S3Plan,
  S3SourceOptions,
} from './s3/types.js';

/** What the wire uses of an S3 cache (s3/cache.ts's S3Cache has it all). */
export interface S3CacheHandle {
  /** True under --no-cache: the temp folder stays until the process ends (records are re-read). */
  readonly temporary: boolean;
  isCached(bucket: string, object: PlannedObject): boolean;
  close(): void;
}

/** The S3 module's steps, as the brief fixes their signatures. */
export interface S3Steps {
  parseS3Uri(text: string): S3Location | { error: string };
  planS3(
    location: S3Location,
    options: S3SourceOptions & { isCached?: (object: PlannedObject) => boolean },
  ): Promise<S3Plan>;
  openS3Cache(options: S3CacheOptions): S3CacheHandle;
  pullS3(plan: S3Plan, cache: S3CacheHandle, options: S3SourceOptions): FileFeed;
}

/** A pull under way: its plan, its progress as it goes, and a way to stop it (esc). */
export interface PullWatch {
  /** The source as given, without its query (`s3://bucket/prefix/`). */
  readonly shown: string;
  readonly plan: S3Plan;
  latest(): PullProgress | undefined;
  /** Called with each progress report, and at once with the latest; returns the unsubscribe. */
  subscribe(listener: (progress: PullProgress) => void): () => void;
  /** Stops fetching; the objects already fetched are still handed over (and parsed). */
  stop(): void;
  readonly stopped: boolean;
}

export interface S3OpenOptions extends Omit<S3SourceOptions, 'signal' | 'onProgress'> {
  /** Put the plan to the analyst; false declines the pull. Absent: every plan goes ahead. */
  confirm?: (plan: S3Plan, shown: string) => Promise<boolean> | boolean;
  /** Once the pull has ended (or the source failed to open): close the connection. */
  onEnd?: () => void;
}

/** The analyst said no to the plan: nothing was fetched. */
export class PullDeclinedError extends Error {}

export async function openS3Input(
  shown: string,
  options: S3OpenOptions,
  steps: S3Steps,
): Promise<{ input: SourceInput; pull: PullWatch }> {
  const { confirm, onEnd, ...source } = options;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd?.();
  };
  const location = steps.parseS3Uri(shown);
  if ('error' in location) {
    end();
    throw new Error(location.error);
  }
  let cache: S3CacheHandle | undefined;
  let plan: S3Plan;
  try {
    cache = steps.openS3Cache(source.cache);
    const held = cache;
    plan = await steps.planS3(location, {
      ...source,
      isCached: (object) => held.isCached(location.bucket, object),
    });
    if (confirm && !(await confirm(plan, shown)))
      throw new PullDeclinedError(`${shown}: not read (the plan was declined)`);
  } catch (error) {
    if (cache && !cache.temporary) cache.close();
    end();
    throw error;
  }

  const listeners = new Set<(progress: PullProgress) => void>();
  let latest: PullProgress | undefined;
  const stopper = new AbortController();
  const pulled = steps.pullS3(plan, cache, {
    ...source,
    signal: stopper.signal,
    onProgress: (progress) => {
      latest = progress;
      for (const listener of listeners) listener(progress);
    },
  });
  const kept = cache;
  const feed: FileFeed = {
    shown,
    files: (async function* () {
      try {
        yield* pulled.files;
      } finally {
        // The cache's index is written now; a --no-cache folder stays until the process ends,
        // since the detail pane and the exports re-read records from it.
        if (!kept.temporary) kept.close();
        end();
      }
    })(),
    // The plan's problems (a denied listing, no AWSLogs/ under the prefix) come first.
    problems: () => [...plan.problems, ...pulled.problems()],
  };
  const pull: PullWatch = {
    shown,
    plan,
    latest: () => latest,
    subscribe: (listener) => {
      listeners.add(listener);
      if (latest) listener(latest);
      return () => listeners.delete(listener);
    },
    stop: () => stopper.abort(),
    get stopped() {
      return stopper.signal.aborted;
    },
  };
  return { input: { feed, expectedBytes: plan.bytes }, pull };
}
