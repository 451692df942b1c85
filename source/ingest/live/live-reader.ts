/**
 * The live source: LookupEvents in every asked region side by side (us-east-1 always, where IAM,
 * sign-in and global STS events are), each region paced on its own, pages indexed as they come.
 * What was read is cached (see PageCache): a reader opened on the same folder shows it at once
 * and asks AWS only for the time not read yet. `esc` (the signal) stops every region and keeps
 * what came.
 */
import { setMaxListeners } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { BatchSink } from '../../trail/batch.js';
import { formatLimit, limits, type Limits } from '../../trail/limits.js';
import type { FileReport, SourceFile } from '../source-file.js';
import { gaps, type Interval } from './coverage.js';
import type { ServerLookup } from './lookup-plan.js';
import { createPacer, type Pacer } from './pacer.js';
import { PageCache } from './page-cache.js';
import { PageLoader } from './page-loader.js';
import { pageRegion, pagingBudget, type PagingBudget, type PagingStop } from './page-region.js';
import { emptyRegion, summarize, type LiveProgress, type RegionProgress } from './progress.js';

export const GLOBAL_REGION = 'us-east-1';
/** LookupEvents keeps 90 days. */
export const RETENTION_MS = 90 * 24 * 3600 * 1000;
/**
 * Events reach LookupEvents minutes after they happen (AWS: typically within 5, at most 15).
 * The newest quarter hour of a read is not recorded as covered, so the next refresh asks again
 * and picks up late arrivals; the ones already here are dropped by eventID.
 */
export const LATE_ARRIVAL_MS = 15 * 60 * 1000;

export interface LiveReaderOptions {
  /** The region's one client (see aws/connect: `connection.cloudTrail`). */
  client: (region: string) => CloudTrailClient;
  /** Regions to read; us-east-1 is added when missing. */
  regions: readonly string[];
  /** The one attribute sent to the server, if any (see serverLookup / forcedLookup). */
  lookup?: ServerLookup;
  /** The cache folder (e.g. `<case>.live`); created 0700. */
  cacheDir: string;
  sink: BatchSink;
  /** Requests a second per region (AWS: 2). */
  ratePerSecond?: number;
  pageSize?: number;
  /** One region's error stops the others too (default): an expired token fails them all alike. */
  stopOnError?: boolean;
  /** Clock, for tests. */
  now?: () => number;
  /** The paging budget (`pages`, `pagingTime`) per region per run; default limits(). */
  limits?: Pick<Limits, 'pages' | 'pagingTime'>;
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: LiveProgress) => void;
  /**
   * The attribute for this read, when it differs from the reader's (a new filter, or follow
   * mode watching one key): `null` for none. Events already indexed are not added again.
   */
  lookup?: ServerLookup | null;
}

export interface LiveResult {
  progress: LiveProgress;
  /** True when the signal stopped the read; what came is indexed. */
  cancelled: boolean;
  /**
   * Regions that stopped on an error, with the SDK's error (describe it with describeAwsError),
   * and what they had loaded before it when anything (`120 events loaded, back to …`).
   */
  errors: { region: string; error: unknown; loaded?: string }[];
  /**
   * Regions trailhound stopped before the endpoint said there was no more (the paging budget,
   * a repeated NextToken, another region's error): one line each naming the region, what
   * happened and what was loaded. What was read stays indexed.
   */
  stops: { region: string; message: string }[];
}

export class LiveReader {
  private readonly cache: PageCache;
  private readonly loader: PageLoader;
  private readonly pacers = new Map<string, Pacer>();
  /** Per region and lookup: the newest event time seen, where the next poll starts. */
  private readonly newest = new Map<string, number>();
  /** Region and lookup pairs whose cached pages are indexed already. */
  private readonly cachedLoaded = new Set<string>();
  readonly regions: readonly string[];

  private constructor(
    private readonly options: LiveReaderOptions,
    cache: PageCache,
  ) {
    this.cache = cache;
    this.loader = new PageLoader(cache, options.sink);
    this.regions = liveRegions(options.regions);
  }

  static async open(options: LiveReaderOptions): Promise<LiveReader> {
    return new LiveReader(options, await PageCache.open(options.cacheDir));
  }

  /** The page files by id (growing): give this array to a RecordReader. */
  get files(): readonly SourceFile[] {
    return this.loader.files;
  }

  /**
   * Files merged with the live API: page files are added to the SOURCE files' table (ids after
   * theirs), so one RecordReader over `table` reads rows of both. Call before the first load.
   */
  joinFiles(table: SourceFile[]): void {
    this.loader.joinFiles(table);
  }

