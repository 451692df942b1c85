/**
 * Turns a step's templates into what the app runs and shows: the analyst's suspects go into the
 * query and the CLI, and the CLI's times are fixed against the evidence's now. The query's
 * relative times (`after:7d`) are left as written: the query parser resolves them each time it runs.
 */
import type { PlaybookStep, Suspects } from './types.js';
import { queryValue, UNIT_MS } from '../trail/query/index.js';

/**
 * A suspect as one value of a query term (quoted when it holds a space, a comma or a parenthesis),
 * so `user:{principal}` never turns into a list of alternatives (IAM and session names may hold
 * commas; they cannot hold `*`, so a suspect never turns into a wildcard).
 */
export { queryValue };

export type SuspectKind = keyof Suspects;

/**
 * The two times a step's CLI can hold. `evidence` is now for the evidence (the trail's end
 * when it was read from files): the windows to look in. `wall` is the clock: what a command
 * changes in AWS happens today (a session deny must void tokens issued up to today, not up
 * to the end of a year-old trail).
 */
export interface StepClock {
  evidence: number;
  wall: number;
}

export interface FilledStep {
  query?: string;
  cli?: string;
  /** What to do first, one line per suspect the step needs and the case lacks. */
  missing?: string[];
}

const SUSPECT_KINDS: readonly SuspectKind[] = ['principal', 'key', 'ip'];

const NEEDED: Record<SuspectKind, string> = {
  principal: 'mark a suspect principal first',
  key: 'mark a suspect access key first',
  ip: 'mark a suspect IP address first',
};

const SUSPECT_PLACEHOLDER = /\{(principal|key|ip)\}/g;
/** `{now}`, `{now-ms}`, `{since:7d}`, `{since-ms:30m}`. JSON braces in a policy never match. */
const TIME_PLACEHOLDER = /\{(now|since)(-ms)?(?::(\d+)([smhdw]))?\}/g;

/** The suspects a step cannot do without, in a fixed order. */
export function suspectsNeeded(step: PlaybookStep): SuspectKind[] {
  const target = step.target;
  const texts: string[] = [];
  if (target.kind === 'query') texts.push(target.query, target.cli);
  if ((target.kind === 'action' || target.kind === 'manual') && target.cli !== undefined) {
    texts.push(target.cli);
  }
  const named = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(SUSPECT_PLACEHOLDER)) named.add(match[1]!);
  }
  if (target.kind === 'profile') named.add(target.subject.replace('suspect-', ''));
  return SUSPECT_KINDS.filter((kind) => named.has(kind));
}

/**
 * The step's query and CLI with the suspects and times filled in. When a suspect is missing,
 * only `missing` comes back: a half-filled query would run and quietly match nothing.
 */
export function fillStep(step: PlaybookStep, suspects: Suspects, now: StepClock): FilledStep {
  const missing = suspectsNeeded(step)
    .filter((kind) => !present(suspects[kind]))
    .map((kind) => NEEDED[kind]);
  if (missing.length > 0) return { missing };
  const target = step.target;
  switch (target.kind) {
    case 'query':
      return {
        query: target.query.replace(SUSPECT_PLACEHOLDER, (_, kind: SuspectKind) =>
          queryValue(suspects[kind]!),
        ),
        cli: fillCli(target.cli, suspects, now),
      };
    case 'action':
      return { cli: fillCli(target.cli, suspects, now) };
    case 'manual':
      return target.cli === undefined ? {} : { cli: fillCli(target.cli, suspects, now) };
    case 'profile':
    case 'findings':
      return {};
  }
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function fillCli(template: string, suspects: Suspects, now: StepClock): string {
  return template
    .split('\n')
    .map((line) => fillLine(line, now))
    .join('\n')
    .replace(SUSPECT_PLACEHOLDER, (_, kind: SuspectKind) =>
      shellWord(kind === 'principal' ? bareName(suspects.principal!) : suspects[kind]!),
    );
}

/**
 * One command line's times. A window in epoch ms (as CloudWatch Logs takes it) is unreadable,
 * so the line also says it in ISO, as a shell comment: the analyst can see it is the trail's
 * window before running it.
 */
function fillLine(line: string, now: StepClock): string {
  const iso: string[] = [];
  const filled = line
    .replaceAll('{clock}', isoTime(now.wall))
    .replace(
      TIME_PLACEHOLDER,
      (whole, base: string, ms?: string, count?: string, unit?: string) => {
        // `{since}` without a span is not a placeholder we write; leave it for the eye to catch.
        if (base === 'since' && count === undefined) return whole;
        const at =
          base === 'now'
            ? now.evidence
            : now.evidence - Number(count) * UNIT_MS[unit!.toLowerCase()]!;
        if (ms === undefined) return isoTime(at);
        iso.push(isoTime(at));
        return String(Math.round(at));
      },
    );
  return iso.length > 0 ? `${filled}  # ${iso.join(' .. ')}` : filled;
}

function isoTime(at: number): string {
  return new Date(at).toISOString();
}

/**
 * The name IAM calls and LookupEvents' Username want, from whatever the case marked: the last
 * part of an ARN or `role/session` (LookupEvents files an assumed role's calls under the session
 * name), `root` for the root ARN.
 */
export function bareName(principal: string): string {
  const slash = principal.lastIndexOf('/');
  if (slash >= 0) return principal.slice(slash + 1);
  if (principal.startsWith('arn:')) return principal.slice(principal.lastIndexOf(':') + 1);
  return principal;
}

/**
 * A value as one shell word. Suspects come from the logs, which the intruder writes: anything
 * beyond the characters AWS names and addresses use is single-quoted, so a pasted command can
 * never run what a log put there.
 */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
