/**
 * The fuzz's corruptions. Record-level ones change values inside a record that stays valid JSON
 * (so whether it is still an event is known or at least bounded); byte-level ones damage a whole
 * file, after which only "nothing throws, the file is named with a reason" can be asked.
 */
import { gzipSync } from 'node:zlib';
import { hostileString } from './hostile.js';
import type { Random } from './random.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Record_ = { [key: string]: Json };

export interface FuzzOptions {
  /** Deepest random nesting put into a record (the example is 5,000). */
  maxDepth: number;
  /** Longest huge string put into a record, in characters. */
  maxString: number;
  /** Whether malformed times go in (records lane: they must be counted as malformed). */
  badDates: boolean;
}

/** Known fields a wrong type is tried on. */
const KNOWN_FIELDS = [
  'eventTime',
  'eventName',
  'eventSource',
  'eventID',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'userIdentity',
  'requestParameters',
  'resources',
  'recipientAccountId',
];

const WRONG_VALUES: (() => Json)[] = [
  () => null,
  () => 12,
  () => -1.5e308,
  () => true,
  () => [],
  () => ['a', 1, null],
  () => ({}),
  () => ({ arn: 7, type: ['IAMUser'] }),
  () => '',
];

const BAD_DATES = [
  '0001-01-01T00:00:00Z',
  '0099-06-15T00:00:00Z',
  '2025-02-30T00:00:00Z',
  '2024-13-01T00:00:00Z',
  '12',
  '',
  'yesterday',
  '+275760-09-13T00:00:00Z',
  '2024-04-01T25:61:00Z',
  '2024-04-01T12:00:00',
  '2024-04-01 12:00:00Z',
];

/** Nested arrays and objects `depth` deep, built without recursion. */
export function nested(depth: number, random: Random): Json {
  let value: Json = random.chance(0.5) ? 'bottom' : 42;
  for (let i = 0; i < depth; i++) value = random.chance(0.5) ? [value] : { k: value };
  return value;
}

/** What corrupting a record did: `doubtful` when it may no longer be an event. */
export interface Corrupted {
  record: Record_;
  doubtful: boolean;
  notes: string[];
}

function mapStrings(value: Json, random: Random, rate: number, depth = 0): Json {
  // Real records are a few levels deep; below 64 (fresh random nesting) values are left alone,
  // so the fuzz itself never overflows the stack it is testing.
  if (depth > 64) return value;
  if (typeof value === 'string') return random.chance(rate) ? hostileString(random, value) : value;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, random, rate, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record_ = {};
    for (const [key, item] of Object.entries(value)) {
      const name =
        random.chance(rate / 4) && key !== 'eventTime' ? hostileString(random, key) : key;
      out[name] = mapStrings(item, random, rate, depth + 1);
    }
    return out;
  }
  return value;
}

/** Applies 1-4 record-level corruptions to a (deep-copied) record. */
export function corruptRecord(source: Record_, random: Random, options: FuzzOptions): Corrupted {
  const record = JSON.parse(JSON.stringify(source)) as Record_;
  const notes: string[] = [];
  let doubtful = false;
  const count = random.between(1, 4);
  for (let i = 0; i < count; i++) {
    const kind = random.int(6);
    if (kind === 0 || kind === 1) {
      // Control, bidi, tag and formula characters in every string (eventTime kept parseable).
      const time = record.eventTime;
      const mapped = mapStrings(record, random, kind === 0 ? 1 : 0.3) as Record_;
      for (const key of Object.keys(record)) delete record[key];
      Object.assign(record, mapped);
      if (time === undefined) delete record.eventTime;
      else record.eventTime = time;
      notes.push('hostile strings');
    } else if (kind === 2) {
      const field = random.pick(KNOWN_FIELDS);
      record[field] = random.pick(WRONG_VALUES)();
      notes.push(`wrong type for ${field}`);
      doubtful = true;
    } else if (kind === 3) {
      const length = random.between(1, options.maxString);
      const field = random.pick(['userAgent', 'errorMessage', 'huge']);
      record[field] = hostileString(random, 'x'.repeat(length));
      notes.push(`${length}-character ${field}`);
    } else if (kind === 4) {
      const depth = random.between(1, options.maxDepth);
      const params = record.requestParameters;
      record.requestParameters = {
        ...(params && typeof params === 'object' && !Array.isArray(params) ? params : {}),
        deep: nested(depth, random),
      };
      notes.push(`requestParameters nested ${depth} deep`);
    } else if (options.badDates) {
      record.eventTime = random.pick(BAD_DATES);
      if (random.chance(0.2)) delete record.eventTime;
      notes.push(`eventTime ${JSON.stringify(record.eventTime ?? '(missing)')}`);
      doubtful = true;
    }
  }
  return { record, doubtful, notes };
}

