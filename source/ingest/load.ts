import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BatchBuilder, type BatchSink, type EventBatch } from '../trail/batch.js';
import { limits } from '../trail/limits.js';
import { deliveryOrder } from './delivery-order.js';
import { discoverFiles, type Discovery } from './discover.js';
import { parseFiles, type ParseJob, type ParsedFile } from './parse-files.js';
import { readBounds } from './read-pieces.js';
import type { FileReport, SourceFile } from './source-file.js';
import { sourceOutcome, type SourceOutcome } from './source-outcome.js';
import { groupJobs } from './work-queue.js';

/**
 * A source as given on the command line: a path (file or directory), or standard input: its
 * bytes, or (when too big to hold) the private temp file it was spooled to.
 */
export type SourceInput =
  { path: string } | { path: '-'; bytes: Uint8Array } | { path: '-'; at: string; size: number };

function isStdin(input: SourceInput): input is Exclude<SourceInput, { path: string }> {
  return 'bytes' in input || 'at' in input;
}

export interface LoadProgress {
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
  /** Called once the files are known, before parsing: records can be re-read from then on. */
  onDiscovered?: (files: readonly SourceFile[]) => void;
  /** Stops handing out work; what was parsed stays. */
  signal?: AbortSignal;
}

export interface LoadResult {
  /** Every input file by id, for re-reading a record on demand. */
  files: SourceFile[];
  /** One report per file, in input order, including those that failed before parsing. */
  reports: FileReport[];
  /** One per input, in input order: what it yielded, and why nothing when it yielded nothing. */
  sources: SourceOutcome[];
  progress: LoadProgress;
}

const JOB_BYTES = 1024 * 1024;
const JOB_FILES = 256;
/** Jobs kept queued per worker so it never waits on the main thread between jobs. */
const IN_FLIGHT = 2;

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** Workers need the compiled worker file; under the test runner (TypeScript sources) parse inline. */
function defaultWorkers(): number {
  return existsSync(fileURLToPath(WORKER_URL)) ? availableParallelism() : 0;
}

type JobRunner = (jobs: ParseJob[]) => Promise<{ batch: EventBatch; files: ParsedFile[] }>;

/**
 * Batches carry stream-local dictionary ids (see EventBatch), so every parse thread, and every
 * restart of one, gets a stream number no other has had in this process.
 */
let nextStream = 0;

function inlineRunner(): { run: JobRunner; close: () => void } {
  const builder = new BatchBuilder(nextStream++, 4096);
  return {
    // Yield to the event loop between jobs so a UI on this thread keeps answering keys.
    run: (jobs) =>
      new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(parseFiles(jobs, builder));
          } catch (error) {
            reject(error);
          }
        }),
      ),
    close: () => undefined,
  };
}

type Reply = { batch: EventBatch; files: ParsedFile[] };
type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };

/**
 * One parse thread. A thread that dies (a crash, running out of memory, a missing worker file)
 * rejects the jobs it holds, and the next job starts a fresh thread: nothing waits on a dead one.
 */
function workerRunner(): { run: JobRunner; close: () => void; warm: () => void } {
  let live: { worker: Worker; pending: Pending[] } | undefined;
  const start = () => {
    const stream = nextStream++;
    // A young generation four times the default: a job's parsed records die young, and each
    // scavenge costs about the same however much died. At 1M events 64 MB measured 6% faster
    // than 32 (and 32 about 4% faster than the default) for ~45 MB more peak RSS; 128 was slower.
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
      workerData: { limits: limits() },
    });
    const thread = { worker, pending: [] as Pending[] };
    const fail = (error: Error) => {
      if (live === thread) live = undefined;
      for (const job of thread.pending.splice(0)) job.reject(error);
    };
    // The thread numbers nothing itself: its batches are stamped with its stream here.
    thread.worker.on('message', (reply: Reply) =>
      thread.pending.shift()?.resolve({ ...reply, batch: { ...reply.batch, stream } }),
    );
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => fail(new Error(`parse thread exited with code ${code}`)));
    return thread;
  };
  return {
    run: (jobs) =>
      new Promise((resolve, reject) => {
        live ??= start();
        live.pending.push({ resolve, reject });
        live.worker.postMessage(jobs);
      }),
    close: () => {
      if (live) void live.worker.terminate();
      live = undefined;
    },
    warm: () => {
      live ??= start();
    },
  };
}

