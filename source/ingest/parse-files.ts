import { closeSync, readSync } from 'node:fs';
import { BatchBuilder, type EventBatch } from '../trail/batch.js';
import { dedupeKey } from '../trail/dedupe-key.js';
import type { RawRecord } from '../trail/event.js';
import { limits } from '../trail/limits.js';
import { normalizeRecord } from '../trail/normalize.js';
import { openRegularSync, readFailure, readRegularFileSync } from '../trail/regular-file.js';
import { bytesToText, inflate, parseContainer, type ContainerResult } from './containers.js';
import { loadInPieces, readBounds, type ReadBounds, type RecordPlaces } from './read-pieces.js';
import { ScannedFileReader } from './scanned-records.js';
import { splitRecords } from './split-records.js';
import type { FileReport } from './source-file.js';

/** A unit of parse work: a file by path, or bytes already in hand (standard input). */
export interface ParseJob {
  fileId: number;
  path: string;
  /** What to open when the name is not UTF-8 (see SourceFile.rawPath). */
  rawPath?: Uint8Array;
  bytes?: Uint8Array;
  /** Where standard input was spooled: read from here, named by `path`. */
  at?: string;
  /** The bounds of the thread that made the job (a worker thread has none of its own). */
  reading?: ReadBounds;
}

export interface ParsedFile extends FileReport {
  fileId: number;
  /** For a file read in pieces: where each record lies. */
  places?: RecordPlaces;
}

function readBytes(job: ParseJob): Uint8Array | string {
  if (job.bytes) return job.bytes;
  try {
    // Only a regular file: a FIFO or device put there since discovery must not block this thread.
    return readRegularFileSync(job.at ?? job.rawPath ?? job.path);
  } catch (error) {
    return readFailure(error);
  }
}

/**
 * The record's dedupe key, or none (never dropped as a duplicate) when its request is nested too
 * deep to serialize: such a record is still evidence, and throwing here would end the load.
 */
function keyOf(record: RawRecord, eventId: string): string[] | undefined {
  try {
    return dedupeKey(record, eventId);
  } catch {
    return undefined;
  }
}

/** Malformed records named per file (the rest are counted): enough to see what is wrong. */
const NAMED_MALFORMED = 3;

function named(reasons: string[]): { malformedReasons?: string[] } {
  return reasons.length > 0 ? { malformedReasons: reasons } : {};
}

/** One scanner per builder: its interned ids are mapped to that builder's. */
const readers = new WeakMap<BatchBuilder, ScannedFileReader>();

function readerFor(builder: BatchBuilder): ScannedFileReader {
  let reader = readers.get(builder);
  if (!reader) readers.set(builder, (reader = new ScannedFileReader(builder)));
  return reader;
}

/** A file read in pieces: too big to read whole, and not gzip. */
const IN_PIECES = Symbol('in pieces');

/**
 * Is the job's file plain (not gzip) and over the whole-read bound? Then it is read in pieces.
 * Anything that goes wrong here is left for the whole read to name.
 */
