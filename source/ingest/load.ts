import type { BatchSink } from '../trail/batch.js';
import { deliveryOrder } from './delivery-order.js';
import { discoverFiles } from './discover.js';
import type { FileFeed } from './feed.js';
import { drainFeed } from './feed-intake.js';
import { JobQueue } from './job-queue.js';
import { expectedRows, outcomes, type FeedTally } from './load-outcomes.js';
import type { ParseJob } from './parse-files.js';
import {
  crashedReply,
  defaultWorkers,
  inlineRunner,
  workerRunner,
  type Reply,
  type Runner,
} from './parse-runners.js';
import { readBounds } from './read-pieces.js';
import type { FileReport, SourceFile } from './source-file.js';
import type { SourceOutcome } from './source-outcome.js';
import { groupJobs } from './work-queue.js';

/**
 * A source as the loader reads it: a path (file or directory); standard input, its bytes or
 * (when too big to hold) the private temp file it was spooled to; or a feed, whose files arrive
 * while the load runs (a bucket's objects). `expectedBytes`: what the feed should bring in all,
 * when known (its plan), so the index makes room once instead of growing as it goes.
 */
export type SourceInput =
  | { path: string }
  | { path: '-'; bytes: Uint8Array }
  | { path: '-'; at: string; size: number }
  | { feed: FileFeed; expectedBytes?: number };

type StdinInput = Extract<SourceInput, { bytes: Uint8Array } | { at: string }>;
type FeedInput = Extract<SourceInput, { feed: FileFeed }>;

const isStdin = (input: SourceInput): input is StdinInput => 'bytes' in input || 'at' in input;
const isFeed = (input: SourceInput): input is FeedInput => 'feed' in input;

export interface LoadProgress {
  /** Files known so far: a feed's count as they arrive. */
  filesTotal: number;
  filesDone: number;
  /** Records that became events so far (duplicates not yet dropped). */
  events: number;
  malformed: number;
  failed: number;
  skipped: number;
  done: boolean;
}

export interface LoadOptions {
  sink: BatchSink;
  /** Parse threads; 0 parses on this thread. Default: one per core. */
  workers?: number;
  onProgress?: (progress: LoadProgress) => void;
  /**
   * Called once the files given up front are known, before parsing: records can be re-read from
   * then on. The array is the load's own: files that arrive later from a feed are appended to
   * it, so a reader holding it re-reads those too.
   */
  onDiscovered?: (files: readonly SourceFile[]) => void;
  /** Stops handing out work and taking files from feeds; what was parsed stays. */
  signal?: AbortSignal;
}

export interface LoadResult {
  /** Every input file by id, for re-reading a record on demand. */
  files: SourceFile[];
  /** One report per file, in id order after the discovery reports; then the feeds' problems. */
  reports: FileReport[];
  /** One per input, in input order: what it yielded, and why nothing when it yielded nothing. */
  sources: SourceOutcome[];
  progress: LoadProgress;
}

const JOB_BYTES = 1024 * 1024;
const JOB_FILES = 256;
/** Jobs kept queued per worker so it never waits on the main thread between jobs. */
const IN_FLIGHT = 2;

