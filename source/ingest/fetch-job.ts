import { stringifyJson } from '../trail/deep-json.js';
import type { RawRecord } from '../trail/event.js';
import { extractFacts } from '../trail/record-facts.js';
import { readFailure, readRegularFileSync, type FilePath } from '../trail/regular-file.js';
import { decodeText, parseContainer } from './containers.js';
import { inflate, isGzip } from './inflate.js';
import { textsByPlaces, type RecordPlaces } from './read-pieces.js';
import { recordSpans, type RecordSpans } from './record-spans.js';

/** The records wanted from one file, by their index in it (EventIndex.location). */
export interface FetchRequest {
  fileId: number;
  /** Sorted ascending. */
  recordIndexes: Uint32Array;
}

/** Some of one file's wanted records, in the order they were asked for. */
export interface FetchedRecords {
  fileId: number;
  recordIndexes: number[];
  records: RawRecord[];
}

/**
 * A file whose wanted records could not be fetched. Normally none of them were delivered; only a
 * thread that dies mid-file (or a record that no longer parses) leaves the first few delivered.
 */
export interface FetchFailure {
  fileId: number;
  path: string;
  reason: string;
}

/** One file's share of a job. `bytes` only for files held in memory, which never go to a thread. */
export interface FetchJob {
  fileId: number;
  path: string;
  /** What to open when the name is not UTF-8 (see SourceFile.rawPath). */
  rawPath?: Uint8Array;
  /** The size the loader saw: a file of another size now is not the file that was indexed. */
  size: number;
  recordIndexes: Uint32Array;
  bytes?: Uint8Array;
  /** Where standard input was spooled: read from here, named by `path`. */
  at?: string;
  /** A file read in pieces: where its records lie (its records are read from there). */
  places?: RecordPlaces;
  /**
   * 'facts': send each record's RecordFacts (a few short strings, or null) instead of the
   * record. Parsing then happens here, in the fetch thread, not in the one that asked.
   */
  extract?: 'facts';
}

/** Some of one file's wanted records as JSON text, in the order they were asked for. */
export interface FetchedTexts {
  fileId: number;
  recordIndexes: number[];
  texts: string[];
}

/** What happened to the job's file at `slot`: some of its records, or why there are none. */
export type FetchOutcome = { slot: number } & (FetchedTexts | FetchFailure);

/** Part of the answer to a job; the answer with `last` closes it. */
export interface FetchReply {
  outcomes: FetchOutcome[];
  last: boolean;
}

/**
 * Bounds on one reply. Records travel as JSON text (a copy, no object graph to rebuild on
 * arrival) and the main thread parses them a few at a time; small replies keep the work it
 * receives in one piece small too.
 */
const REPLY_RECORDS = 256;
const REPLY_CHARS = 1024 * 1024;

/**
 * Replies a fetch thread may have sent that the main thread has not yet handed over. When the
 * consumer is the slower side the thread waits instead of queueing: a queue of replies would be
 * taken in all at once (a port delivers everything waiting in one go) and hold the UI up.
 */
export const REPLY_WINDOW = 32;

function readOrReason(path: FilePath): Uint8Array | string {
  try {
    // A FIFO or device swapped in since the load is refused, not waited on (see regular-file.ts).
    return readRegularFileSync(path);
  } catch (error) {
    return readFailure(error);
  }
}

function isRecord(value: unknown): value is RawRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function changed(why: string): { reason: string } {
  return { reason: `changed since it was loaded (${why})` };
}

/** CloudTrail's own delivery shape: cut the wanted records' bytes out, parse nothing. */
function textsBySpans(
  text: Buffer,
  spans: RecordSpans,
  wanted: Uint32Array,
): { texts: string[] } | { reason: string } {
  const texts = new Array<string>(wanted.length);
  for (let i = 0; i < wanted.length; i++) {
    const index = wanted[i]!;
    if (index >= spans.starts.length) {
      return changed(`record ${index} wanted, it holds ${spans.starts.length}`);
    }
    texts[i] = text.toString('utf8', spans.starts[index], spans.ends[index]);
  }
  return { texts };
}

