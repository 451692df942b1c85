import { someText } from './field-path.js';
import { parseFieldKey, type FieldModifiers } from './modifiers.js';
import { fail } from './rule-error.js';
import { allOf, anyOf, negation, type Matcher } from './truth.js';
import { UNKNOWN, type FieldGetter, type Truth } from './types.js';
import { compileTextTest, type TextTest } from './value-test.js';
import { parseSigmaString } from './wildcard.js';

/** A compiled search: its matcher and the event names it is limited to (undefined: any). */
export interface CompiledSearch {
  matcher: Matcher;
  eventNames: ReadonlySet<string> | undefined;
}

const EVENT_NAME_FIELD = 'eventName';

/** A rule value as the matcher sees it: text, or null for "absent or null". */
type RuleValue = string | null;

function ruleValueOf(value: unknown, key: string): RuleValue {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return fail(`value of ${JSON.stringify(key)} must be a scalar or a list of scalars`);
}

function ruleValuesOf(raw: unknown, key: string): RuleValue[] {
  const values = Array.isArray(raw)
    ? raw.map((value) => ruleValueOf(value, key))
    : [ruleValueOf(raw, key)];
  if (values.length === 0) fail(`${JSON.stringify(key)} has an empty list of values`);
  return values;
}

/** One `field|modifiers: value(s)` item of a selection, or a keyword search when field is empty. */
export function compileFieldItem(key: string, raw: unknown): CompiledSearch {
  const spec = parseFieldKey(key);
  const values = ruleValuesOf(raw, key);
  if (spec.match === 'exists')
    return { matcher: existsMatcher(spec, values), eventNames: undefined };
  if (spec.fieldref) return { matcher: fieldrefMatcher(spec, values), eventNames: undefined };
  const matcher = valueMatcher(spec, values);
  return {
    matcher: spec.notEqual ? negation(matcher) : matcher,
    eventNames: eventNamesOf(spec, values),
  };
}

function existsMatcher(spec: FieldModifiers, values: RuleValue[]): Matcher {
  const [wanted] = values;
  if (values.length !== 1 || (wanted !== 'true' && wanted !== 'false')) {
    fail(`|exists of ${JSON.stringify(spec.field)} takes true or false`);
  }
  const present = wanted === 'true';
  const { field } = spec;
  // The spec checks presence only: a field logged as null exists.
  return (get) => {
    const value = get(field);
    if (value === UNKNOWN) return undefined;
    return (value !== undefined) === present;
  };
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function valueMatcher(spec: FieldModifiers, values: RuleValue[]): Matcher {
  const { field } = spec;
  const keyword = field === '';
  const withJson = !keyword;
  const texts = values.filter((value): value is string => value !== null);
  const acceptsAbsent = texts.length < values.length;
  if (acceptsAbsent && spec.match !== 'equals') {
    fail(`null cannot be combined with |${spec.match} (${JSON.stringify(field)})`);
  }

  if (spec.all && texts.length > 1) {
    if (acceptsAbsent) fail(`|all cannot be combined with null (${JSON.stringify(field)})`);
    const tests = texts.map((text) => compileTextTest([text], spec));
    return (get) => {
      const value = get(field);
      if (value === UNKNOWN) return undefined;
      for (const test of tests) if (!someText(value, test, withJson)) return false;
      return true;
    };
  }

  const test: TextTest | undefined = texts.length > 0 ? compileTextTest(texts, spec) : undefined;
  return (get): Truth => {
    const value = get(field);
    if (value === UNKNOWN) return undefined;
    if (isAbsent(value)) return acceptsAbsent;
    return test !== undefined && someText(value, test, withJson);
  };
}

/** The comparison a field reference makes between two texts, both already folded. */
function referenceComparison(spec: FieldModifiers): (left: string, right: string) => boolean {
  switch (spec.match) {
    case 'contains':
      return (left, right) => left.includes(right);
    case 'startswith':
      return (left, right) => left.startsWith(right);
    case 'endswith':
      return (left, right) => left.endsWith(right);
    default:
      return (left, right) => left === right;
  }
}

function fieldrefMatcher(spec: FieldModifiers, values: RuleValue[]): Matcher {
  const compare = referenceComparison(spec);
  const fold = spec.cased ? (text: string) => text : (text: string) => text.toLowerCase();
  const { field } = spec;
  const one = (other: string): Matcher => {
    return (get: FieldGetter): Truth => {
      const left = get(field);
      const right = get(other);
      if (left === UNKNOWN || right === UNKNOWN) return undefined;
      if (isAbsent(left) || isAbsent(right)) return false;
      return someText(
        left,
        (leftText) => {
          const folded = fold(leftText);
          return someText(right, (rightText) => compare(folded, fold(rightText)), false);
        },
        false,
      );
    };
  };
  const references = values.map((value) => {
    if (value === null || value === '')
      fail(`|fieldref of ${JSON.stringify(field)} needs field names`);
    return one(value);
  });
  const matcher = spec.all ? allOf(references) : anyOf(references);
  return spec.notEqual ? negation(matcher) : matcher;
}

/** Event names this item pins the event to, when it is a plain equality on eventName. */
function eventNamesOf(spec: FieldModifiers, values: RuleValue[]): ReadonlySet<string> | undefined {
  const plainEquality =
    spec.field === EVENT_NAME_FIELD &&
    spec.match === 'equals' &&
    !spec.notEqual &&
    !spec.windash &&
    spec.base64 === undefined &&
    spec.datePart === undefined;
  if (!plainEquality) return undefined;
  const names: string[] = [];
  for (const value of values) {
    if (value === null) return undefined;
    const literal = parseSigmaString(value, true).literal;
    if (literal === undefined) return undefined;
    names.push(literal);
  }
  // With |all every value must equal the one event name: only one distinct value can.
  if (spec.all && new Set(names).size > 1) return new Set();
  return new Set(names);
}