  get reports(): readonly FileReport[] {
    return this.loader.reports;
  }

  /**
   * Shows what the cache holds for these regions and lookup, then reads from AWS what it does
   * not: the parts of [since, until] not covered yet, newest first.
   */
  async load(
    range: { since: number; until?: number },
    read: ReadOptions = {},
  ): Promise<LiveResult> {
    const now = this.now();
    const until = Math.min(range.until ?? now, now);
    const since = Math.max(range.since, now - RETENTION_MS);
    const lookup = this.lookupFor(read);
    return this.run(read, async (state, signal, report, budget) => {
      await this.loadCached(state, lookup);
      const wanted: Interval = [since, until];
      for (const gap of gaps(wanted, this.cache.covered(state.region, lookup))) {
        const stop = await this.readRange(state, lookup, gap, now, signal, report, budget);
        if (stop) return stop;
      }
      return undefined;
    });
  }

  /**
   * Follow mode: asks each region for what is newer than the newest event it has seen (less the
   * late-arrival margin), up to now. New events are indexed like any others; the result counts
   * them. Call it every N seconds, awaiting each before the next.
   *
   * `overlapMs` is how far before the newest event each poll reaches back, for events AWS
   * delivers late (default the full 15 minutes). In a busy account without a lookup that is
   * re-read every poll; a shorter overlap, or a lookup (follow mode watching one key or user),
   * keeps each poll to a page or two.
   */
  async pollNewer(read: ReadOptions & { overlapMs?: number } = {}): Promise<LiveResult> {
    const now = this.now();
    const lookup = this.lookupFor(read);
    const overlap = read.overlapMs ?? LATE_ARRIVAL_MS;
    return this.run(read, async (state, signal, report, budget) => {
      const newest = this.newest.get(pairKey(state.region, lookup)) ?? now;
      const from = Math.max(newest - overlap, now - RETENTION_MS);
      return this.readRange(state, lookup, [from, now], now, signal, report, budget);
    });
  }

  private lookupFor(read: ReadOptions): ServerLookup | undefined {
    return read.lookup === undefined ? this.options.lookup : (read.lookup ?? undefined);
  }

  private async run(
    read: ReadOptions,
    perRegion: (
      state: RegionProgress,
      signal: AbortSignal,
      report: () => void,
      budget: PagingBudget,
    ) => Promise<PagingStop | undefined>,
  ): Promise<LiveResult> {
    const stop = new AbortController();
    // Every region's requests and waits listen on it: Node's default of 10 listeners would
    // print a leak warning across the screen with --all-regions.
    setMaxListeners(0, stop.signal);
    const onAbort = () => stop.abort(read.signal?.reason);
    read.signal?.addEventListener('abort', onAbort, { once: true });
    if (read.signal?.aborted) onAbort();
    const states = this.regions.map(emptyRegion);
    const errors: LiveResult['errors'] = [];
    const stops: LiveResult['stops'] = [];
    const bounds = this.options.limits ?? limits();
    const note = (state: RegionProgress, message: string) => {
      state.stopped = message;
      stops.push({ region: state.region, message });
    };
    let failedRegion: string | undefined;
    const report = (done: boolean) => read.onProgress?.(summarize(states, done));
    report(false);
    await Promise.all(
      states.map(async (state) => {
        const budget = pagingBudget(bounds.pages, bounds.pagingTime, () => this.now());
        try {
          const why = await perRegion(state, stop.signal, () => report(false), budget);
          if (why) note(state, stopMessage(state, why, bounds));
        } catch (error) {
          // Once stopped (cancelled, or another region failed), a region's abort is no error.
          const stopped = stop.signal.aborted && (isAbort(error) || error === stop.signal.reason);
          if (!stopped) {
            state.error = error;
            errors.push({
              region: state.region,
              error,
              ...(state.events > 0 ? { loaded: loadedText(state) } : {}),
            });
            if (this.options.stopOnError ?? true) {
              failedRegion ??= state.region;
              stop.abort();
            }
          } else if (failedRegion !== undefined && !read.signal?.aborted && state.events > 0) {
            // Cut short by another region's error: said, so its partial read is not taken whole
            // (a region that had read nothing is covered by the failed region's line).
            note(
              state,
              `${state.region}: LookupEvents stopped when ${failedRegion} failed; ${loadedText(state)}`,
            );
          }
        } finally {
          state.done = true;
          report(false);
        }
      }),
    );
    read.signal?.removeEventListener('abort', onAbort);
    const progress = summarize(states, true);
    read.onProgress?.(progress);
    return { progress, cancelled: read.signal?.aborted ?? false, errors, stops };
  }

