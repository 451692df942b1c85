import type { FileReport } from './source-file.js';

/** What one source given (a path, or `-` for standard input) yielded, all its files together. */
export interface SourceOutcome {
  /** As given on the command line ('-' for standard input). */
  source: string;
  /** Records that became events, duplicates included. */
  events: number;
  /** Why it gave no event, in words for the analyst; absent when it gave some. */
  problem?: string;
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/**
 * A source that gives no event is a mistake to say, not an empty trail to show: a typo in a path,
 * an empty or wrong folder, or files that are all broken. Says which, from its files' reports.
 */
export function sourceOutcome(source: string, reports: readonly FileReport[]): SourceOutcome {
  const events = reports.reduce((sum, report) => sum + report.events, 0);
  if (events > 0) return { source, events };
  const only = reports.length === 1 ? reports[0]! : undefined;
  if (only && only.path === source) {
    // The path named one file: its own reason is the source's.
    if (only.status !== 'loaded') return { source, events, problem: only.reason ?? only.status };
    return {
      source,
      events,
      problem:
        only.malformed > 0
          ? `no CloudTrail events in it (${plural(only.malformed, 'malformed record')})`
          : 'no CloudTrail events in it',
    };
  }
  if (reports.length === 0)
    return {
      source,
      events,
      problem: 'no CloudTrail log files in it (looked for .json, .jsonl, .ndjson, .gz too)',
    };
  const failed = reports.filter((report) => report.status === 'failed').length;
  const skipped = reports.filter((report) => report.status === 'skipped').length;
  const empty = reports.length - failed - skipped;
  const parts = [
    ...(failed > 0 ? [`${plural(failed, 'file')} could not be read`] : []),
    ...(skipped > 0 ? [`${plural(skipped, 'file')} skipped (${skippedReasons(reports)})`] : []),
    ...(empty > 0 ? [`${plural(empty, 'file')} held no events`] : []),
  ];
  return { source, events, problem: `no CloudTrail events: ${parts.join(', ')}` };
}

function skippedReasons(reports: readonly FileReport[]): string {
  const reasons = new Set(
    reports.filter((report) => report.status === 'skipped').map((r) => r.reason ?? 'skipped'),
  );
  return [...reasons].join('; ');
}

/**
 * What a feed (a bucket) yielded: its objects' reports, and when it gave no event the first
 * problem it met outside them (a denied listing says more than "no events"), else that nothing
 * in the window was found under it.
 */
export function feedOutcome(
  shown: string,
  reports: readonly FileReport[],
  problems: readonly string[],
): SourceOutcome {
  const outcome = sourceOutcome(shown, reports);
  if (outcome.events > 0) return outcome;
  if (problems.length > 0) return { source: shown, events: 0, problem: problems[0]! };
  if (reports.length === 0)
    return { source: shown, events: 0, problem: 'no CloudTrail log objects in the window' };
  return outcome;
}
