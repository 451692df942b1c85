import {
  accountStats,
  isMultiAccount,
  qualifiedIndex,
  timeSpan,
  topValues,
  type AccountStats,
  type NowBasis,
  type ValueCount,
} from '../index/index.js';
import { safeJsonStringify } from '../trail/safe-json.js';
import { sanitizeText } from '../trail/sanitize.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { hasInputErrors } from './load-index.js';
import { openTrail } from './open-trail.js';
import { explicitBaseline } from './load-baseline.js';
import {
  baselineSummary,
  describeBaseline,
  trailNow,
  untilAt,
} from '../state/explicit-baseline.js';

const TOP = 10;

const NOW_FROM: Record<NowBasis, string> = {
  trail: 'the newest event',
  given: '--now',
  clock: 'the clock (live)',
  empty: 'the clock: no events',
};

/** `trailhound stats`: what was read, what failed and why, and the trail at a glance. */
export async function statsCommand(options: CliOptions, io: CliIo): Promise<number> {
  const { index, rows, result, now } = await openTrail(options, io, options.filter);
  // What a baseline export holds, checked before any findings rely on it.
  const baseline = await explicitBaseline(options.baseline, io.stderr, options.workers);
  const until = untilAt(baseline?.until, trailNow(index, options.now, !!options.live));
  const count = (status: string) => result.reports.filter((r) => r.status === status).length;
  const span = timeSpan(
    index,
    rows.filter((row) => !Number.isNaN(index.time(row))),
  );
  const stats = {
    files: { read: count('loaded'), skipped: count('skipped'), failed: count('failed') },
    failures: result.reports
      .filter((r) => r.status === 'failed')
      .map((r) => ({ path: r.path, reason: r.reason ?? '' })),
    skipped: result.reports
      .filter((r) => r.status === 'skipped')
      .map((r) => ({ path: r.path, reason: r.reason ?? '' })),
    events: index.size,
    matching: rows.length,
    duplicatesDropped: index.duplicates,
    malformedRecords: result.progress.malformed,
    // The first few of each file, named with why (the rest are counted above).
    malformed: result.reports.flatMap((r) =>
      (r.malformedReasons ?? []).map((reason) => ({ path: r.path, reason })),
    ),
    timeSpan: span
      ? { first: new Date(span.first).toISOString(), last: new Date(span.last).toISOString() }
      : null,
    // What relative times in --filter (after:1h) counted back from, and why.
    now: { at: new Date(now.at).toISOString(), basis: now.basis },
    ...(baseline ? { baseline: baselineSummary(baseline, until) } : {}),
    // An organization trail's accounts, each with its share (one account: no section at all).
    ...(isMultiAccount(index) ? { accounts: accountStats(index, rows) } : {}),
    // Several accounts: `ACCOUNT/name`, so two accounts' namesakes are counted apart.
    topPrincipals: topValues(qualifiedIndex(index), 'principal', rows, TOP),
    topSourceIps: topValues(index, 'sourceIp', rows, TOP),
    topEventNames: topValues(index, 'eventName', rows, TOP),
  };
  if (options.format === 'json') {
    await io.write(`${safeJsonStringify(stats, 2)}\n`);
  } else {
    const s = sanitizeText;
    const top = (title: string, values: ValueCount[]) =>
      [`${title}:`, ...values.map((v) => `  ${String(v.count).padStart(8)}  ${s(v.value)}`)].join(
        '\n',
      );
    const lines = [
      `files: ${stats.files.read} read, ${stats.files.skipped} skipped, ${stats.files.failed} failed`,
      ...stats.failures.map((f) => `  failed: ${s(f.path)}: ${s(f.reason)}`),
      ...stats.skipped.map((f) => `  skipped: ${s(f.path)}: ${s(f.reason)}`),
      `events: ${stats.events}${options.filter ? ` (${stats.matching} match the filter)` : ''}`,
      `duplicates dropped: ${stats.duplicatesDropped}`,
      `malformed records: ${stats.malformedRecords}`,
      ...stats.malformed.map((m) => `  malformed: ${s(m.path)}: ${s(m.reason)}`),
      `time span: ${stats.timeSpan ? `${stats.timeSpan.first} .. ${stats.timeSpan.last}` : 'none'}`,
      `now (after:1h counts back from it): ${stats.now.at}, ${NOW_FROM[now.basis]}`,
      ...(baseline ? [describeBaseline(baseline, until)!] : []),
      ...(stats.accounts ? [accountLines(stats.accounts)] : []),
      top('top principals', stats.topPrincipals),
      top('top source IPs', stats.topSourceIps),
      top('top event names', stats.topEventNames),
    ];
    await io.write(`${lines.join('\n')}\n`);
  }
  return options.strict && hasInputErrors(result) ? 1 : 0;
}

/** `accounts (3):` and a line per account: events, principals, errors, aligned. */
function accountLines(accounts: readonly AccountStats[]): string {
  const width = Math.max(12, ...accounts.map((a) => sanitizeText(a.account).length));
  const lines = accounts.map(
    (a) =>
      `  ${sanitizeText(a.account).padEnd(width)}  ${String(a.events).padStart(8)} events  ${String(a.principals).padStart(5)} principals  ${String(a.errors).padStart(6)} errors`,
  );
  return [`accounts (${accounts.length}):`, ...lines].join('\n');
}