export async function loadSources(
  inputs: readonly SourceInput[],
  options: LoadOptions,
): Promise<LoadResult> {
  const files: SourceFile[] = [];
  const reports: FileReport[] = [];
  const paths = inputs.filter((input) => !isStdin(input) && !isFeed(input)) as { path: string }[];
  const feeds = inputs.filter(isFeed);
  // Threads start while the tree is walked: both take a moment, neither needs the other.
  const wanted = options.workers ?? defaultWorkers();
  const threads = Array.from({ length: wanted }, workerRunner);
  for (const thread of threads) thread.warm();
  let discovery;
  try {
    discovery = await discoverFiles(paths.map((input) => input.path));
  } catch (error) {
    for (const thread of threads) thread.close();
    throw error;
  }
  for (const input of inputs.filter(isStdin)) {
    if ('bytes' in input)
      files.push({ id: files.length, path: '-', size: input.bytes.length, bytes: input.bytes });
    else files.push({ id: files.length, path: '-', size: input.size, at: input.at });
  }
  for (const file of discovery.files) files.push({ id: files.length, ...file });
  const givenFiles = files.length;
  reports.push(...discovery.reports);
  options.onDiscovered?.(files);

  const progress: LoadProgress = {
    filesTotal: files.length + discovery.reports.length,
    filesDone: discovery.reports.length,
    events: 0,
    malformed: 0,
    failed: discovery.reports.filter((report) => report.status === 'failed').length,
    skipped: discovery.reports.filter((report) => report.status === 'skipped').length,
    done: false,
  };
  const byId: (FileReport | undefined)[] = new Array(files.length);
  const report = () => options.onProgress?.({ ...progress });
  report();

  // Worker threads have no bounds of their own: each job carries this thread's.
  const reading = readBounds();
  const upFront = groupJobs(deliveryOrder(files), {
    maxBytes: JOB_BYTES,
    maxFiles: JOB_FILES,
    // What the threads hold between them at once: the rest goes out in smaller pieces.
    tailBytes: Math.max(wanted, 1) * IN_FLIGHT * JOB_BYTES,
  });
  for (const jobs of upFront) for (const job of jobs) job.reading = reading;
  const queue = new JobQueue(upFront, { maxBytes: JOB_BYTES, maxFiles: JOB_FILES }, options.signal);

  // Each feed's files join the list (and the queue) as they arrive; its problems once it ends.
  const tallies = new Map<SourceInput, FeedTally>();
  const drains = feeds.map(async (input) => {
    const tally: FeedTally = { fileIds: [], problems: [] };
    tallies.set(input, tally);
    const closed = queue.openFeed();
    const broke = await drainFeed(
      input.feed,
      (file) => {
        const id = files.length;
        files.push({ id, path: file.path, size: file.size, at: file.at });
        tally.fileIds.push(id);
        progress.filesTotal++;
        const job: ParseJob = { fileId: id, path: file.path, at: file.at, reading };
        queue.add(job, file.size);
      },
      options.signal,
    );
    tally.problems.push(...input.feed.problems(), ...(broke === undefined ? [] : [broke]));
    closed();
  });

  // With a feed open every thread stays: its files are still to come.
  const count = queue.feedsOpen ? wanted : Math.min(wanted, queue.queued);
  for (const unneeded of threads.splice(count)) unneeded.close();
  const runners: Runner[] = count > 0 ? threads : [inlineRunner()];
  const accept = (result: Reply) => {
    if (result.batch.count > 0) options.sink.append(result.batch);
    for (const { fileId, places, ...fileReport } of result.files) {
      // Set before anyone can ask for the file's records: none are in the index yet.
      if (places) files[fileId]!.places = places;
      byId[fileId] = fileReport;
      progress.filesDone++;
      progress.events += fileReport.events;
      progress.malformed += fileReport.malformed;
      if (fileReport.status === 'failed') progress.failed++;
      if (fileReport.status === 'skipped') progress.skipped++;
    }
    report();
  };

  // Each runner takes jobs until there is no more work; results are applied as they arrive. A
  // worker that dies takes only its job's files with it: they are reported, not lost.
  const loop = async (runner: Runner): Promise<void> => {
    for (let jobs = await queue.next(); jobs; jobs = await queue.next())
      accept(await runner.run(jobs).catch((error: unknown) => crashedReply(jobs!, error)));
  };
  // Every runner gets its first job before any gets a second: no thread idles while another
  // holds two jobs.
  const loops: Promise<void>[] = [];
  for (let slot = 0; slot < (count > 0 ? IN_FLIGHT : 1); slot++) {
    for (const runner of runners) loops.push(loop(runner));
  }
  // Room for the rows is made while the threads parse their first jobs, not before: nothing
  // is appended until a job comes back.
  const feedBytes = feeds.reduce((sum, input) => sum + (input.expectedBytes ?? 0), 0);
  options.sink.reserve?.(expectedRows(files.slice(0, givenFiles), feedBytes));
  try {
    await Promise.all([...loops, ...drains]);
  } finally {
    for (const runner of runners) runner.close();
  }

  for (const file of files) {
    reports.push(
      byId[file.id] ?? {
        path: file.path,
        status: 'skipped',
        reason: 'load cancelled',
        events: 0,
        malformed: 0,
      },
    );
  }
  // What went wrong outside any one object is a failed input too (--strict, the E list).
  for (const input of feeds)
    for (const problem of tallies.get(input)!.problems) {
      reports.push({
        path: input.feed.shown,
        status: 'failed',
        reason: problem,
        events: 0,
        malformed: 0,
      });
      progress.filesTotal++;
      progress.filesDone++;
      progress.failed++;
    }
  progress.done = true;
  report();
  return {
    files,
    reports,
    sources: outcomes(inputs, discovery, givenFiles - discovery.files.length, byId, tallies),
    progress: { ...progress },
  };
}
