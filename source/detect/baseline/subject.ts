import type { IndexView } from '../../index/index.js';
import { PairMap } from '../../index/pair-map.js';
import type { TextField } from '../../trail/event.js';
import {
  DAY_MS,
  ESTABLISHED_COUNT,
  ESTABLISHED_DAYS,
  ESTABLISHED_SPREAD_MS,
  HISTORY_DAYS,
} from './thresholds.js';
import type { BaselineDimension, ValueHistory } from './types.js';

/**
 * The baseline of a few actors only, for a profile: what `buildBaseline` learns for every actor
 * of a trail, learned here in one pass for the actors a profile shows (and their accounts), with
 * the same thresholds and the same value derivation. A profile opens on the UI thread within its
 * budget, so values are derived only for the texts this pass meets, each once.
 */

/** A derived value's id for a raw text id: ≥ 0 a value, NONE no value, UNSEEN not derived yet. */
export const NONE = -1;
export const UNSEEN = -2;

/** One dimension as the caller derives it: a per-raw-id table it keeps (and caches) between calls. */
export interface SubjectDimension {
  dimension: BaselineDimension;
  field: TextField;
  /**
   * Derived id by raw dictionary id (≥ 0 a value, NONE, or UNSEEN), covering the whole
   * dictionary; read per row, so a row costs a lookup.
   */
  table: Int32Array;
  /**
   * Derives an UNSEEN raw id (records it in `table`) and returns it; `required` when the answer is
   * about an actor's own row. May return UNSEEN when a bounded lookup budget is spent (and the
   * text is not required, or the budget is spent for good).
   */
  derive(rawId: number, required: boolean): number;
  /** The derived value's text. */
  text(valueId: number): string;
}

export interface SubjectQuery {
  index: IndexView;
  /** Actor slot by principal dictionary id (-1: not an actor of interest). */
  actorOf: Int32Array;
  actors: number;
  dimensions: readonly SubjectDimension[];
  /** `--baseline-until T`: whoever was active before T has a history from T on. */
  until?: number;
}

/** One value an actor used, judged as `Baseline.standing` judges it at the actor's first use. */
export interface SubjectValue {
  value: string;
  principal: ValueHistory;
  /**
   * At the actor's first use: 'new' (the actor had a history and had not used it) or
   * 'no-baseline' (the actor had no history yet: nothing could be new).
   */
  firstStanding: 'new' | 'no-baseline';
  /** When it became established for the actor (seen on enough days, or often over hours); NaN never. */
  establishedAt: number;
  /**
   * New for the account too: at the actor's first use the account had a history and nobody in
   * it had used the value. Undefined when not judged (the account's addresses were too many to
   * place within the profile's lookup budget).
   */
  newForAccount: boolean | undefined;
  /** The value in the actor's account(s), up to the end of the trail (cheap dimensions only). */
  account?: ValueHistory;
}

export interface ActorHistory {
  first: number;
  last: number;
  /** Distinct UTC days active. */
  days: number;
  /** When the actor's history begins (epoch ms): +Infinity when it never had one. */
  historyFrom: number;
  /** The days active before the last active day (the baseline the latest day is judged against). */
  baselineDays: number;
  /** The end of the last active day before the last one (NaN when none). */
  baselineLast: number;
}

export interface SubjectBaseline {
  actors: ActorHistory[];
  /** Per actor slot, per dimension: its values by text. */
  values: Array<Partial<Record<BaselineDimension, Map<string, SubjectValue>>>>;
  /** Dimensions some of whose values were left underived (the lookup budget ran out). */
  incomplete: Set<BaselineDimension>;
}

interface Stats {
  first: number[];
  last: number[];
  lastDay: number[];
  days: number[];
  count: number[];
  establishedAt: number[];
  value: number[];
  key: number[];
  /** Principal stats: standing and account judgment at first use. */
  standing: Array<'new' | 'no-baseline'>;
  newForAccount: Array<boolean | undefined>;
}

const stats = (): Stats => ({
  first: [],
  last: [],
  lastDay: [],
  days: [],
  count: [],
  establishedAt: [],
  value: [],
  key: [],
  standing: [],
  newForAccount: [],
});

