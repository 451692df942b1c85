import { compareIpv6, noOrg, type Ipv4AsnTable, type Ipv6AsnTable } from './asn-table.js';
import { parseIpv6Bytes } from './ip-address.js';
import { NameInterner } from './name-interner.js';

/**
 * Readers for the `@ip-location-db/asn` CSV files:
 *   v4 (`asn-ipv4-num.csv`): `start,end,asn,org` with decimal 32-bit bounds;
 *   v6 (`asn-ipv6.csv`):     `start,end,asn,org` with textual IPv6 bounds.
 * The organisation is the last field, so everything after the third comma is the name; it may be
 * quoted (`"Cloudflare, Inc."`) with doubled inner quotes (`"LLC ""SPUTNIK"""`).
 *
 * One pass over the raw bytes: no decoding of the file to a string, no split, no regular
 * expression, no object per line. A line that does not parse, or that starts at or before the
 * previous one (the tables must be sorted for bisection), is skipped: one bad line should cost
 * one range, not the table.
 */

interface FieldBounds {
  startFrom: number;
  startTo: number;
  endFrom: number;
  endTo: number;
}

/** Reads a line's two bounds into row `row`; false rejects the line. */
type ReadBounds = (bytes: Uint8Array, row: number, fields: FieldBounds) => boolean;

interface ScanResult {
  count: number;
  asn: Uint32Array;
  orgIndex: Uint32Array;
  orgs: string[];
  skipped: number;
}

export interface ParsedTable<T> {
  table: T;
  /** Lines that could not be read or were out of order. */
  skipped: number;
}

export function parseIpv4AsnCsv(bytes: Uint8Array): ParsedTable<Ipv4AsnTable> {
  const capacity = countLines(bytes);
  const starts = new Uint32Array(capacity);
  const ends = new Uint32Array(capacity);
  const { skipped, ...columns } = scanLines(bytes, capacity, (line, row, fields) => {
    const start = parseDecimal(line, fields.startFrom, fields.startTo);
    const end = parseDecimal(line, fields.endFrom, fields.endTo);
    if (start < 0 || end < start || (row > 0 && start <= starts[row - 1]!)) return false;
    starts[row] = start;
    ends[row] = end;
    return true;
  });
  return { table: { ...columns, starts, ends }, skipped };
}

export function parseIpv6AsnCsv(bytes: Uint8Array): ParsedTable<Ipv6AsnTable> {
  const capacity = countLines(bytes);
  const starts = new Uint32Array(capacity * 4);
  const ends = new Uint32Array(capacity * 4);
  const start = new Uint32Array(4);
  const { skipped, ...columns } = scanLines(bytes, capacity, (line, row, fields) => {
    if (!parseIpv6Bytes(line, fields.startFrom, fields.startTo, start, 0)) return false;
    if (row > 0 && compareIpv6(start, starts, row - 1) <= 0) return false;
    if (!parseIpv6Bytes(line, fields.endFrom, fields.endTo, ends, row * 4)) return false;
    if (compareIpv6(start, ends, row) > 0) return false;
    starts.set(start, row * 4);
    return true;
  });
  return { table: { ...columns, starts, ends }, skipped };
}

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  // A last line without its newline still counts.
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? lines + 1 : lines;
}

function scanLines(bytes: Uint8Array, capacity: number, readBounds: ReadBounds): ScanResult {
  const asn = new Uint32Array(capacity);
  const orgIndex = new Uint32Array(capacity);
  const names = new NameInterner(bytes, capacity / 4);
  const fields: FieldBounds = { startFrom: 0, startTo: 0, endFrom: 0, endTo: 0 };
  const commas = [0, 0, 0];
  let count = 0;
  let skipped = 0;
  const length = bytes.length;
  for (let lineStart = 0; lineStart < length;) {
    let lineEnd = bytes.indexOf(10, lineStart);
    if (lineEnd < 0) lineEnd = length;
    const next = lineEnd + 1;
    if (lineEnd > lineStart && bytes[lineEnd - 1] === 13) lineEnd--;
    if (lineEnd > lineStart) {
      if (count < capacity && findCommas(bytes, lineStart, lineEnd, commas)) {
        const [first, second, third] = commas as [number, number, number];
        fields.startFrom = lineStart;
        fields.startTo = first;
        fields.endFrom = first + 1;
        fields.endTo = second;
        const asNumber = parseDecimal(bytes, second + 1, third);
        if (asNumber >= 0 && readBounds(bytes, count, fields)) {
          asn[count] = asNumber;
          orgIndex[count] = third + 1 < lineEnd ? names.intern(third + 1, lineEnd) : noOrg;
          count++;
        } else {
          skipped++;
        }
      } else {
        skipped++;
      }
    }
    lineStart = next;
  }
  return { count, asn, orgIndex, orgs: names.names, skipped };
}

/** The first three commas of a line; the fourth field (the name) may hold more. */
function findCommas(bytes: Uint8Array, from: number, to: number, commas: number[]): boolean {
  let found = 0;
  for (let i = from; i < to; i++) {
    if (bytes[i] === 44) {
      commas[found] = i;
      if (++found === 3) return true;
    }
  }
  return false;
}

/** A non-negative decimal up to 2^32 − 1, or -1. */
function parseDecimal(bytes: Uint8Array, from: number, to: number): number {
  if (from >= to || to - from > 10) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value > 0xffffffff ? -1 : value;
}
