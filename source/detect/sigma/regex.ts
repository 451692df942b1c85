import { RE2JS, RE2JSException } from 're2js';
import { limits } from '../../trail/limits.js';
import { fail, SigmaRuleError } from './rule-error.js';

/**
 * The `re` modifier, run by RE2 (re2js, a pure-JavaScript port): matching costs time linear in
 * the length of the value whatever the pattern's shape, so a rule written to backtrack forever
 * (`(a|aa)+$`, `(\w|\d)+x`, `(.*a){20}`) cannot hang a scan. Sigma's flavour is a PCRE subset
 * and RE2 reads nearly all of it the same way; what RE2 cannot do in linear time (lookarounds,
 * back-references) or does not know (`\Z`, possessive quantifiers) is refused with its reason,
 * so the rule is reported as not loaded instead of silently meaning something else.
 */

export interface RegexFlags {
  i: boolean;
  m: boolean;
  s: boolean;
}

/** A compiled `|re` value: whether it matches somewhere in a text. */
export interface SigmaRegex {
  test(text: string): boolean;
}

/**
 * Linear is not yet cheap: RE2's worst case is its program's size times the value's length
 * (a 200-state pattern over a 1 MB value measured 16 s). A test whose worst case passes the
 * `regexSteps` bound is not run; the rule that asked is disabled with this reason.
 */
export class RegexCostError extends SigmaRuleError {
  override name = 'RegexCostError';
}

/** Real rules stay far below this; longer patterns are hostile or generated. */
export const MAX_REGEX_LENGTH = 4096;

const compiled = new Map<string, SigmaRegex>();

export function compileSigmaRegex(source: string, flags: RegexFlags): SigmaRegex {
  if (source.length > MAX_REGEX_LENGTH) {
    fail(`regex is ${source.length} characters long (limit ${MAX_REGEX_LENGTH})`);
  }
  const { pattern, i, m, s } = liftInlineFlags(source, flags);
  const bits =
    (i ? RE2JS.CASE_INSENSITIVE : 0) | (m ? RE2JS.MULTILINE : 0) | (s ? RE2JS.DOTALL : 0);
  const key = `${bits}/${pattern}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(pattern, bits);
  } catch (error) {
    fail(`regex is not supported: ${reasonOf(error)}`);
  }
  const size = programSize(regex, pattern);
  // `test` asks for no captures, which keeps RE2 on its DFA: a few microseconds per ARN.
  const sigmaRegex: SigmaRegex = {
    test: (text) => {
      const steps = size * text.length;
      if (steps > limits().regexSteps)
        throw new RegexCostError(
          `regex ${JSON.stringify(source.slice(0, 40))} over a ${text.length}-character value would cost ${steps} steps (limit ${limits().regexSteps})`,
        );
      return regex.test(text);
    },
  };
  compiled.set(key, sigmaRegex);
  return sigmaRegex;
}

/** Instructions in RE2's program (a repeat like `.{999}` counts each copy); the pattern's length if unknown. */
function programSize(regex: RE2JS, pattern: string): number {
  const program = (regex.re2() as unknown as { prog?: { inst?: unknown[] } }).prog;
  return Math.max(1, program?.inst?.length ?? pattern.length);
}

/** RE2's reason, with a hint where PCRE habits are the cause. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.replace(/^error parsing regexp: /, '');
  if (!(error instanceof RE2JSException)) return detail;
  if (/\(\?[=!<]|\\[1-9]|\\k/.test(detail))
    return `${detail} (lookarounds and back-references cannot run in linear time)`;
  return detail;
}

/** `(?i)` and friends at the very start become flags; other inline flags are refused by name. */
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
