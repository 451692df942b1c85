import type { StatTable } from './stat-table.js';
import { topSlots } from './top-slots.js';
import type { ValueStat } from './types.js';

/** A capped list and how many entries it had before capping. */
export interface RankedList<T> {
  items: T[];
  total: number;
}

/**
 * The table's values by count (descending), then first sighting (ascending; values never seen
 * with a time after those that were), then the order they were met in; at most `limit`.
 */
export function rankStats(table: StatTable, limit: number): RankedList<ValueStat> {
  const { counts, first, last, errors } = table;
  const before = (a: number, b: number): boolean => {
    if (counts[a] !== counts[b]) return counts[a]! > counts[b]!;
    const fa = first[a]!;
    const fb = first[b]!;
    if (fa !== fb) {
      if (fb !== fb) return true;
      if (fa !== fa) return false;
      return fa < fb;
    }
    return a < b;
  };
  // Whether a value is new is the baseline's to say (source/detect/baseline), not the order
  // values happened to be met in: see source/state/profile-baseline.ts.
  const items = topSlots(table.size, limit, before).map((slot): ValueStat => ({
    value: table.valueOf(slot),
    count: counts[slot]!,
    errors: errors[slot]!,
    first: first[slot]!,
    last: last[slot]!,
  }));
  return { items, total: table.size };
}
