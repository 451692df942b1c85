import type { TextField } from '../../trail/event.js';
import { PairMap } from '../../index/pair-map.js';
import type { DetectionContext } from '../context.js';

/** A sighting counts as "the new value" for this long after the value first appeared. */
const FRESH_MS = 60 * 60_000;
/** How many earlier values a novelty names (and compares countries with). */
const EARLIER_KEPT = 50;

/**
 * The values that take part in a baseline: for addresses, addresses only. CloudTrail writes a
 * service's host name (`secretsmanager.amazonaws.com`) or `AWS Internal` where a service acted
 * for the caller; those are neither a new address nor an earlier one.
 */
function comparable(context: DetectionContext, field: TextField): (row: number) => boolean {
  return field === 'sourceIp' ? (row) => context.isAddress(row) : () => true;
}

/**
 * Every actor's (see actorOf: a role with all its sessions) first sighting of every value, from one pass over the rows in time order,
 * kept in flat arrays: a pair (principal, value) is one slot holding the value, the time, and
 * the slot of the principal's previous first sighting, so walking back through a principal's
 * history costs no allocation.
 */
interface Sightings {
  /** (principal, value) → slot. */
  slot: PairMap;
  value: Uint32Array;
  time: Float64Array;
  /** The principal's previous slot, or -1. */
  previous: Int32Array;
}

function firstSightings(context: DetectionContext, field: TextField): Sightings {
  const principals = context.index.column('principal');
  const actors = context.actors();
  const values = context.index.column(field);
  const usable = comparable(context, field);
  const last = new Int32Array(actors.names.length).fill(-1);
  const slot = new PairMap();
  let value = new Uint32Array(1024);
  let time = new Float64Array(1024);
  let previous = new Int32Array(1024);
  for (let i = 0; i < context.order.length; i++) {
    const row = context.order[i]!;
    const id = values[row]!;
    if (id === 0 || !usable(row)) continue;
    const principal = actors.ids[principals[row]!]!;
    const next = slot.size;
    if (!slot.add(principal, id, next)) continue;
    if (next === value.length) {
      value = grow(value, Uint32Array);
      time = grow(time, Float64Array);
      previous = grow(previous, Int32Array);
    }
    value[next] = id;
    time[next] = context.time(row);
    previous[next] = last[principal]!;
    last[principal] = next;
  }
  return { slot, value, time, previous };
}

function grow<T extends Uint32Array | Float64Array | Int32Array>(
  array: T,
  make: new (length: number) => T,
): T {
  const bigger = new make(array.length * 2);
  bigger.set(array as never);
  return bigger;
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
  const actors = context.actors();
  const values = context.index.column(field);
  const sightings = context.memo(`sightings:${field}`, () => firstSightings(context, field));
  const dictionary = context.index.dictionary(field);
  const novel: Novelty[] = [];
  for (const row of candidates) {
    const value = values[row]!;
    const slot = sightings.slot.get(actors.ids[principals[row]!]!, value);
    if (slot < 0) continue;
    const first = sightings.time[slot]!;
    if (context.time(row) - first > FRESH_MS) continue;
    // Values that appeared strictly before this one (several may share its first instant).
    let before = sightings.previous[slot]!;
    while (before >= 0 && sightings.time[before]! >= first) before = sightings.previous[before]!;
    if (before < 0) continue;
    // The most recent earlier values are the ones worth naming; a long history is capped.
    const earlier: string[] = [];
    for (let at = before; at >= 0 && earlier.length < EARLIER_KEPT; at = sightings.previous[at]!)
      earlier.push(dictionary.value(sightings.value[at]!));
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