/** Byte-level damage to a whole file; the file's records are then anyone's guess. */
export function damageBytes(bytes: Buffer, random: Random): { bytes: Buffer; note: string } {
  const kind = random.int(7);
  const at = bytes.length === 0 ? 0 : random.int(bytes.length);
  if (kind === 0) return { bytes: bytes.subarray(0, at), note: `truncated at ${at}` };
  if (kind === 1) {
    const out = Buffer.from(bytes);
    const flips = random.between(1, 8);
    for (let i = 0; i < flips && out.length > 0; i++) out[random.int(out.length)] = random.int(256);
    return { bytes: out, note: `${flips} bytes flipped` };
  }
  const brackets: number[] = [];
  for (let i = 0; i < bytes.length; i++)
    if ('[]{}'.includes(String.fromCharCode(bytes[i]!))) brackets.push(i);
  if ((kind === 2 || kind === 3) && brackets.length > 0) {
    const where = random.pick(brackets);
    const out =
      kind === 2
        ? Buffer.concat([bytes.subarray(0, where), bytes.subarray(where + 1)])
        : Buffer.concat([bytes.subarray(0, where + 1), bytes.subarray(where)]);
    return { bytes: out, note: `bracket at ${where} ${kind === 2 ? 'deleted' : 'duplicated'}` };
  }
  if (kind === 4) {
    // Raw control bytes and invalid UTF-8 between the JSON tokens or inside strings.
    const junk = Buffer.from([0x1b, 0x9b, 0xff, 0xc3, 0x00, 0x07].slice(0, random.between(1, 6)));
    return {
      bytes: Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]),
      note: `${junk.length} raw bytes inserted at ${at}`,
    };
  }
  if (kind === 5) return { bytes: Buffer.alloc(0), note: 'emptied' };
  return { bytes: Buffer.concat([bytes, Buffer.from('}]{"Records":[')]), note: 'garbage appended' };
}

function flip(bytes: Buffer, at: number, mask: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ mask;
}

/** Damage to a gzip member: its header, body or trailer, or a truncation. */
export function damageGzip(plain: Buffer, random: Random): { bytes: Buffer; note: string } {
  const gz = Buffer.from(gzipSync(plain));
  const kind = random.int(5);
  if (kind === 0) {
    const at = random.between(0, Math.max(0, gz.length - 1));
    return { bytes: gz.subarray(0, at), note: `gzip truncated at ${at} of ${gz.length}` };
  }
  if (kind === 1) {
    flip(gz, random.int(Math.min(10, gz.length)), 0xff);
    return { bytes: gz, note: 'gzip header damaged' };
  }
  if (kind === 2 && gz.length > 18) {
    flip(gz, random.between(10, gz.length - 9), 1 << random.int(8));
    return { bytes: gz, note: 'gzip body bit flipped' };
  }
  if (kind === 3) {
    flip(gz, gz.length - 1 - random.int(8), 0xff);
    return { bytes: gz, note: 'gzip CRC/length damaged' };
  }
  return {
    bytes: Buffer.concat([gz, Buffer.from('not gzip at all')]),
    note: 'garbage after the gzip member',
  };
}
