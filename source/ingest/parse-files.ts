import { BatchBuilder, type EventBatch } from '../trail/batch.js';
import { dedupeKey } from '../trail/dedupe-key.js';
import type { RawRecord } from '../trail/event.js';
import { limits } from '../trail/limits.js';
import { normalizeRecord } from '../trail/normalize.js';
import { readFailure, readRegularFileSync } from '../trail/regular-file.js';
import { bytesToText, inflate, parseContainer, type ContainerResult } from './containers.js';
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
}

export interface ParsedFile extends FileReport {
  fileId: number;
}

function readBytes(job: ParseJob): Uint8Array | string {
  if (job.bytes) return job.bytes;
  try {
    // Only a regular file: a FIFO or device put there since discovery must not block this thread.
    return readRegularFileSync(job.rawPath ?? job.path);
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

/** One scanner per builder: its interned ids are mapped to that builder's. */
const readers = new WeakMap<BatchBuilder, ScannedFileReader>();

function readerFor(builder: BatchBuilder): ScannedFileReader {
  let reader = readers.get(builder);
  if (!reader) readers.set(builder, (reader = new ScannedFileReader(builder)));
  return reader;
}

/** A job's bytes inflated, or the reason its file failed before parsing. */
function inflateJob(job: ParseJob): Uint8Array | string {
  const bytes = readBytes(job);
  if (typeof bytes === 'string') return bytes;
  const inflated = inflate(bytes);
  return 'error' in inflated ? inflated.error : inflated.bytes;
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
  const files: ParsedFile[] = [];
  jobs.forEach((job) => {
    const base = { fileId: job.fileId, path: job.path, events: 0, malformed: 0 };
    // One file inflated at a time: a job of many files never holds more than one file's cap.
    const bytes = inflateJob(job);
    if (typeof bytes === 'string') {
      files.push({ ...base, status: 'failed', reason: bytes });
      return;
    }
    const addRecord = (record: unknown, index: number): boolean => {
      const normalized = normalizeRecord(record);
      if (!normalized.ok) return false;
      builder.add(
        normalized.fields,
        keyOf(record as RawRecord, normalized.fields.eventId),
        job.fileId,
        index,
      );
      return true;
    };
    const scanned =
      options.scan === false
        ? undefined
        : readerFor(builder).read(bytes, job.fileId, addRecord, maxRecords);
    if (scanned) {
      const { refused, ...counts } = scanned;
      files.push(
        refused
          ? { ...base, ...counts, status: 'failed', reason: recordsRefusedReason(maxRecords) }
          : { ...base, ...counts, status: 'loaded' },
      );
      return;
    }
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
        ? { ...base, events, malformed, status: 'failed', reason: recordsRefusedReason(maxRecords) }
        : { ...base, events, malformed, status: 'loaded' },
    );
  });
  return { batch: builder.take(), files };
}
