import { fail } from './rule-error.js';

/**
 * The `re` modifier. Sigma's regex flavour is a PCRE subset; JavaScript's is close enough once
 * leading inline flags are lifted out. What JavaScript would silently read differently (`\A`
 * as a plain "A") or what could hang the matcher on a long request body is refused with a
 * reason instead.
 */

export interface RegexFlags {
  i: boolean;
  m: boolean;
  s: boolean;
}

/** Real rules stay far below this; longer patterns are hostile or generated. */
export const MAX_REGEX_LENGTH = 4096;

/** Escapes whose meaning JavaScript shares with PCRE (letters only; others are literals). */
const SHARED_LETTER_ESCAPES = new Set('dDwWsSbBnrtfvcxu'.split(''));

const compiled = new Map<string, RegExp>();

export function compileSigmaRegex(source: string, flags: RegexFlags): RegExp {
  if (source.length > MAX_REGEX_LENGTH) {
    fail(`regex is ${source.length} characters long (limit ${MAX_REGEX_LENGTH})`);
  }
  const { pattern, i, m, s } = liftInlineFlags(source, flags);
  const flagText = (i ? 'i' : '') + (m ? 'm' : '') + (s ? 's' : '');
  const key = `${flagText}/${pattern}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;

  refuseCatastrophicNesting(pattern);
  const searched = trimOuterDotRuns(pattern);
  let regex: RegExp;
  try {
    regex = new RegExp(searched, flagText + 'u');
  } catch {
    // Unicode mode rejects harmless PCRE habits such as `\-` or `\:`; retry without it once
    // we know no letter escape would change meaning.
    refuseForeignEscapes(pattern);
    try {
      regex = new RegExp(searched, flagText);
    } catch (error) {
      fail(`regex does not compile: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  compiled.set(key, regex);
  return regex;
}

/**
 * Rules like `.+:assumed-role/aws:.+` are only ever searched for, never extracted from, and an
 * unanchored search for `.+X.+` finds a match exactly when one for `.X.` does (and `.*X` when
 * `X` does). V8 would otherwise retry the greedy run from every start position: quadratic in
 * the length of the value, measured at 5 µs per ARN. Only the plain outer runs are trimmed;
 * patterns with alternation or back-references are left as written.
 */
function trimOuterDotRuns(pattern: string): string {
  if (pattern.includes('|') || /\\[1-9k]/.test(pattern)) return pattern;
  let trimmed = pattern;
  const head = /^\.([+*])\??/.exec(trimmed);
  if (head !== null) trimmed = (head[1] === '+' ? '.' : '') + trimmed.slice(head[0].length);
  const tail = /(\\*)\.([+*])\??$/.exec(trimmed);
  // An odd number of backslashes before the dot makes it a literal dot.
  if (tail !== null && tail[1]!.length % 2 === 0) {
    trimmed = trimmed.slice(0, tail.index + tail[1]!.length) + (tail[2] === '+' ? '.' : '');
  }
  return trimmed;
}

/** `(?i)` and friends at the very start become flags; JavaScript 20 has no inline flags. */
function liftInlineFlags(source: string, flags: RegexFlags): RegexFlags & { pattern: string } {
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline === null) return { pattern: source, ...flags };
  const lifted = { ...flags };
  for (const letter of inline[1]!) {
    if (letter === 'i' || letter === 'm' || letter === 's') lifted[letter] = true;
    else fail(`regex inline flag (?${letter}) is not supported`);
  }
  return { pattern: source.slice(inline[0].length), ...lifted };
}

function refuseForeignEscapes(pattern: string): void {
  for (let k = 0; k < pattern.length; k++) {
    if (pattern[k] !== '\\') continue;
    const next = pattern[k + 1] ?? '';
    if (/[a-zA-Z]/.test(next) && !SHARED_LETTER_ESCAPES.has(next)) {
      fail(`regex escape \\${next} has no JavaScript equivalent`);
    }
    k++;
  }
}

/** What the scan knows about one open group. */
interface GroupScan {
  /** Some alternative so far consists only of repeated atoms, like `a+` or `\s*\w+`. */
  risky: boolean;
  altHasAtom: boolean;
  altAllRepeated: boolean;
}

const newGroup = (): GroupScan => ({ risky: false, altHasAtom: false, altAllRepeated: true });

function closeAlternative(group: GroupScan): void {
  if (group.altHasAtom && group.altAllRepeated) group.risky = true;
  group.altHasAtom = false;
  group.altAllRepeated = true;
}

/** Length of a quantifier at `at` (0 when none) and whether it repeats without a small bound. */
function quantifierAt(pattern: string, at: number): { length: number; unbounded: boolean } {
  const c = pattern[at];
  let length = 0;
  let unbounded = false;
  if (c === '*' || c === '+') {
    length = 1;
    unbounded = true;
  } else if (c === '?') {
    length = 1;
  } else if (c === '{') {
    const brace = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + 24));
    if (brace !== null) {
      length = brace[0].length;
      const upper =
        brace[2] === undefined ? Number(brace[1]) : brace[3] ? Number(brace[3]) : Infinity;
      unbounded = upper > 16;
    }
  }
  if (length > 0 && (pattern[at + length] === '?' || pattern[at + length] === '+')) length++;
  return { length, unbounded };
}

/**
 * Refuses a repeated group one of whose alternatives is itself only repeated atoms (`(a+)+`,
 * `(\s*\w*)*`): the classic shape of exponential backtracking. `(\w+\.)+` passes, since its
 * literal dot pins every repetition.
 */
function refuseCatastrophicNesting(pattern: string): void {
  const stack: GroupScan[] = [newGroup()];
  const atom = (repeated: boolean): void => {
    const group = stack[stack.length - 1]!;
    group.altHasAtom = true;
    if (!repeated) group.altAllRepeated = false;
  };
  let k = 0;
  while (k < pattern.length) {
    const c = pattern[k]!;
    if (c === '(') {
      stack.push(newGroup());
      k++;
      if (pattern[k] === '?') {
        // Group syntax `(?:`, `(?=`, `(?<name>`: skip to the group body.
        const head = /^\?(?::|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(pattern.slice(k));
        k += head === null ? 1 : head[0].length;
      }
      continue;
    }
    if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : stack[0]!;
      closeAlternative(group);
      const quantifier = quantifierAt(pattern, k + 1);
      if (quantifier.unbounded && group.risky) {
        fail('regex repeats a group of repeated atoms (catastrophic backtracking risk)');
      }
      atom(quantifier.length > 0 || group.risky);
      k += 1 + quantifier.length;
      continue;
    }
    if (c === '|') {
      closeAlternative(stack[stack.length - 1]!);
      k++;
      continue;
    }
    let end = k + 1;
    if (c === '\\') end = k + 2;
    else if (c === '[') {
      end = k + 1;
      if (pattern[end] === '^') end++;
      if (pattern[end] === ']') end++;
      while (end < pattern.length && pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
      end++;
    }
    if (c === '^' || c === '$') {
      k = end;
      continue;
    }
    const quantifier = quantifierAt(pattern, end);
    atom(quantifier.length > 0);
    k = end + quantifier.length;
  }
}
