/**
 * An `s3://` SOURCE as a loader input: planned (what will be listed and fetched, how big), the
 * plan put to the analyst when it is big, then pulled through the cache as a FileFeed the loader
 * parses while it arrives. The S3 module's steps are passed in (the planner, the cache, the
 * puller), and so is the client: this file talks to no bucket itself.
 */
import { setMaxListeners } from 'node:events';
import { sanitizeText } from '../trail/sanitize.js';
import type { FileFeed } from './feed.js';
import type { SourceInput } from './load.js';
import type { PullProgress, S3Plan, S3SourceOptions } from './s3/types.js';

/** A bucket source planned: what `openS3Source` (s3/index.ts) gives. */
export interface PlannedS3Source {
  readonly plan: S3Plan;
  /** The pull (the same each call); it starts when its files are first read. */
  feed(): FileFeed;
  /** Writes the cache's index; under --no-cache removes its temp folder (at the session's end). */
  close(): void;
}

/** The S3 module's one entry (s3/index.ts `openS3Source`), passed in so tests can fake a bucket. */
export type OpenS3Source = (
  uri: string,
  options: S3SourceOptions,
) => Promise<PlannedS3Source | { error: string }>;

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
  /** Once the pull has ended, or the source failed to open: close the connection. */
  onEnd?: () => void;
  /**
   * When nothing will re-read the objects any more (the process's end): the cache is closed
   * then, since its --no-cache folder holds the files the detail pane re-reads.
   */
  atSessionEnd?: (close: () => void) => void;
}

/** The analyst said no to the plan: nothing was fetched. */
export class PullDeclinedError extends Error {}

export async function openS3Input(
  shown: string,
  options: S3OpenOptions,
  open: OpenS3Source,
): Promise<{ input: SourceInput; pull: PullWatch }> {
  const { confirm, onEnd, atSessionEnd, ...source } = options;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd?.();
  };
  const listeners = new Set<(progress: PullProgress) => void>();
  let latest: PullProgress | undefined;
  const stopper = new AbortController();
  // The planner's listings and the pull's requests each listen to it, many at once.
  setMaxListeners(0, stopper.signal);
  let opened: PlannedS3Source;
  try {
    const planned = await open(shown, {
      ...source,
      signal: stopper.signal,
      onProgress: (progress) => {
        latest = progress;
        for (const listener of listeners) listener(progress);
      },
    });
    if ('error' in planned) throw new Error(planned.error);
    opened = planned;
  } catch (error) {
    end();
    throw error;
  }
  const { plan } = opened;
  try {
    if (confirm && !(await confirm(plan, shown)))
      throw new PullDeclinedError(`${sanitizeText(shown)}: not read (the plan was declined)`);
  } catch (error) {
    opened.close();
    end();
    throw error;
  }
  (atSessionEnd ?? ((close) => process.once('exit', close)))(() => opened.close());
  const pulled = opened.feed();
  const feed: FileFeed = {
    shown,
    files: (async function* () {
      try {
        yield* pulled.files;
      } finally {
        end();
      }
    })(),
    // The plan's problems (a denied listing, no AWSLogs/ under the prefix) are among them.
    problems: () => pulled.problems(),
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