function readInPieces(job: ParseJob, bounds: ReadBounds): boolean {
  if (job.bytes) return false;
  let fd: number | undefined;
  try {
    const opened = openRegularSync(job.at ?? job.rawPath ?? job.path);
    fd = opened.fd;
    if (opened.size <= bounds.whole) return false;
    const magic = Buffer.alloc(2);
    readSync(fd, magic, 0, 2, 0);
    return !(magic[0] === 0x1f && magic[1] === 0x8b);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Bytes that came out of gzip: offsets in them are not offsets in the file. */
const gunzipped = new WeakSet<Uint8Array>();

/** A job's bytes inflated, or the reason its file failed before parsing. */
function inflateJob(job: ParseJob): Uint8Array | string {
  const bytes = readBytes(job);
  if (typeof bytes === 'string') return bytes;
  const inflated = inflate(bytes);
  if ('error' in inflated) return inflated.error;
  if (inflated.bytes !== bytes) gunzipped.add(inflated.bytes);
  return inflated.bytes;
}

/**
 * Why a file with more records than `recordsPerFile` is marked failed although its first records
 * loaded: they are intact evidence (a hostile tail must not hide what came before it), and the
 * rest is named, not silently dropped.
 */
export function recordsRefusedReason(maxRecords: number): string {
  return `holds more than ${maxRecords} records: the first ${maxRecords} loaded, the rest refused; --limit records-per-file=N allows more`;
}

/**
 * Parses files into one columnar batch. Runs in a worker thread (or inline when there are none);
 * never throws for bad input: each file gets a report with its reason.
 */
export function parseFiles(
  jobs: readonly ParseJob[],
  builder: BatchBuilder,
  /** `scan: false` reads every file the ordinary way: the reference the scanner is tested by. */
  options: { scan?: boolean } = {},
): { batch: EventBatch; files: ParsedFile[] } {
  const maxRecords = limits().recordsPerFile;
  const boundsOf = (job: ParseJob) => job.reading ?? readBounds();
  const files: ParsedFile[] = [];
  jobs.forEach((job) => {
    const base = { fileId: job.fileId, path: job.path, events: 0, malformed: 0 };
    const bounds = boundsOf(job);
    // One file inflated at a time: a job of many files never holds more than one file's cap.
    const bytes = readInPieces(job, bounds) ? IN_PIECES : inflateJob(job);
    if (typeof bytes === 'string') {
      files.push({ ...base, status: 'failed', reason: bytes });
      return;
    }
    const reasons: string[] = [];
    const addRecord = (record: unknown, index: number): boolean => {
      const normalized = normalizeRecord(record);
      if (!normalized.ok) {
        if (reasons.length < NAMED_MALFORMED)
          reasons.push(
            `record ${index + 1}: ${record === null ? 'not valid JSON (or null)' : normalized.reason}`,
          );
        return false;
      }
      builder.add(
        normalized.fields,
        keyOf(record as RawRecord, normalized.fields.eventId),
        job.fileId,
        index,
      );
      return true;
    };
    if (bytes === IN_PIECES || bytes.length > bounds.whole) {
      // Never one string or one buffer of the whole: see read-pieces.ts.
      const whole = bytes === IN_PIECES;
      const source = whole ? { path: job.at ?? job.rawPath ?? job.path } : { bytes };
      let past = 0;
      const loaded = loadInPieces(source, bounds, (record, index) =>
        index < maxRecords ? addRecord(record, index) : (past++, false),
      );
      if ('error' in loaded) {
        files.push({ ...base, status: 'failed', reason: loaded.error });
        return;
      }
      const { places, reason, ...counts } = loaded;
      // Places count in the inflated bytes when the file was gzip (its bytes differ).
      if (!whole && gunzipped.has(bytes)) places.inflated = true;
      // Records past the cap were counted as malformed by the splitter: they are refused instead.
      counts.malformed -= past;
      const refusal =
        past > 0 ? { reason: recordsRefusedReason(maxRecords) } : reason ? { reason } : {};
      files.push({
        ...base,
        status: past > 0 ? 'failed' : 'loaded',
        ...counts,
        ...refusal,
        ...named(reasons),
        places,
      });
      return;
    }
    const scanned =
      options.scan === false
        ? undefined
        : readerFor(builder).read(bytes, job.fileId, addRecord, maxRecords);
    if (scanned) {
      const { refused, ...counts } = scanned;
      files.push(
        refused
          ? {
              ...base,
              ...counts,
              status: 'failed',
              reason: recordsRefusedReason(maxRecords),
              ...named(reasons),
            }
          : { ...base, ...counts, status: 'loaded', ...named(reasons) },
      );
      return;
    }
    // Whatever the scanner named before it gave the file up is named again the ordinary way.
    reasons.length = 0;
    let container: ContainerResult;
    try {
      const records = splitRecords(bytes);
      container = records
        ? { kind: 'events', format: 'records', records }
        : parseContainer(bytesToText(bytes));
    } catch (error) {
      // E.g. a file too large to become one string. One bad file must not take the load down.
      const why = error instanceof Error ? error.message : String(error);
      files.push({ ...base, status: 'failed', reason: `could not be parsed (${why})` });
      return;
    }
    if (container.kind !== 'events') {
      const status = container.kind === 'error' ? 'failed' : 'skipped';
      files.push({ ...base, status, reason: container.reason });
      return;
    }
    let events = 0;
    let malformed = 0;
    const records = container.records;
    for (let index = 0; index < records.length && index < maxRecords; index++) {
      if (addRecord(records[index], index)) events++;
      else malformed++;
    }
    files.push(
      records.length > maxRecords
        ? {
            ...base,
            events,
            malformed,
            status: 'failed',
            reason: recordsRefusedReason(maxRecords),
            ...named(reasons),
          }
        : { ...base, events, malformed, status: 'loaded', ...named(reasons) },
    );
  });
  return { batch: builder.take(), files };
}
