import type { TextField } from '../../trail/event.js';
import type { DetectionContext } from '../context.js';

/** A sighting counts as "the new value" for this long after the value first appeared. */
const FRESH_MS = 60 * 60_000;
/** How many earlier values a novelty names (and compares countries with). */
const EARLIER_KEPT = 50;

interface Sightings {
  /** Value ids in the order they first appeared for the principal. */
  order: number[];
  times: number[];
  /** Value id → position in `order`. */
  at: Map<number, number>;
}

/** Every principal's first sighting of every value, in one pass over the rows in time order. */
function firstSightings(context: DetectionContext, field: TextField): Map<number, Sightings> {
  const principals = context.index.column('principal');
  const values = context.index.column(field);
  const sightings = new Map<number, Sightings>();
  for (let i = 0; i < context.order.length; i++) {
    const row = context.order[i]!;
    const principal = principals[row]!;
    let seen = sightings.get(principal);
    if (!seen) sightings.set(principal, (seen = { order: [], times: [], at: new Map() }));
    const value = values[row]!;
    if (value !== 0 && !seen.at.has(value)) {
      seen.at.set(value, seen.order.length);
      seen.order.push(value);
      seen.times.push(context.time(row));
    }
  }
  return sightings;
}

export interface Novelty {
  row: number;
  /** The value that is new for this principal (an IP, a user agent). */
  value: string;
  /** When the value first appeared for this principal. */
  firstSeen: number;
  /** The values this principal used before the new one appeared. */
  earlier: string[];
  /** "from new address X (earlier: Y, Z)", for a summary. */
  summary: string;
}

/**
 * Which of `candidates` come from a value its principal had not used before: the principal was
 * already active with other values, and this value first appeared at most an hour before the
 * candidate. A principal's very first value is never "new": there is nothing to compare with.
 */
export function newValueRows(
  context: DetectionContext,
  candidates: Uint32Array,
  field: TextField,
): Novelty[] {
  if (candidates.length === 0) return [];
  const principals = context.index.column('principal');
  const values = context.index.column(field);
  const sightings = context.memo(`sightings:${field}`, () => firstSightings(context, field));
  const dictionary = context.index.dictionary(field);
  const novel: Novelty[] = [];
  for (const row of candidates) {
    const seen = sightings.get(principals[row]!)!;
    const value = values[row]!;
    const position = seen.at.get(value);
    if (position === undefined) continue;
    const first = seen.times[position]!;
    if (context.time(row) - first > FRESH_MS) continue;
    // Values that appeared strictly before this one (several may share its first instant).
    let before = position;
    while (before > 0 && seen.times[before - 1]! >= first) before--;
    if (before === 0) continue;
    // The most recent earlier values are the ones worth naming; a long history is capped.
    const earlier = seen.order
      .slice(Math.max(0, before - EARLIER_KEPT), before)
      .reverse()
      .map((other) => dictionary.value(other));
    const shown = earlier.slice(0, 3).join(', ') + (earlier.length > 3 ? ', …' : '');
    novel.push({
      row,
      value: dictionary.value(value),
      firstSeen: first,
      earlier,
      summary: `from new ${field === 'sourceIp' ? 'address' : 'value'} ${dictionary.value(value)} (earlier: ${shown})`,
    });
  }
  return novel;
}