/** Any other container: parse it as the loader did, and write the wanted records back out. */
function textsByParsing(
  bytes: Uint8Array,
  inflated: Uint8Array,
  wanted: Uint32Array,
): { texts: string[] } | { reason: string } {
  // Decode as the loader did: a gzip inside a gzip is not unpacked twice.
  const decoded = decodeText(isGzip(inflated) ? bytes : inflated);
  if ('error' in decoded) return { reason: decoded.error };
  const container = parseContainer(decoded.text);
  if (container.kind !== 'events')
    return { reason: `no longer holds events (${container.reason})` };
  const candidates = container.records;
  const texts = new Array<string>(wanted.length);
  for (let i = 0; i < wanted.length; i++) {
    const index = wanted[i]!;
    if (index >= candidates.length) {
      return changed(`record ${index} wanted, it holds ${candidates.length}`);
    }
    const record = candidates[index];
    if (!isRecord(record)) return changed(`record ${index} is not an event`);
    // Any depth: a record nested thousands deep is still evidence (stringifyJson never overflows).
    texts[i] = stringifyJson(record) ?? 'null';
  }
  return { texts };
}

/**
 * Reads one file again and returns the wanted records as JSON text. All or nothing: a file that
 * no longer matches what was indexed (another size, fewer records, a non-event where an event
 * was) could hand back other records at the same positions, so none of it is trusted.
 */
export function fetchFromFile(job: FetchJob): { texts: string[] } | { reason: string } {
  const fetched = fetchTexts(job);
  if (job.extract !== 'facts' || !('texts' in fetched)) return fetched;
  return {
    texts: fetched.texts.map((text) =>
      JSON.stringify(extractFacts(JSON.parse(text) as RawRecord) ?? null),
    ),
  };
}

function fetchTexts(job: FetchJob): { texts: string[] } | { reason: string } {
  const at = job.at ?? job.rawPath ?? job.path;
  // A big plain file: only the wanted records' bytes are read, from where they lie.
  if (job.places && !job.places.inflated && !job.bytes)
    return textsByPlaces(job.places, job.recordIndexes, { path: at, size: job.size });
  const bytes = job.bytes ?? readOrReason(at);
  if (typeof bytes === 'string') return { reason: bytes };
  if (bytes.length !== job.size) return changed(`${bytes.length} bytes, was ${job.size}`);
  try {
    // Capped as the load was: a file that changed into a bomb since is refused, not inflated.
    const unpacked = bytes.length === 0 ? { bytes } : inflate(bytes);
    if ('error' in unpacked) return { reason: unpacked.error };
    const inflated = unpacked.bytes;
    if (job.places) return textsByPlaces(job.places, job.recordIndexes, { content: inflated });
    const spans = recordSpans(inflated);
    return spans
      ? textsBySpans(
          Buffer.from(inflated.buffer, inflated.byteOffset, inflated.byteLength),
          spans,
          job.recordIndexes,
        )
      : textsByParsing(bytes, inflated, job.recordIndexes);
  } catch (error) {
    // E.g. a file too large to become one string: a reason, not a crash of the thread.
    const why = error instanceof Error ? error.message : String(error);
    return { reason: `could not be parsed (${why})` };
  }
}

/**
 * Answers a job file by file, in replies of bounded size (a file with many wanted records is
 * split over several), the last one marked.
 */
export function answerJob(jobs: readonly FetchJob[], send: (reply: FetchReply) => void): void {
  let outcomes: FetchOutcome[] = [];
  let records = 0;
  let chars = 0;
  const flush = (last: boolean) => {
    send({ outcomes, last });
    outcomes = [];
    records = 0;
    chars = 0;
  };
  jobs.forEach((job, slot) => {
    const fetched = fetchFromFile(job);
    if ('reason' in fetched) {
      outcomes.push({ slot, fileId: job.fileId, path: job.path, reason: fetched.reason });
      return;
    }
    let start = 0;
    for (let i = 0; i < fetched.texts.length; i++) {
      records++;
      chars += fetched.texts[i]!.length;
      const full = records >= REPLY_RECORDS || chars >= REPLY_CHARS;
      if (!full && i + 1 < fetched.texts.length) continue;
      outcomes.push({
        slot,
        fileId: job.fileId,
        recordIndexes: Array.from(job.recordIndexes.subarray(start, i + 1)),
        texts: fetched.texts.slice(start, i + 1),
      });
      start = i + 1;
      if (full) flush(false);
    }
  });
  flush(true);
}
