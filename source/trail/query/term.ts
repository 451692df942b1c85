/**
 * Reads one term of a query: an optional `-`, an optional `name:` and a value, maybe quoted; a
 * field's value may be a comma list of values (any of them). Relative times are resolved against
 * `now` here, once, so a parsed query means the same thing for as long as it is shown.
 */
import {
  QUERY_FIELDS,
  type Node,
  type QueryField,
  type QuerySyntaxError,
  type Term,
} from './ast.js';
import { cidrMatcher } from './pattern.js';
import { parseTime } from './time.js';

const BOUNDS = ['after', 'before'] as const;
const NAMES = [...Object.keys(QUERY_FIELDS), ...BOUNDS].join(', ');
const TIME_HINT = '(use 2024-05-01T10:00Z or 90m, 24h, 7d)';

/** Thrown inside the parser and caught at its top, so each reader can stop where it fails. */
export class QueryFailure extends Error {
  constructor(readonly error: QuerySyntaxError) {
    super(error.message);
  }
}

/** One value of a term as written; `raw` is its text in the input, quotes included. */
interface Value {
  value: string;
  quoted: boolean;
  raw: string;
}

/**
 * The term at `start` and where it ends: a term, or for a comma list an `or` of one term per
 * value (negated as a whole: `-event:Get*,List*` is neither). A quote opens only where a value
 * starts (so `o'brien` needs none) and runs to the matching quote; inside, `\\` escapes that
 * quote or itself. An unquoted value ends at a space or a `)`, a field's value also at a `,`.
 */
export function readTerm(text: string, start: number, now: number): { node: Node; end: number } {
  const negate = text[start] === '-';
  const body = negate ? start + 1 : start;
  let nameEnd = body;
  while (isLetter(text[nameEnd])) nameEnd++;
  const name = nameEnd > body && text[nameEnd] === ':' ? text.slice(body, nameEnd) : undefined;
  const key = name?.toLowerCase();
  if (key !== undefined && isKnown(key)) {
    const { values, end } = readList(text, start, nameEnd + 1);
    const typed = text.slice(start, end);
    if (values.length > 1 && (key === 'after' || key === 'before')) {
      fail(text, start, end, (term) => `${key}: takes one time, not a list: ${term}`);
    }
    const terms = values.map((value) => {
      if (value.value !== '') {
        // In a list the negation belongs to the whole list, not to each value.
        const listed = values.length > 1;
        return fieldTerm(text, { start, end, listed }, key, value, negate && !listed, now);
      }
      return fail(text, start, end, (term) =>
        values.length > 1 ? `empty alternative in ${term}` : `${term} has no value`,
      );
    });
    if (terms.length === 1) return { node: { ...terms[0]!, text: typed }, end };
    return { node: { kind: 'or', children: terms, negate, text: typed }, end };
  }
  const valueStart = name === undefined ? body : nameEnd + 1;
  const { value, quoted, end } = readWord(text, start, valueStart);
  const typed = text.slice(start, end);
  if (key === undefined || (!quoted && value.includes(':'))) {
    // Not `field:value`: an ARN, an IPv6 address, or just a word.
    const pattern = key === undefined ? value : text.slice(body, end);
    if (pattern === '') fail(text, start, end, (term) => `${term} has no value`);
    return { node: { kind: 'word', pattern, negate, text: typed }, end };
  }
  return fail(
    text,
    start,
    end,
    () =>
      `unknown field ${JSON.stringify(name)} (fields: ${NAMES}; quote the term to search for it as text)`,
  );
}

function fieldTerm(
  text: string,
  { start, end, listed }: { start: number; end: number; listed: boolean },
  key: QueryField | (typeof BOUNDS)[number],
  { value, raw }: Value,
  negate: boolean,
  now: number,
): Node {
  const typed = `${negate ? '-' : ''}${key}:${raw}`;
  if (key === 'after' || key === 'before') {
    const at = parseTime(value, now);
    if (at === undefined) fail(text, start, end, (term) => `${term} is not a time ${TIME_HINT}`);
    return { kind: 'time', bound: key, at: at!, negate, text: typed };
  }
  // Values of the ip column never hold a '/', so one without a '*' can only be meant as a range.
  if (key === 'ip' && value.includes('/') && !value.includes('*') && !cidrMatcher(value)) {
    const what = (term: string) => (listed ? `${JSON.stringify(value)} in ${term}` : term);
    fail(text, start, end, (term) => `${what(term)} is not a CIDR range (use 10.0.0.0/8)`);
  }
  if (key === 'user') {
    const qualified = QUALIFIED_USER.exec(value);
    if (qualified) return userInAccount(qualified[1]!, qualified[2]!, negate, typed);
  }
  return { kind: 'field', field: key, pattern: value, negate, text: typed };
}

