import type { IndexView } from '../../index/index.js';
import { PairMap } from '../../index/pair-map.js';
import {
  DAY_MS,
  ESTABLISHED_COUNT,
  ESTABLISHED_DAYS,
  ESTABLISHED_SPREAD_MS,
  HISTORY_DAYS,
} from './thresholds.js';

/**
 * One source of rows the baseline learns from: this trail's index, or an earlier export's that
 * only teaches. `key` gives each row its scope key (actor or account id in *this* index's
 * numbering, -1 when the row's actor does not occur here); `value` its derived value id (-1: none).
 */
export interface Pass {
  index: IndexView;
  order: Uint32Array;
  /** Scope key by the dictionary id of `keyColumn` (this trail's actor or account id; -1: none). */
  keyTable: Int32Array;
  keyColumn: Uint32Array;
  /** Derived value id by the dictionary id of `valueColumn` (-1: no value). */
  valueTable?: Int32Array;
  valueColumn?: Uint32Array;
  /** Each row's UTC day number (time / DAY_MS, floored), computed once per source. */
  day: Int32Array;
  /** Rows of an earlier export: they teach, and everything they taught is history. */
  learnedOnly: boolean;
}

/** When each actor (or account) starts to have a history: epoch ms, +Infinity for never. */
export function historyFrom(passes: readonly Pass[], keys: number, until?: number): Float64Array {
  const from = new Float64Array(keys).fill(Infinity);
  const lastDay = new Float64Array(keys).fill(NaN);
  const days = new Uint32Array(keys);
  for (const pass of passes) {
    const times = pass.index.times;
    const { keyTable, keyColumn, order } = pass;
    for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      const key = keyTable[keyColumn[row]!]!;
      if (key < 0) continue;
      if (pass.learnedOnly) {
        from[key] = -Infinity;
        continue;
      }
      const time = times[row]!;
      // An explicit --baseline-until: whoever was active before it has a history from then on.
      if (until !== undefined && time < until && from[key]! > until) from[key] = until;
      const day = pass.day[row]!;
      if (day === lastDay[key]) continue;
      lastDay[key] = day;
      // Active on HISTORY_DAYS distinct days: judged from the start of the next day on.
      if (++days[key]! === HISTORY_DAYS) from[key] = Math.min(from[key]!, (day + 1) * DAY_MS);
    }
  }
  return from;
}

/**
 * What one (dimension, scope) learned, in flat arrays: a slot per (key, value) pair, allocated in
 * the order pairs were first seen, so each key's slots are already in first-seen order; and the
 * slot of every row of this trail, so a question about a row is an array lookup.
 */
export interface Sightings {
  /** Judging time of the first sighting (-Infinity when an earlier export taught it). */
  first: Float64Array;
  /** The first sighting's real time, to show. */
  shownFirst: Float64Array;
  last: Float64Array;
  count: Uint32Array;
  days: Uint32Array;
  /** When the value became established for its key (-Infinity: before the trail; +Infinity: never). */
  establishedAt: Float64Array;
  value: Int32Array;
  /** Slot of each row of this trail (-1: the row has no value or no key). */
  rowSlot: Int32Array;
  /** Each key's slots, in first-seen order: slots[start[key] .. start[key + 1]). */
  start: Uint32Array;
  slots: Uint32Array;
  size: number;
}

class Growing {
  first = new Float64Array(1024);
  shownFirst = new Float64Array(1024);
  last = new Float64Array(1024);
  lastDay = new Float64Array(1024);
  count = new Uint32Array(1024);
  days = new Uint32Array(1024);
  establishedAt = new Float64Array(1024);
  value = new Int32Array(1024);
  key = new Int32Array(1024);

  ensure(size: number): void {
    if (size < this.first.length) return;
    const grow = <T extends Float64Array | Uint32Array | Int32Array>(array: T): T => {
      const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
      bigger.set(array as never);
      return bigger;
    };
    this.first = grow(this.first);
    this.shownFirst = grow(this.shownFirst);
    this.last = grow(this.last);
    this.lastDay = grow(this.lastDay);
    this.count = grow(this.count);
    this.days = grow(this.days);
    this.establishedAt = grow(this.establishedAt);
    this.value = grow(this.value);
    this.key = grow(this.key);
  }
}

/** One pass per source over its rows in time order: the whole learning of one dimension and scope. */
export function learn(passes: readonly Pass[], keys: number, rows: number): Sightings {
  const pairs = new PairMap();
  const g = new Growing();
  const rowSlot = new Int32Array(rows).fill(-1);
  let size = 0;
  for (const pass of passes) {
    const times = pass.index.times;
    const { keyTable, keyColumn, order } = pass;
    const valueTable = pass.valueTable!;
    const valueColumn = pass.valueColumn!;
    const days = pass.day;
    const learnedFrom = size;
    for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      const value = valueTable[valueColumn[row]!]!;
      if (value < 0) continue;
      const key = keyTable[keyColumn[row]!]!;
      if (key < 0) continue;
      const time = times[row]!;
      let slot = pairs.get(key, value);
      if (slot < 0) {
        slot = size++;
        pairs.add(key, value, slot);
        g.ensure(slot);
        g.first[slot] = g.shownFirst[slot] = g.last[slot] = time;
        g.lastDay[slot] = NaN;
        g.count[slot] = 0;
        g.days[slot] = 0;
        g.establishedAt[slot] = Infinity;
        g.value[slot] = value;
        g.key[slot] = key;
      }
      if (!pass.learnedOnly) rowSlot[row] = slot;
      g.last[slot] = time;
      g.count[slot]!++;
      const day = days[row]!;
      if (day !== g.lastDay[slot]) {
        g.lastDay[slot] = day;
        g.days[slot]!++;
      }
      if (
        g.establishedAt[slot] === Infinity &&
        (g.days[slot]! >= ESTABLISHED_DAYS ||
          (g.count[slot]! >= ESTABLISHED_COUNT && time - g.first[slot]! >= ESTABLISHED_SPREAD_MS))
      )
        g.establishedAt[slot] = time;
    }
    // What an earlier export taught came before everything here.
    if (pass.learnedOnly)
      for (let slot = learnedFrom; slot < size; slot++) {
        g.first[slot] = -Infinity;
        if (g.establishedAt[slot] !== Infinity) g.establishedAt[slot] = -Infinity;
      }
  }
  // Each key's slots, grouped: a counting sort keeps the allocation (first-seen) order.
  const start = new Uint32Array(keys + 1);
  for (let slot = 0; slot < size; slot++) start[g.key[slot]! + 1]!++;
  for (let key = 0; key < keys; key++) start[key + 1]! += start[key]!;
  const fill = start.slice(0, keys);
  const slots = new Uint32Array(size);
  for (let slot = 0; slot < size; slot++) slots[fill[g.key[slot]!]!++] = slot;
  return {
    first: g.first,
    shownFirst: g.shownFirst,
    last: g.last,
    count: g.count,
    days: g.days,
    establishedAt: g.establishedAt,
    value: g.value,
    rowSlot,
    start,
    slots,
    size,
  };
}
