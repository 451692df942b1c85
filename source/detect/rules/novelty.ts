import type { TextField } from '../../trail/event.js';
import type { DetectionContext } from '../context.js';

/** A sighting counts as "the new value" for this long after the value first appeared. */
const FRESH_MS = 60 * 60_000;

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
  const wanted = new Set<number>();
  for (const row of candidates) wanted.add(principals[row]!);
  // First sighting of each value, per principal, in one pass over the rows in time order.
  const firstSeen = new Map<number, Map<number, number>>();
  for (let i = 0; i < context.order.length; i++) {
    const row = context.order[i]!;
    const principal = principals[row]!;
    if (!wanted.has(principal)) continue;
    let seen = firstSeen.get(principal);
    if (!seen) firstSeen.set(principal, (seen = new Map()));
    const value = values[row]!;
    if (!seen.has(value)) seen.set(value, context.time(row));
  }
  const dictionary = context.index.dictionary(field);
  const novel: Novelty[] = [];
  for (const row of candidates) {
    const seen = firstSeen.get(principals[row]!)!;
    const value = values[row]!;
    const first = seen.get(value)!;
    if (context.time(row) - first > FRESH_MS) continue;
    const earlier = [...seen]
      .filter(([other, time]) => other !== value && other !== 0 && time < first)
      .map(([other]) => dictionary.value(other));
    if (earlier.length === 0) continue;
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