/** Counts one sighting into a slot (allocating it on first use): returns whether it was new. */
function see(into: Stats, map: PairMap, key: number, value: number, time: number): number {
  let slot = map.get(key, value);
  if (slot < 0) {
    slot = into.first.length;
    map.add(key, value, slot);
    into.first.push(time);
    into.last.push(time);
    into.lastDay.push(Number.NaN);
    into.days.push(0);
    into.count.push(0);
    into.establishedAt.push(Number.NaN);
    into.value.push(value);
    into.key.push(key);
  }
  into.last[slot] = time;
  into.count[slot]!++;
  const day = Math.floor(time / DAY_MS);
  if (day !== into.lastDay[slot]) {
    into.lastDay[slot] = day;
    into.days[slot]!++;
  }
  if (
    into.establishedAt[slot] !== into.establishedAt[slot] &&
    (into.days[slot]! >= ESTABLISHED_DAYS ||
      (into.count[slot]! >= ESTABLISHED_COUNT && time - into.first[slot]! >= ESTABLISHED_SPREAD_MS))
  )
    into.establishedAt[slot] = time;
  return slot;
}

/** Rows with a known time, oldest first (as the detections' baseline walks them). */
function timedOrder(index: IndexView): Uint32Array {
  const all = index.order();
  let start = 0;
  while (start < all.length && Number.isNaN(index.times[all[start]!]!)) start++;
  return all.subarray(start);
}

/** Day bookkeeping for one scope key: when its history starts (HISTORY_DAYS distinct days before). */
class Days {
  readonly first: Float64Array;
  readonly last: Float64Array;
  readonly lastDay: Float64Array;
  readonly days: Uint32Array;
  readonly from: Float64Array;
  /** The previous active day's number, to tell the baseline before the last day. */
  readonly previousDay: Float64Array;
  readonly daysBeforeLast: Uint32Array;

  constructor(keys: number) {
    this.first = new Float64Array(keys).fill(Number.NaN);
    this.last = new Float64Array(keys).fill(Number.NaN);
    this.lastDay = new Float64Array(keys).fill(Number.NaN);
    this.days = new Uint32Array(keys);
    this.from = new Float64Array(keys).fill(Infinity);
    this.previousDay = new Float64Array(keys).fill(Number.NaN);
    this.daysBeforeLast = new Uint32Array(keys);
  }

  see(key: number, time: number, until: number | undefined): void {
    if (this.first[key] !== this.first[key]) this.first[key] = time;
    this.last[key] = time;
    if (until !== undefined && time < until && this.from[key]! > until) this.from[key] = until;
    const day = Math.floor(time / DAY_MS);
    if (day === this.lastDay[key]) return;
    this.previousDay[key] = this.lastDay[key]!;
    this.daysBeforeLast[key] = this.days[key]!;
    this.lastDay[key] = day;
    if (++this.days[key]! === HISTORY_DAYS)
      this.from[key] = Math.min(this.from[key]!, (day + 1) * DAY_MS);
  }
}

/**
 * The baseline of the query's actors: their history, and for each dimension each value they
 * used with its standing at their first use, when it became established, and whether it was new
 * for the account too. One pass over the index in time order; per row, typed-array lookups.
 */
