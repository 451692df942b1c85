/**
 * Sigma string values: `*` any run of characters, `?` exactly one, and `\` escaping `*`, `?` or
 * itself (a backslash before anything else is a plain backslash). Matching is done without
 * regular expressions: leftmost search of the parts between stars is linear for star-only
 * patterns and cannot backtrack catastrophically however many stars a hostile rule holds.
 */

/** A run of the pattern between two stars; `anyAt[i]` marks a `?` at position i. */
interface Part {
  text: string;
  anyAt: Uint8Array | undefined;
}

export interface SigmaString {
  /** The parts between stars, in order, empty parts dropped. */
  parts: Part[];
  startsWithStar: boolean;
  endsWithStar: boolean;
  /** The plain text when the value holds no wildcard at all. */
  literal: string | undefined;
}

/** Parses a rule value; `lower` folds it for case-insensitive matching. */
export function parseSigmaString(value: string, lower: boolean): SigmaString {
  const parts: Part[] = [];
  let chars = '';
  let marks: number[] = [];
  let sawWildcard = false;
  let startsWithStar = false;
  let endsWithStar = false;

  const closePart = (): void => {
    if (chars.length > 0) {
      let anyAt: Uint8Array | undefined;
      if (marks.length > 0) {
        anyAt = new Uint8Array(chars.length);
        for (const at of marks) anyAt[at] = 1;
      }
      parts.push({ text: chars, anyAt });
    }
    chars = '';
    marks = [];
  };

  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const next = value[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        chars += lower ? next.toLowerCase() : next;
        i++;
      } else {
        chars += '\\';
      }
      continue;
    }
    if (c === '*') {
      sawWildcard = true;
      if (parts.length === 0 && chars.length === 0) startsWithStar = true;
      closePart();
      endsWithStar = true;
      continue;
    }
    endsWithStar = false;
    if (c === '?') {
      sawWildcard = true;
      marks.push(chars.length);
      chars += '?';
      continue;
    }
    chars += lower ? c.toLowerCase() : c;
  }
  closePart();
  const literal = sawWildcard ? undefined : (parts[0]?.text ?? '');
  return { parts, startsWithStar, endsWithStar, literal };
}

/** Puts the implicit stars of `contains`, `startswith` and `endswith` around a value. */
export function widen(pattern: SigmaString, before: boolean, after: boolean): SigmaString {
  if (!before && !after) return pattern;
  return {
    parts: pattern.parts,
    startsWithStar: pattern.startsWithStar || before,
    endsWithStar: pattern.endsWithStar || after,
    literal: undefined,
  };
}

function partMatchesAt(text: string, at: number, part: Part): boolean {
  const { text: want, anyAt } = part;
  if (anyAt === undefined) return text.startsWith(want, at);
  if (at + want.length > text.length) return false;
  for (let k = 0; k < want.length; k++) {
    if (anyAt[k] === 1) continue;
    if (text.charCodeAt(at + k) !== want.charCodeAt(k)) return false;
  }
  return true;
}

/** Leftmost start in [from, limit - part length] where `part` matches, or -1. */
function findPart(text: string, part: Part, from: number, limit: number): number {
  const last = limit - part.text.length;
  if (part.anyAt === undefined) {
    const at = text.indexOf(part.text, from);
    return at !== -1 && at <= last ? at : -1;
  }
  for (let at = from; at <= last; at++) if (partMatchesAt(text, at, part)) return at;
  return -1;
}

/** Whether the whole `text` fits the pattern (both already folded the same way). */
export function matchSigmaString(pattern: SigmaString, text: string): boolean {
  if (pattern.literal !== undefined) return text === pattern.literal;
  const { parts, startsWithStar, endsWithStar } = pattern;
  if (parts.length === 0) return startsWithStar || text.length === 0;

  let from = 0;
  let limit = text.length;
  let first = 0;
  let last = parts.length - 1;

  if (!startsWithStar) {
    const head = parts[0]!;
    if (!partMatchesAt(text, 0, head)) return false;
    from = head.text.length;
    first = 1;
    if (parts.length === 1 && !endsWithStar) return from === text.length;
  }
  if (!endsWithStar && first <= last) {
    const tail = parts[last]!;
    const at = text.length - tail.text.length;
    if (at < from || !partMatchesAt(text, at, tail)) return false;
    limit = at;
    last--;
  }
  for (let i = first; i <= last; i++) {
    const part = parts[i]!;
    const at = findPart(text, part, from, limit);
    if (at === -1) return false;
    from = at + part.text.length;
  }
  return true;
}

/** Whether a condition's `of` pattern (only `*` is special there) names an identifier. */
export function identifierPatternMatches(pattern: string, identifier: string): boolean {
  return matchSigmaString(parseSigmaString(pattern.replace(/\?/g, '\\?'), false), identifier);
}
