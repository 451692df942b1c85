/**
 * Reads a query line into terms, and writes terms back as text for the status bar. Relative
 * times are resolved against `now` here, once, so a parsed query means the same thing for as
 * long as it is shown.
 */
import {
  QUERY_FIELDS,
  type ParseResult,
  type QueryField,
  type Query,
  type QuerySyntaxError,
  type Term,
} from './ast.js';
import { cidrMatcher } from './pattern.js';

const BOUNDS = ['after', 'before'] as const;
const NAMES = [...Object.keys(QUERY_FIELDS), ...BOUNDS].join(', ');
const TIME_HINT = '(use 2024-05-01T10:00Z or 90m, 24h, 7d)';

/** A term as written: an optional `-`, an optional `name:` and a value, maybe quoted. */
interface Written {
  start: number;
  end: number;
  negate: boolean;
  /** Where the term starts after the `-`. */
  body: number;
  /** The letters before the first `:`, when the term starts that way. */
  name: string | undefined;
  value: string;
  quoted: boolean;
}

export function parseQuery(text: string, now: number = Date.now()): ParseResult {
  const terms: Term[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && isSpace(text[at]!)) at++;
    if (at === text.length) return { ok: true, query: { text, terms } };
    const written = readTerm(text, at);
    const term = 'message' in written ? written : toTerm(text, written, now);
    if ('message' in term) return { ok: false, error: term };
    terms.push(term);
    at = written.end;
  }
}

/** The terms in a normal form (lowercase field names, absolute times) that parses back the same. */
export function describeQuery(query: Query): string {
  return query.terms.map(describeTerm).join(' ');
}

function describeTerm(term: Term): string {
  const sign = term.negate ? '-' : '';
  switch (term.kind) {
    case 'field':
      return `${sign}${term.field}:${quoteIfNeeded(term.pattern, false)}`;
    case 'word':
      return sign + quoteIfNeeded(term.pattern, true);
    case 'time':
      return `${sign}${term.bound}:${formatTime(term.at)}`;
  }
}

function quoteIfNeeded(value: string, word: boolean): string {
  const plain = !/\s/.test(value) && !isQuote(value[0]) && !(word && /^(-|[a-z]+:)/i.test(value));
  return plain ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** ISO time without the zero seconds and milliseconds CloudTrail times never carry. */
function formatTime(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/:00Z$/, 'Z');
}

/**
 * Reads the term at `start`. A quote opens only where a value starts (so `o'brien` needs none)
 * and runs to the matching quote; inside, `\` escapes that quote or itself.
 */
function readTerm(text: string, start: number): Written | QuerySyntaxError {
  const negate = text[start] === '-';
  const body = negate ? start + 1 : start;
  let nameEnd = body;
  while (isLetter(text[nameEnd])) nameEnd++;
  const named = nameEnd > body && text[nameEnd] === ':';
  const name = named ? text.slice(body, nameEnd) : undefined;
  const valueStart = named ? nameEnd + 1 : body;
  const quote = text[valueStart];
  if (!isQuote(quote)) {
    const end = endOfTerm(text, valueStart);
    return { start, end, negate, body, name, value: text.slice(valueStart, end), quoted: false };
  }
  let value = '';
  for (let at = valueStart + 1; at < text.length; at++) {
    const char = text[at]!;
    const next = text[at + 1];
    if (char === '\\' && (next === quote || next === '\\')) {
      value += next;
      at++;
    } else if (char === quote) {
      const end = endOfTerm(text, at + 1);
      if (end > at + 1) {
        return fail(text, start, end, (term) => `text after the closing quote in ${term}`);
      }
      return { start, end, negate, body, name, value, quoted: true };
    } else {
      value += char;
    }
  }
  return fail(text, start, text.length, (term) => `unterminated quote in ${term}`);
}

function toTerm(text: string, written: Written, now: number): Term | QuerySyntaxError {
  const { start, end, negate, name, value } = written;
  const typed = text.slice(start, end);
  const key = name?.toLowerCase();
  if (key === undefined || (!isKnown(key) && !written.quoted && value.includes(':'))) {
    // Not `field:value`: an ARN, an IPv6 address, or just a word.
    const pattern = key === undefined ? value : text.slice(written.body, end);
    if (pattern === '') return fail(text, start, end, (term) => `${term} has no value`);
    return { kind: 'word', pattern, negate, text: typed };
  }
  if (!isKnown(key)) {
    return fail(
      text,
      start,
      end,
      () =>
        `unknown field ${JSON.stringify(name)} (fields: ${NAMES}; quote the term to search for it as text)`,
    );
  }
  if (value === '') return fail(text, start, end, (term) => `${term} has no value`);
  if (key === 'after' || key === 'before') {
    const at = parseTime(value, now);
    if (at === undefined) {
      return fail(text, start, end, (term) => `${term} is not a time ${TIME_HINT}`);
    }
    return { kind: 'time', bound: key, at, negate, text: typed };
  }
  // Values of the ip column never hold a '/', so one without a '*' can only be meant as a range.
  if (key === 'ip' && value.includes('/') && !value.includes('*') && !cidrMatcher(value)) {
    return fail(text, start, end, (term) => `${term} is not a CIDR range (use 10.0.0.0/8)`);
  }
  return { kind: 'field', field: key, pattern: value, negate, text: typed };
}

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const RELATIVE = /^(\d+)([smhdw])$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const ZONE = /^([+-])(\d{2}):?(\d{2})$/;
/** The largest distance from the epoch a JS Date can hold. */
const MAX_TIME = 8.64e15;

/** Epoch ms for an ISO time (UTC unless it says otherwise) or a duration before `now`. */
function parseTime(value: string, now: number): number | undefined {
  const relative = RELATIVE.exec(value);
  if (relative) return inRange(now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!);
  const iso = ISO.exec(value);
  if (!iso) return undefined;
  const [year, month, day, hour, minute, second] = iso.slice(1, 7).map((part) => Number(part ?? 0));
  const ms = Number((iso[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms);
  // Date.UTC rolls 2024-02-30 over into March; a round trip catches that and 25:00 alike.
  const date = new Date(utc);
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60;
  const offset = zoneOffset(iso[8]);
  return valid && offset !== undefined ? inRange(utc - offset) : undefined;
}

/** A zone suffix as ms ahead of UTC; none or `Z` is UTC. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const [, sign, hours, minutes] = ZONE.exec(zone)!;
  if (Number(hours) > 23 || Number(minutes) > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
}

function inRange(at: number): number | undefined {
  return Math.abs(at) <= MAX_TIME ? at : undefined;
}

/** A syntax error on `text[start, end)`; `message` gets that term JSON-quoted, so on one line. */
function fail(
  text: string,
  start: number,
  end: number,
  message: (term: string) => string,
): QuerySyntaxError {
  const term = text.slice(start, end);
  return { message: message(JSON.stringify(term)), term, start, end };
}

function endOfTerm(text: string, at: number): number {
  while (at < text.length && !isSpace(text[at]!)) at++;
  return at;
}

function isKnown(name: string): name is QueryField | (typeof BOUNDS)[number] {
  return Object.hasOwn(QUERY_FIELDS, name) || name === 'after' || name === 'before';
}

function isSpace(char: string): boolean {
  return /\s/.test(char);
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /^[a-z]$/i.test(char);
}

function isQuote(char: string | undefined): char is '"' | "'" {
  return char === '"' || char === "'";
}