export function subjectBaseline(query: SubjectQuery): SubjectBaseline {
  const { index, actorOf, actors, dimensions, until } = query;
  const order = timedOrder(index);
  const principals = index.column('principal');
  const accountColumn = index.column('account');
  const times = index.times;
  const columns = dimensions.map((dimension) => index.column(dimension.field));

  // First the actors' own rows: their accounts, and the values worth following in them.
  const accountSlot = new Int32Array(index.dictionary('account').values.length).fill(-1);
  let accounts = 0;
  const interest = dimensions.map(() => new Uint8Array(0));
  const mark = (d: number, value: number) => {
    if (value >= interest[d]!.length) {
      const grown = new Uint8Array(Math.max(64, value * 2));
      grown.set(interest[d]!);
      interest[d] = grown;
    }
    interest[d]![value] = 1;
  };
  const incomplete = new Set<BaselineDimension>();
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    if (actorOf[principals[row]!]! < 0) continue;
    if (accountSlot[accountColumn[row]!]! < 0) accountSlot[accountColumn[row]!] = accounts++;
    for (let d = 0; d < dimensions.length; d++) {
      const dimension = dimensions[d]!;
      const raw = columns[d]![row]!;
      let value = dimension.table[raw]!;
      if (value === UNSEEN) value = dimension.derive(raw, true);
      if (value >= 0) mark(d, value);
      else if (value === UNSEEN) incomplete.add(dimension.dimension);
    }
  }

  const actorDays = new Days(actors);
  const accountDays = new Days(accounts);
  const mine = dimensions.map(() => ({ map: new PairMap(), stats: stats() }));
  const theirs = dimensions.map(() => ({ map: new PairMap(), stats: stats() }));
  /** Per dimension, per raw id left underived in an account row: its first time there. */
  const pending = dimensions.map((dimension) =>
    new Float64Array(dimension.table.length).fill(Number.NaN),
  );

  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    const actor = actorOf[principals[row]!]!;
    const account = accountSlot[accountColumn[row]!]!;
    if (actor < 0 && account < 0) continue;
    const time = times[row]!;
    if (account >= 0) accountDays.see(account, time, until);
    if (actor >= 0) actorDays.see(actor, time, until);
    for (let d = 0; d < dimensions.length; d++) {
      const raw = columns[d]![row]!;
      const value = dimensions[d]!.table[raw]!;
      if (value === UNSEEN) {
        // Only in others' rows (the actors' own were derived above): placed later if it matters.
        if (pending[d]![raw] !== pending[d]![raw]) pending[d]![raw] = time;
        continue;
      }
      if (value < 0 || value >= interest[d]!.length || interest[d]![value] !== 1) continue;
      let accountWasNew = false;
      if (account >= 0) {
        const before = theirs[d]!.stats.first.length;
        see(theirs[d]!.stats, theirs[d]!.map, account, value, time);
        accountWasNew = theirs[d]!.stats.first.length > before;
      }
      if (actor < 0) continue;
      const own = mine[d]!;
      const before = own.stats.first.length;
      see(own.stats, own.map, actor, value, time);
      if (own.stats.first.length > before) {
        const isNew = time >= actorDays.from[actor]!;
        own.stats.standing.push(isNew ? 'new' : 'no-baseline');
        own.stats.newForAccount.push(
          isNew && account >= 0 && accountWasNew && time >= accountDays.from[account]!,
        );
      }
    }
  }

  // An account's text left underived before an actor's new value could have been that value:
  // place those now (within what the dimension may still derive), or leave the answer open.
  for (let d = 0; d < dimensions.length; d++) {
    const own = mine[d]!.stats;
    const dimension = dimensions[d]!;
    const waiting = pending[d]!;
    for (let slot = 0; slot < own.first.length; slot++) {
      for (let raw = 0; raw < waiting.length && own.newForAccount[slot] === true; raw++) {
        if (!(waiting[raw]! < own.first[slot]!)) continue;
        const value =
          dimension.table[raw] === UNSEEN ? dimension.derive(raw, false) : dimension.table[raw]!;
        if (value === own.value[slot]) own.newForAccount[slot] = false;
        else if (value === UNSEEN) own.newForAccount[slot] = undefined;
      }
    }
  }

  const history = (key: number, days: Days): ActorHistory => ({
    first: days.first[key]!,
    last: days.last[key]!,
    days: days.days[key]!,
    historyFrom: days.from[key]!,
    baselineDays: days.daysBeforeLast[key]!,
    baselineLast: Number.isNaN(days.previousDay[key]!)
      ? Number.NaN
      : (days.previousDay[key]! + 1) * DAY_MS - 1,
  });
  const values: SubjectBaseline['values'] = Array.from({ length: actors }, () => ({}));
  const valueHistory = (into: Stats, slot: number, text: string): ValueHistory => ({
    value: text,
    firstSeen: into.first[slot]!,
    lastSeen: into.last[slot]!,
    days: into.days[slot]!,
    count: into.count[slot]!,
  });
  for (let d = 0; d < dimensions.length; d++) {
    const dimension = dimensions[d]!;
    const own = mine[d]!.stats;
    const all = theirs[d]!;
    for (let slot = 0; slot < own.first.length; slot++) {
      const actor = own.key[slot]!;
      const text = dimension.text(own.value[slot]!);
      const byText = (values[actor]![dimension.dimension] ??= new Map());
      const accountSlots: number[] = [];
      // The account's view: the account(s) the actor acts in that know the value.
      for (let account = 0; account < accounts; account++) {
        const at = all.map.get(account, own.value[slot]!);
        if (at >= 0) accountSlots.push(at);
      }
      const widest = accountSlots.sort((a, b) => all.stats.count[b]! - all.stats.count[a]!)[0];
      byText.set(text, {
        value: text,
        principal: valueHistory(own, slot, text),
        firstStanding: own.standing[slot]!,
        establishedAt: own.establishedAt[slot]!,
        newForAccount: own.newForAccount[slot],
        ...(widest !== undefined ? { account: valueHistory(all.stats, widest, text) } : {}),
      });
    }
  }
  return {
    actors: Array.from({ length: actors }, (_, key) => history(key, actorDays)),
    values,
    incomplete,
  };
}
