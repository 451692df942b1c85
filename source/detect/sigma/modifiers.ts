import type { TextEncoding } from './encoding.js';
import type { RegexFlags } from './regex.js';
import { fail } from './rule-error.js';

/** How a rule value is compared with the log text. */
export type MatchKind =
  | 'equals'
  | 'contains'
  | 'startswith'
  | 'endswith'
  | 're'
  | 'cidr'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'exists';

/** The time modifiers: compare a number taken out of a timestamp field. */
export type DatePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface FieldModifiers {
  /** Dotted field path; empty for keyword searches. */
  field: string;
  match: MatchKind;
  /** Values AND-ed instead of OR-ed. */
  all: boolean;
  cased: boolean;
  /** `neq`: the field must differ from every value. */
  notEqual: boolean;
  /** Values name another field of the same event. */
  fieldref: boolean;
  /** UTF-16 flavour applied before base64, if any. */
  encoding: TextEncoding | undefined;
  base64: 'plain' | 'offset' | undefined;
  windash: boolean;
  regexFlags: RegexFlags;
  datePart: DatePart | undefined;
}

const SHAPES = new Set<MatchKind>(['contains', 'startswith', 'endswith']);
const ORDERINGS = new Set<MatchKind>(['gt', 'gte', 'lt', 'lte']);
const DATE_PARTS = new Set<DatePart>(['minute', 'hour', 'day', 'week', 'month', 'year']);
const ENCODINGS: Record<string, TextEncoding> = {
  utf16le: 'utf16le',
  wide: 'utf16le',
  utf16be: 'utf16be',
  utf16: 'utf16',
};

/** Parses `field|mod1|mod2` into the field and what its modifiers ask for. */
export function parseFieldKey(key: string): FieldModifiers {
  const [field = '', ...names] = key.split('|');
  const spec: FieldModifiers = {
    field,
    match: 'equals',
    all: false,
    cased: false,
    notEqual: false,
    fieldref: false,
    encoding: undefined,
    base64: undefined,
    windash: false,
    regexFlags: { i: false, m: false, s: false },
    datePart: undefined,
  };
  const setMatch = (kind: MatchKind): void => {
    const shapeAfterFieldref = spec.fieldref && SHAPES.has(kind) && spec.match === 'equals';
    if (spec.match !== 'equals' && !shapeAfterFieldref) {
      fail(`modifiers |${spec.match} and |${kind} cannot be combined`);
    }
    spec.match = kind;
  };

  for (const raw of names) {
    const name = raw.toLowerCase();
    if (name === 'contains' || name === 'startswith' || name === 'endswith') setMatch(name);
    else if (name === 're' || name === 'cidr' || name === 'exists') setMatch(name);
    else if (name === 'gt' || name === 'gte' || name === 'lt' || name === 'lte') setMatch(name);
    else if (name === 'all') spec.all = true;
    else if (name === 'cased') spec.cased = true;
    else if (name === 'neq') spec.notEqual = true;
    else if (name === 'fieldref') spec.fieldref = true;
    else if (name === 'windash') spec.windash = true;
    else if (name === 'i' || name === 'm' || name === 's') {
      if (spec.match !== 're') fail(`modifier |${name} only qualifies |re`);
      spec.regexFlags[name] = true;
    } else if (name === 'base64' || name === 'base64offset') {
      if (spec.base64 !== undefined) fail('only one of |base64 and |base64offset may be used');
      spec.base64 = name === 'base64' ? 'plain' : 'offset';
    } else if (name in ENCODINGS) {
      if (spec.base64 !== undefined) fail(`|${name} must come before |base64`);
      spec.encoding = ENCODINGS[name];
    } else if (DATE_PARTS.has(name as DatePart)) {
      if (spec.datePart !== undefined) fail('only one time modifier may be used');
      spec.datePart = name as DatePart;
    } else if (name === 'expand') {
      fail('|expand placeholders need a processing pipeline, which trailhound does not have');
    } else {
      fail(`unknown modifier |${raw}`);
    }
  }
  checkCombination(spec);
  return spec;
}

function checkCombination(spec: FieldModifiers): void {
  const { match } = spec;
  if (spec.encoding !== undefined && spec.base64 === undefined) {
    fail('UTF-16 modifiers only make sense before |base64 or |base64offset');
  }
  if (spec.base64 !== undefined && !(match === 'equals' || SHAPES.has(match))) {
    fail(`|base64 cannot be combined with |${match}`);
  }
  if (spec.fieldref && (spec.base64 !== undefined || spec.windash || spec.datePart !== undefined)) {
    fail('|fieldref cannot be combined with value transformations');
  }
  if (spec.fieldref && !(match === 'equals' || SHAPES.has(match))) {
    fail(`|fieldref cannot be combined with |${match}`);
  }
  if (spec.notEqual && match !== 'equals') fail(`|neq cannot be combined with |${match}`);
  if (spec.windash && !(match === 'equals' || SHAPES.has(match))) {
    fail(`|windash cannot be combined with |${match}`);
  }
  if (spec.datePart !== undefined && !(match === 'equals' || ORDERINGS.has(match))) {
    fail(`time modifier |${spec.datePart} cannot be combined with |${match}`);
  }
  if (match === 'exists' && (spec.all || spec.notEqual || spec.base64 !== undefined)) {
    fail('|exists takes no other modifier');
  }
}

export function isOrdering(kind: MatchKind): kind is 'gt' | 'gte' | 'lt' | 'lte' {
  return ORDERINGS.has(kind);
}
