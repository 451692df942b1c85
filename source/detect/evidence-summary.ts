import type { IndexView } from '../index/index.js';
import { actorOf } from './actor.js';
import { duration } from './rules/clusters.js';

/** How many values of a kind a summary names before it counts the rest. */
const NAMED = 3;

/** "a, b, c (+2 more)": the most frequent values first. */
function named(counts: Map<string, number>, withCounts: boolean): string {
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = ranked
    .slice(0, NAMED)
    .map(([value, count]) => (withCounts && count > 1 ? `${value} ×${count}` : value));
  return shown.join(', ') + (ranked.length > NAMED ? ` (+${ranked.length - NAMED} more)` : '');
}

function tally(index: IndexView, rows: readonly number[], field: 'eventName' | 'sourceIp') {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = index.value(row, field);
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * What a finding's evidence shows, for a rule that says nothing itself (a Sigma rule only
 * matches): the calls, who made them, from where, and when. "AssumeRole ×10 by ci-deployer
 * from 203.0.113.5, 10.0.0.1; 2025-03-10 02:10 → 2025-03-14 02:11 UTC (4.0 d)".
 */
export function describeEvidence(
  index: IndexView,
  rows: readonly number[],
  principal: string,
): string {
  if (rows.length === 0) return 'no events';
  const names = named(tally(index, rows, 'eventName'), true) || 'events';
  const addresses = named(tally(index, rows, 'sourceIp'), false);
  // A loop, not Math.min(...times): a Sigma rule can match more rows than a call has arguments.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const time = index.time(row);
    if (!Number.isFinite(time)) continue;
    if (time < first) first = time;
    if (time > last) last = time;
  }
  const span =
    first > last
      ? ''
      : last === first
        ? `; ${minute(first)} UTC`
        : `; ${minute(first)} → ${minute(last)} UTC (${duration(last - first)})`;
  return `${names}${principal ? ` by ${principal}` : ''}${addresses ? ` from ${addresses}` : ''}${span}`;
}

/** The session names of `actor` (a role) that the evidence came from, in order of appearance. */
export function sessionsOf(index: IndexView, rows: readonly number[], actor: string): string[] {
  const sessions = new Set<string>();
  for (const row of rows) {
    const principal = index.value(row, 'principal');
    if (principal !== actor && actorOf(principal) === actor)
      sessions.add(principal.slice(actor.length + 1));
  }
  return [...sessions];
}

/** "across 5 sessions: scanner-2025-03-10, …, scanner-2025-03-14". */
export function sessionsNote(sessions: readonly string[]): string {
  if (sessions.length < 2) return '';
  const shown =
    sessions.length <= NAMED
      ? sessions.join(', ')
      : `${sessions[0]}, ${sessions[1]}, …, ${sessions[sessions.length - 1]}`;
  return ` · across ${sessions.length} sessions: ${shown}`;
}
