import { readFileSync } from 'node:fs';
import { BatchBuilder, type EventBatch } from '../trail/batch.js';
import { dedupeKey } from '../trail/dedupe-key.js';
import type { RawRecord } from '../trail/event.js';
import { normalizeRecord } from '../trail/normalize.js';
import { bytesToText, inflate, parseContainer, type ContainerResult } from './containers.js';
import { ScannedFileReader } from './scanned-records.js';
import { splitRecords } from './split-records.js';
import type { FileReport } from './source-file.js';

/** A unit of parse work: a file by path, or bytes already in hand (standard input). */
export interface ParseJob {
  fileId: number;
  path: string;
  bytes?: Uint8Array;
}

export interface ParsedFile extends FileReport {
  fileId: number;
}

function readBytes(job: ParseJob): Uint8Array | string {
  if (job.bytes) return job.bytes;
  try {
    return readFileSync(job.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ENOENT') return 'no such file or directory';
    return error instanceof Error ? error.message : String(error);
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

/** A job's bytes inflated, or the reason its file failed before parsing. */
function inflateJob(job: ParseJob): Uint8Array | string {
  const bytes = readBytes(job);
  if (typeof bytes === 'string') return bytes;
  const inflated = inflate(bytes);
  return 'error' in inflated ? inflated.error : inflated.bytes;
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
  const inflated = jobs.map(inflateJob);
  const files: ParsedFile[] = [];
  jobs.forEach((job, j) => {
    const base = { fileId: job.fileId, path: job.path, events: 0, malformed: 0 };
    const bytes = inflated[j]!;
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
    const scanned =
      options.scan === false ? undefined : readerFor(builder).read(bytes, job.fileId, addRecord);
    if (scanned) {
      files.push({ ...base, status: 'loaded', ...scanned, ...named(reasons) });
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
    container.records.forEach((record, index) => {
      if (addRecord(record, index)) events++;
      else malformed++;
    });
    files.push({ ...base, status: 'loaded', events, malformed, ...named(reasons) });
  });
  return { batch: builder.take(), files };
}