export async function loadSources(
  inputs: readonly SourceInput[],
  options: LoadOptions,
): Promise<LoadResult> {
  const files: SourceFile[] = [];
  const reports: FileReport[] = [];
  const paths = inputs.filter((input) => !isStdin(input)).map((input) => input.path);
  // Threads start while the tree is walked: both take a moment, neither needs the other.
  const wanted = options.workers ?? defaultWorkers();
  const threads = Array.from({ length: wanted }, workerRunner);
  for (const thread of threads) thread.warm();
  let discovery;
  try {
    discovery = await discoverFiles(paths);
  } catch (error) {
    for (const thread of threads) thread.close();
    throw error;
  }
  for (const input of inputs) {
    if ('bytes' in input)
      files.push({ id: files.length, path: '-', size: input.bytes.length, bytes: input.bytes });
    else if ('at' in input)
      files.push({ id: files.length, path: '-', size: input.size, at: input.at });
  }
  for (const file of discovery.files) files.push({ id: files.length, ...file });
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

  const queue = groupJobs(deliveryOrder(files), {
    maxBytes: JOB_BYTES,
    maxFiles: JOB_FILES,
    // What the threads hold between them at once: the rest goes out in smaller pieces.
    tailBytes: Math.max(wanted, 1) * IN_FLIGHT * JOB_BYTES,
  });
  // Worker threads have no bounds of their own: each job carries this thread's.
  const reading = readBounds();
  for (const jobs of queue) for (const job of jobs) job.reading = reading;
  const count = Math.min(wanted, queue.length);
  for (const unneeded of threads.splice(count)) unneeded.close();
  const runners = count > 0 ? threads : [inlineRunner()];
  const accept = (result: { batch: EventBatch; files: ParsedFile[] }) => {
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

  // Each runner pulls jobs until the queue is empty; results are applied as they arrive.
  const next = (runner: { run: JobRunner }): Promise<void> | undefined => {
    if (options.signal?.aborted) return undefined;
    const jobs = queue.shift();
    if (!jobs) return undefined;
    return runner.run(jobs).then(accept, (error: unknown) => {
      // A worker that dies takes only its job's files with it; they are reported, not lost.
      const why = error instanceof Error ? error.message : String(error);
      accept({
        batch: emptyBatch(),
        files: jobs.map((job) => ({
          fileId: job.fileId,
          path: job.path,
          status: 'failed',
          reason: `parser crashed: ${why}`,
          events: 0,
          malformed: 0,
        })),
      });
    });
  };
  const loop = async (runner: { run: JobRunner }): Promise<void> => {
    for (let step = next(runner); step; step = next(runner)) await step;
  };
  // Every runner gets its first job before any gets a second: no thread idles while another
  // holds two jobs.
  const loops: Promise<void>[] = [];
  for (let slot = 0; slot < (count > 0 ? IN_FLIGHT : 1); slot++) {
    for (const runner of runners) loops.push(loop(runner));
  }
  // Room for the rows is made while the threads parse their first jobs, not before: nothing
  // is appended until a job comes back.
  options.sink.reserve?.(expectedRows(files));
  try {
    await Promise.all(loops);
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
  progress.done = true;
  report();
  return {
    files,
    reports,
    sources: outcomes(inputs, discovery, files.length - discovery.files.length, byId),
    progress: { ...progress },
  };
}

/**
 * Each input's reports, found by position: standard input's files come first (one each), then
 * each path's discovered files and discovery reports, in the order discoverFiles walked them.
 */
function outcomes(
  inputs: readonly SourceInput[],
  discovery: Discovery,
  stdinFiles: number,
  byId: readonly (FileReport | undefined)[],
): SourceOutcome[] {
  let stdin = 0;
  let fileId = stdinFiles;
  let reportAt = 0;
  let path = 0;
  const parsed = (id: number) => (byId[id] ? [byId[id]] : []);
  return inputs.map((input) => {
    if (isStdin(input)) return sourceOutcome('-', parsed(stdin++));
    const span = discovery.spans[path++]!;
    const reports = [
      ...discovery.reports.slice(reportAt, reportAt + span.reports),
      ...Array.from({ length: span.files }, (_, i) => parsed(fileId + i)).flat(),
    ];
    fileId += span.files;
    reportAt += span.reports;
    return sourceOutcome(span.shown, reports);
  });
}

/**
 * About how many events the files hold, from their sizes: a CloudTrail record takes about
 * 1.2 KB, or 100–150 bytes gzipped. Guessed high (80 and 600 bytes) so a typical load never
 * outgrows the columns; capped so a huge folder of odd files cannot ask for absurd room.
 */
function expectedRows(files: readonly SourceFile[]): number {
  let rows = 0;
  for (const file of files) rows += file.size / (file.path.endsWith('.gz') ? 80 : 600);
  return Math.min(Math.ceil(rows), 50_000_000);
}

function emptyBatch(): EventBatch {
  return {
    stream: -1,
    count: 0,
    time: new Float64Array(0),
    idHash: new Uint32Array(0),
    fileId: new Uint32Array(0),
    recordIndex: new Uint32Array(0),
    columns: [],
    newValues: [],
    newHashes: [],
    firstNewId: new Uint32Array(0),
  };
}
