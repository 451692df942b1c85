import { isAscii } from 'node:buffer';
import { inflate } from './inflate.js';
import { splitJsonValues } from './split-json.js';

export { inflate };

/**
 * Turns the bytes of one file into CloudTrail records, whatever container they came in:
 * `{"Records":[...]}` (gzipped or not), a bare array, JSON lines, and the output of
 * `aws cloudtrail lookup-events` (one or several documents, each event's record a JSON string).
 */
export type ContainerFormat = 'records' | 'array' | 'jsonl' | 'lookup-events' | 'record';

export type ContainerResult =
  | {
      kind: 'events';
      format: ContainerFormat;
      /** Candidate records in file order; entries that are not objects count as malformed. */
      records: unknown[];
    }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; reason: string };

/** A lookup-events record whose CloudTrailEvent string does not parse; counted as malformed. */
const UNPARSABLE = null;

/**
 * Windows tools start a file with a byte order mark; PowerShell 5's `>` writes UTF-16LE.
 * CloudTrail logs are nearly always pure ASCII, which decodes as Latin-1 without UTF-8 checks.
 */
export function bytesToText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buffer)) return buffer.toString('latin1');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.toString('utf16le', 2);
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  const inflated = inflate(bytes);
  return 'error' in inflated ? inflated : { text: bytesToText(inflated.bytes) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isDigest(value: Record<string, unknown>): boolean {
  return 'digestStartTime' in value || 'digestPublicKeyFingerprint' in value;
}

function looksLikeRecord(value: Record<string, unknown>): boolean {
  return 'eventTime' in value || 'eventName' in value || 'eventVersion' in value;
}

function lookupEventRecord(event: unknown): unknown {
  if (!isObject(event) || typeof event.CloudTrailEvent !== 'string') return event;
  try {
    return JSON.parse(event.CloudTrailEvent);
  } catch {
    return UNPARSABLE;
  }
}

type Interpreted =
  | { kind: 'events'; format: ContainerFormat; records: unknown[] }
  | { kind: 'digest' }
  | { kind: 'wrong-shape'; what: string };

function describeShape(value: unknown): string {
  if (isObject(value)) {
    const keys = Object.keys(value).slice(0, 5).join(', ');
    return keys ? `a JSON object with keys ${keys}` : 'an empty JSON object';
  }
  return value === null ? 'null' : `a JSON ${typeof value}`;
}

function interpret(value: unknown): Interpreted {
  if (Array.isArray(value)) {
    const lookup = value.some((item) => isObject(item) && typeof item.CloudTrailEvent === 'string');
    return lookup
      ? { kind: 'events', format: 'lookup-events', records: value.map(lookupEventRecord) }
      : { kind: 'events', format: 'array', records: value };
  }
  if (!isObject(value)) return { kind: 'wrong-shape', what: describeShape(value) };
  if (Array.isArray(value.Records))
    return { kind: 'events', format: 'records', records: value.Records };
  if (Array.isArray(value.Events)) {
    return {
      kind: 'events',
      format: 'lookup-events',
      records: value.Events.map(lookupEventRecord),
    };
  }
  if (isDigest(value)) return { kind: 'digest' };
  if (looksLikeRecord(value)) return { kind: 'events', format: 'record', records: [value] };
  return { kind: 'wrong-shape', what: describeShape(value) };
}

function conclude(parts: Interpreted[], malformed: number): ContainerResult {
  const records: unknown[] = [];
  let format: ContainerFormat | undefined;
  let digests = 0;
  let wrongShape: string | undefined;
  for (const part of parts) {
    if (part.kind === 'events') {
      format = format === undefined || format === part.format ? part.format : format;
      for (const record of part.records) records.push(record);
    } else if (part.kind === 'digest') digests++;
    else wrongShape ??= part.what;
  }
  // A wrong-shaped value among good ones is one bad record; alone it makes the file wrong.
  if (format === undefined) {
    if (wrongShape) {
      return { kind: 'error', reason: `wrong shape: ${wrongShape}, not CloudTrail records` };
    }
    if (digests > 0) return { kind: 'skipped', reason: 'CloudTrail digest file' };
  }
  const bad = parts.filter((part) => part.kind === 'wrong-shape').length + malformed;
  for (let i = 0; i < bad; i++) records.push(UNPARSABLE);
  if (records.length === 0) return { kind: 'skipped', reason: 'holds no events' };
  if (parts.length > 1 && format === 'record') format = 'jsonl';
  return { kind: 'events', format: format ?? 'records', records };
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON lines when the first line, or else the second, is a value on its own (a pretty-printed
 * document's second line is a bare `"key": value`, never a value). Parsing line by line keeps
 * one broken line, the first included, from swallowing the lines after it, which a
 * brace-matching split would do.
 */
function jsonLines(text: string): ContainerResult | undefined {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2) return undefined;
  if (!parsesAlone(lines[0]!) && !parsesAlone(lines[1]!)) return undefined;
  const parts: Interpreted[] = [];
  let malformed = 0;
  for (const line of lines) {
    try {
      parts.push(interpret(JSON.parse(line)));
    } catch {
      malformed++;
    }
  }
  return conclude(parts, malformed);
}

export function parseContainer(text: string): ContainerResult {
  if (text.trim() === '') return { kind: 'error', reason: 'empty file' };
  let firstError: string;
  try {
    return conclude([interpret(JSON.parse(text))], 0);
  } catch (error) {
    firstError = error instanceof Error ? error.message : String(error);
  }
  // Not one JSON value: JSON lines, or several documents back to back.
  const lines = jsonLines(text);
  if (lines) return lines;
  const parts: Interpreted[] = [];
  let malformed = 0;
  for (const span of splitJsonValues(text)) {
    try {
      if (!span.complete) throw new Error('unterminated');
      parts.push(interpret(JSON.parse(text.slice(span.start, span.end))));
    } catch {
      malformed++;
    }
  }
  if (parts.length === 0) return { kind: 'error', reason: `invalid JSON (${firstError})` };
  return conclude(parts, malformed);
}

export function readContainer(bytes: Uint8Array): ContainerResult {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return { kind: 'error', reason: decoded.error };
  return parseContainer(decoded.text);
}
