import { equalsFoldedAscii, isAscii } from './case-fold.js';
import { ipInRange, parseCidr, parseIp, type CidrRange } from './cidr.js';
import { base64Of, base64OffsetsOf, dashPermutations, encodeText, foldDashes } from './encoding.js';
import { isOrdering, type DatePart, type FieldModifiers } from './modifiers.js';
import { compileSigmaRegex } from './regex.js';
import { fail } from './rule-error.js';
import { matchSigmaString, parseSigmaString, widen, type SigmaString } from './wildcard.js';

/** Whether one text form of a log value satisfies a rule value (or any of several). */
export type TextTest = (text: string) => boolean;

/** Beyond this, `windash` before an encoding would expand a value into too many variants. */
const MAX_DASH_VARIANTS = 625;

/**
 * Compiles rule values into one test that accepts a text when any value matches it. Everything
 * that does not depend on the log (folding case, parsing wildcards, encoding, compiling
 * regexes and ranges) happens here, once.
 */
export function compileTextTest(values: readonly string[], spec: FieldModifiers): TextTest {
  let test: TextTest;
  if (spec.match === 're') test = regexTest(values, spec);
  else if (spec.match === 'cidr') test = cidrTest(values);
  else if (isOrdering(spec.match) || spec.datePart !== undefined) test = numberTest(values, spec);
  else if (spec.base64 !== undefined) test = encodedTest(values, spec);
  else test = stringTest(values, spec);
  return spec.datePart === undefined ? test : onDatePart(spec.datePart, test);
}

function stringTest(values: readonly string[], spec: FieldModifiers): TextTest {
  const lower = !spec.cased;
  const fold = spec.windash;
  const before = spec.match === 'contains' || spec.match === 'endswith' || spec.field === '';
  const after = spec.match === 'contains' || spec.match === 'startswith' || spec.field === '';
  const exact = new Set<string>();
  const patterns: SigmaString[] = [];
  for (const value of values) {
    const pattern = widen(parseSigmaString(fold ? foldDashes(value) : value, lower), before, after);
    if (pattern.literal !== undefined) exact.add(pattern.literal);
    else patterns.push(pattern);
  }
  const [onlyExact] = exact;
  if (patterns.length === 0 && exact.size === 1 && onlyExact !== undefined && !fold) {
    if (!lower) return (text) => text === onlyExact;
    if (isAscii(onlyExact)) return (text) => equalsFoldedAscii(text, onlyExact);
    return (text) => text.toLowerCase() === onlyExact;
  }
  if (patterns.length === 0 && !fold && [...exact].every(isAscii)) {
    // Most texts differ in length from every value and need no lower-cased copy at all.
    const lengths = new Set([...exact].map((value) => value.length));
    return (text) => lengths.has(text.length) && exact.has(lower ? text.toLowerCase() : text);
  }
  return (text) => {
    let folded = lower ? text.toLowerCase() : text;
    if (fold) folded = foldDashes(folded);
    if (exact.has(folded)) return true;
    for (const pattern of patterns) if (matchSigmaString(pattern, folded)) return true;
    return false;
  };
}

/** base64 text is case-sensitive by nature, so encoded values are compared as written. */
function encodedTest(values: readonly string[], spec: FieldModifiers): TextTest {
  const encoded: string[] = [];
  for (const value of values) {
    const plain = spec.windash ? dashPermutations(value, MAX_DASH_VARIANTS) : [value];
    if (plain === undefined) fail('|windash before |base64 expands into too many variants');
    for (const variant of plain) {
      const bytes = encodeText(variant, spec.encoding ?? 'utf8');
      if (spec.base64 === 'offset') encoded.push(...base64OffsetsOf(bytes));
      else encoded.push(base64Of(bytes));
    }
  }
  // The encodings hold no wildcard characters; escape anyway so the parser keeps them literal.
  const literal = encoded.map((text) => text.replace(/[*?\\]/g, '\\$&'));
  return stringTest(literal, { ...spec, cased: true, windash: false });
}

function regexTest(values: readonly string[], spec: FieldModifiers): TextTest {
  const regexes = values.map((value) => compileSigmaRegex(value, spec.regexFlags));
  if (regexes.length === 1) {
    const [regex] = regexes as [RegExp];
    return (text) => regex.test(text);
  }
  return (text) => regexes.some((regex) => regex.test(text));
}

function cidrTest(values: readonly string[]): TextTest {
  const ranges: CidrRange[] = values.map((value) => {
    const range = parseCidr(value);
    if (range === undefined) fail(`|cidr value ${JSON.stringify(value)} is not an IP range`);
    return range;
  });
  return (text) => {
    const ip = parseIp(text);
    return ip !== undefined && ranges.some((range) => ipInRange(ip, range));
  };
}

function parseNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

function numberTest(values: readonly string[], spec: FieldModifiers): TextTest {
  const bounds = values.map((value) => {
    const n = parseNumber(value);
    if (Number.isNaN(n)) fail(`|${spec.match} value ${JSON.stringify(value)} is not a number`);
    return n;
  });
  const compare = comparison(spec.match);
  return (text) => {
    const n = parseNumber(text);
    if (Number.isNaN(n)) return false;
    for (const bound of bounds) if (compare(n, bound)) return true;
    return false;
  };
}

function comparison(kind: FieldModifiers['match']): (n: number, bound: number) => boolean {
  switch (kind) {
    case 'gt':
      return (n, bound) => n > bound;
    case 'gte':
      return (n, bound) => n >= bound;
    case 'lt':
      return (n, bound) => n < bound;
    case 'lte':
      return (n, bound) => n <= bound;
    default:
      return (n, bound) => n === bound;
  }
}

/** The time modifiers read the timestamp in UTC, as CloudTrail writes it. */
function onDatePart(part: DatePart, test: TextTest): TextTest {
  return (text) => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) return false;
    return test(String(datePartOf(new Date(ms), part)));
  };
}

function datePartOf(date: Date, part: DatePart): number {
  switch (part) {
    case 'minute':
      return date.getUTCMinutes();
    case 'hour':
      return date.getUTCHours();
    case 'day':
      return date.getUTCDate();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'year':
      return date.getUTCFullYear();
    case 'week':
      return isoWeek(date);
  }
}

function isoWeek(date: Date): number {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
}