/** `user:123456789012/KeyHunter`: a principal named with its account, as findings name it. */
const QUALIFIED_USER = /^(\d{12})\/(.+)$/s;

/**
 * The principal `name` of `account`: its ARN names the account (a user calling into another
 * account is logged there, and is still its own account's user), or, with no ARN, the event is
 * that account's.
 */
function userInAccount(account: string, name: string, negate: boolean, text: string): Node {
  const field = (field: QueryField, pattern: string, negated = false): Term => ({
    kind: 'field',
    field,
    pattern,
    negate: negated,
    text,
  });
  return {
    kind: 'and',
    negate,
    text,
    children: [
      field('user', name),
      {
        kind: 'or',
        negate: false,
        text,
        children: [
          field('user', `arn:*:${account}:*`),
          {
            kind: 'and',
            negate: false,
            text,
            children: [field('account', account), field('user', 'arn:*', true)],
          },
        ],
      },
    ],
  };
}

/** A field's value: one or more values separated by commas, each maybe quoted. */
function readList(text: string, start: number, at: number): { values: Value[]; end: number } {
  const values: Value[] = [];
  for (;;) {
    const from = at;
    let value: string;
    let quoted = false;
    if (isQuote(text[at])) {
      ({ value, end: at } = readQuoted(text, start, at));
      quoted = true;
      if (!isListEnd(text[at]) && text[at] !== ',') {
        fail(text, start, endOfWord(text, at), (term) => `text after the closing quote in ${term}`);
      }
    } else {
      if (text[at] === '(') {
        const end = endOfWord(text, at);
        fail(
          text,
          start,
          end,
          (term) =>
            `a value cannot start with "(" in ${term} (list alternatives with commas, as in event:Create*,Delete*, or quote the value)`,
        );
      }
      while (at < text.length && !isListEnd(text[at]) && text[at] !== ',') at++;
      value = text.slice(from, at);
    }
    values.push({ value, quoted, raw: text.slice(from, at) });
    if (text[at] !== ',') return { values, end: at };
    at++;
  }
}

/** A bare word or an unknown `name:value`: commas are part of it. */
function readWord(
  text: string,
  start: number,
  at: number,
): { value: string; quoted: boolean; end: number } {
  if (!isQuote(text[at])) {
    const end = endOfWord(text, at);
    return { value: text.slice(at, end), quoted: false, end };
  }
  const { value, end } = readQuoted(text, start, at);
  if (!isListEnd(text[end])) {
    fail(text, start, endOfWord(text, end), (term) => `text after the closing quote in ${term}`);
  }
  return { value, quoted: true, end };
}

/** The quoted string opening at `at`, unescaped, and the offset after its closing quote. */
function readQuoted(text: string, start: number, at: number): { value: string; end: number } {
  const quote = text[at];
  let value = '';
  for (at++; at < text.length; at++) {
    const char = text[at]!;
    const next = text[at + 1];
    if (char === '\\' && (next === quote || next === '\\')) {
      value += next;
      at++;
    } else if (char === quote) {
      return { value, end: at + 1 };
    } else {
      value += char;
    }
  }
  return fail(text, start, text.length, (term) => `unterminated quote in ${term}`);
}

/** Throws the syntax error on `text[start, end)`; `message` gets that part JSON-quoted. */
export function fail(
  text: string,
  start: number,
  end: number,
  message: (term: string) => string,
): never {
  const term = text.slice(start, end);
  throw new QueryFailure({ message: message(JSON.stringify(term)), term, start, end });
}

/** An unquoted value runs to a space or a `)` (which closes a group). */
function endOfWord(text: string, at: number): number {
  while (at < text.length && !isListEnd(text[at])) at++;
  return at;
}

function isListEnd(char: string | undefined): boolean {
  return char === undefined || char === ')' || isSpace(char);
}

function isKnown(name: string): name is QueryField | (typeof BOUNDS)[number] {
  return Object.hasOwn(QUERY_FIELDS, name) || name === 'after' || name === 'before';
}

export function isSpace(char: string): boolean {
  return /\s/.test(char);
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /^[a-z]$/i.test(char);
}

export function isQuote(char: string | undefined): char is '"' | "'" {
  return char === '"' || char === "'";
}