  /** Pages of one gap, newest first; coverage recorded for what was read, even when stopped. */
  private async readRange(
    state: RegionProgress,
    lookup: ServerLookup | undefined,
    range: Interval,
    startedAt: number,
    signal: AbortSignal,
    report: () => void,
    budget: PagingBudget,
  ): Promise<PagingStop | undefined> {
    const { region } = state;
    const newestKey = pairKey(region, lookup);
    let oldestSeen: number | undefined;
    let complete = false;
    try {
      const stop = await pageRegion({
        budget,
        client: this.options.client(region),
        lookup,
        start: range[0],
        end: range[1],
        pacer: this.pacer(region),
        signal,
        ...(this.options.pageSize === undefined ? {} : { pageSize: this.options.pageSize }),
        onThrottle: () => {
          state.throttles++;
          report();
        },
        onPage: async (events) => {
          const added = await this.loader.addPage(region, lookup, events);
          state.pages++;
          state.events += added.events;
          state.duplicates += added.duplicates;
          if (added.oldest !== undefined) {
            oldestSeen = Math.min(oldestSeen ?? added.oldest, added.oldest);
            state.oldest = Math.min(state.oldest ?? added.oldest, added.oldest);
          }
          if (added.newest !== undefined) {
            state.newest = Math.max(state.newest ?? added.newest, added.newest);
            this.newest.set(newestKey, Math.max(this.newest.get(newestKey) ?? 0, added.newest));
          }
          report();
        },
      });
      // Stopped short, only what the pages reached is covered; the next read asks for the rest.
      complete = stop === undefined;
      return stop;
    } finally {
      // Pages come newest first: everything from the oldest event seen to the range's end is read.
      const from = complete ? range[0] : oldestSeen;
      const to = Math.min(range[1], startedAt - LATE_ARRIVAL_MS);
      if (from !== undefined && from < to) await this.cache.markCovered(region, lookup, [from, to]);
    }
  }

  private async loadCached(state: RegionProgress, lookup: ServerLookup | undefined): Promise<void> {
    const key = pairKey(state.region, lookup);
    if (this.cachedLoaded.has(key)) return;
    this.cachedLoaded.add(key);
    for (const path of await this.cache.pages(state.region, lookup)) {
      const bytes = await readFile(path);
      state.cached += this.loader.addCached(path, bytes);
    }
  }

  private pacer(region: string): Pacer {
    let pacer = this.pacers.get(region);
    if (!pacer) this.pacers.set(region, (pacer = createPacer(this.options.ratePerSecond ?? 2)));
    return pacer;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

/** What was loaded before a region stopped, for the end of its line. */
function loadedText(state: RegionProgress): string {
  if (state.events === 0) return 'no new events loaded';
  const back =
    state.oldest === undefined
      ? ''
      : `, back to ${new Date(state.oldest).toISOString().slice(0, 16)}Z`;
  return `${state.events} events loaded${back}`;
}

/** The one line for a region the budget or a repeated token stopped. */
function stopMessage(
  state: RegionProgress,
  why: PagingStop,
  bounds: Pick<Limits, 'pages' | 'pagingTime'>,
): string {
  const what =
    why === 'pages'
      ? `stopped after ${bounds.pages} pages (the paging budget; --limit pages=N to change it)`
      : why === 'time'
        ? `stopped after ${formatLimit('ms', bounds.pagingTime)} (the paging time budget; --limit paging-time=DURATION to change it)`
        : `stopped after ${state.pages} pages: the endpoint sent a NextToken it had sent before, which would page forever`;
  return `${state.region}: LookupEvents ${what}; ${loadedText(state)}`;
}

/** The regions to read: those asked, in order, and us-east-1 when missing. */
export function liveRegions(regions: readonly string[]): string[] {
  const list = [...new Set(regions)];
  if (!list.includes(GLOBAL_REGION)) list.push(GLOBAL_REGION);
  return list;
}

function pairKey(region: string, lookup: ServerLookup | undefined): string {
  return lookup ? `${region}\n${lookup.key}\n${lookup.value}` : region;
}

function isAbort(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: string }).name === 'AbortError' ||
      (error as { code?: string }).code === 'ABORT_ERR')
  );
}
