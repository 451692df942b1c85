import { isGroup, parseQuery } from '../trail/query/index.js';

/** The commands for which now means something: they read a trail and filter it by time. */
export const NOW_COMMANDS = new Set(['tui', 'events', 'stats', 'findings', 'principal']);

/**
 * `--now T`: the time relative times count back from, instead of the trail's end (or the clock
 * under --live). An absolute time only: "now" given relative to the clock would undo the point.
 */
export function nowFrom(value: string, usage: (message: string) => Error): number {
  const parsed = /^\d+[a-z]$/i.test(value.trim())
    ? undefined
    : parseQuery(`after:${JSON.stringify(value)}`, 0);
  const root = parsed?.ok ? parsed.query.root : undefined;
  const term = root && isGroup(root) ? root.children[0] : root;
  if (!term || term.kind !== 'time')
    throw usage('--now takes a UTC time like 2025-03-14T23:47Z (ISO 8601)');
  return term.at;
}
