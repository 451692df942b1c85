import type { IndexView } from '../../index/index.js';
import type { TextField } from '../../trail/event.js';
import { DAY_MS } from './thresholds.js';
import { AccountDays, actorRows, Dense, Days } from './subject-tables.js';
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
   * Derives an UNSEEN raw id (records it in `table`) and returns it. Without `costly`, only what
   * is cheap to derive (text alone); with it, also what needs a lookup (an address's country),
   * within a bounded budget: UNSEEN when that is spent.
   */
  derive(rawId: number, costly: boolean): number;
  /** The derived value's text. */
  text(valueId: number): string;
  /** Follow only these derived ids (an address page asks about one address), not all the actors' own. */
  only?: readonly number[];
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
  /** When its account first saw it (by anyone); NaN when not judged. */
  accountFirstSeen: number;
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

/**
 * The baseline of the query's actors: their history, and for each dimension each value they
 * used with its standing at their first use, when it became established, and whether it was new
 * for the account too. One pass over the index in time order; per row, typed-array lookups.
 */
export function subjectBaseline(query: SubjectQuery): SubjectBaseline {
  const { index, actorOf, actors, dimensions, until } = query;
  const principals = index.column('principal');
  const accountColumn = index.column('account');
  const times = index.times;
  const columns = dimensions.map((dimension) => index.column(dimension.field));
  const incomplete = new Set<BaselineDimension>();
  const mineRows = actorRows(index, actorOf);

  // First the actors' own rows: their accounts, and the values worth following (theirs, or
  // only those the caller names).
  const accountSlot = new Int32Array(index.dictionary('account').values.length).fill(-1);
  let accounts = 0;
  /** Per dimension: compact index + 1 by derived id (0: not of interest), and the ids. */
  const compact = dimensions.map(() => new Int32Array(0));
  const ids: number[][] = dimensions.map(() => []);
  const follow = (d: number, value: number) => {
    let table = compact[d]!;
    if (value >= table.length) {
      const grown = new Int32Array(Math.max(64, value * 2));
      grown.set(table);
      compact[d] = table = grown;
    }
    if (table[value] === 0) table[value] = ids[d]!.push(value);
  };
  for (let d = 0; d < dimensions.length; d++)
    for (const value of dimensions[d]!.only ?? []) follow(d, value);
  for (let i = 0; i < mineRows.length; i++) {
    const row = mineRows[i]!;
    if (accountSlot[accountColumn[row]!]! < 0) accountSlot[accountColumn[row]!] = accounts++;
    for (let d = 0; d < dimensions.length; d++) {
      const dimension = dimensions[d]!;
      if (dimension.only) continue;
      const raw = columns[d]![row]!;
      let value = dimension.table[raw]!;
      if (value === UNSEEN) value = dimension.derive(raw, true);
      if (value >= 0) follow(d, value);
      else if (value === UNSEEN) incomplete.add(dimension.dimension);
    }
  }

  // Each raw text's compact index (≥ 0), or -1 (not followed), or UNSEEN (costly, not placed
  // yet): a row then costs two array reads per dimension. Cheap derivations are done here, once
  // per distinct text (and remembered by the caller for the next profile).
  const rawToK = dimensions.map((dimension, d) => {
    const out = new Int32Array(dimension.table.length);
    const table = compact[d]!;
    for (let raw = 0; raw < out.length; raw++) {
      let value = dimension.table[raw]!;
      if (value === UNSEEN) value = dimension.derive(raw, false);
      out[raw] =
        value === UNSEEN ? UNSEEN : value >= 0 && value < table.length ? table[value]! - 1 : -1;
    }
    return out;
  });
  const widths = ids.map((list) => list.length);

  // The accounts: when each first saw each followed value, and when its history begins. Only
  // earliest times count, so the columns are read in storage order (no jumping through time).
  const accountDays = new AccountDays(accounts, until);
  /** When each account first saw each followed value. */
  const theirs = widths.map((width) => new Float64Array(accounts * width).fill(Infinity));
  /** Per dimension, per raw id left unplaced in an account row: its earliest time there. */
  const pending = dimensions.map((dimension) =>
    new Float64Array(dimension.table.length).fill(Infinity),
  );
  const size = index.size;
  for (let row = 0; row < size; row++) {
    const account = accountSlot[accountColumn[row]!]!;
    const time = times[row]!;
    if (account >= 0 && time === time) accountDays.see(account, time);
  }
  // One dimension at a time, with its arrays in locals: a tight loop V8 keeps monomorphic.
  for (let d = 0; d < dimensions.length; d++) {
    const column = columns[d]!;
    const toK = rawToK[d]!;
    const first = theirs[d]!;
    const waiting = pending[d]!;
    const width = widths[d]!;
    for (let row = 0; row < size; row++) {
      const account = accountSlot[accountColumn[row]!]!;
      if (account < 0) continue;
      const raw = column[row]!;
      const k = toK[raw]!;
      if (k === -1) continue;
      const time = times[row]!;
      if (k >= 0) {
        const at = account * width + k;
        if (time < first[at]!) first[at] = time;
      } else if (time < waiting[raw]!) waiting[raw] = time;
    }
  }
  const accountFrom = Array.from({ length: accounts }, (_, account) => accountDays.from(account));

  // The actors, in time order: distinct days, history, and each value's life.
  const actorDays = new Days(actors);
  const mine = widths.map((width) => new Dense(actors * width));
  /** Per actor value: its standing at first use (1 new, 0 no baseline). */
  const isNew = widths.map((width) => new Uint8Array(actors * width));
  /** 1 new for the account, 0 not, 2 not judged. */
  const forAccount = widths.map((width) => new Uint8Array(actors * width));
  for (let i = 0; i < mineRows.length; i++) {
    const row = mineRows[i]!;
    const actor = actorOf[principals[row]!]!;
    const account = accountSlot[accountColumn[row]!]!;
    const time = times[row]!;
    actorDays.see(actor, time, until);
    for (let d = 0; d < rawToK.length; d++) {
      const k = rawToK[d]![columns[d]![row]!]!;
      if (k < 0) continue;
      const width = widths[d]!;
      const slot = actor * width + k;
      if (mine[d]!.see(slot, time) && time >= actorDays.from[actor]!) {
        isNew[d]![slot] = 1;
        // New for the account: nobody there used it before, and the account had a history.
        forAccount[d]![slot] =
          theirs[d]![account * width + k]! >= time && time >= accountFrom[account]! ? 1 : 0;
      }
    }
  }

  // An account's text left unplaced before an actor's new value could have been that value:
  // place those, oldest first (within what the dimension may still derive), or leave it open.
  for (let d = 0; d < dimensions.length; d++) {
    const dimension = dimensions[d]!;
    const width = widths[d]!;
    let latest = -Infinity;
    for (let slot = 0; slot < actors * width; slot++)
      if (forAccount[d]![slot] === 1) latest = Math.max(latest, mine[d]!.first[slot]!);
    if (latest === -Infinity) continue;
    const waiting: number[] = [];
    pending[d]!.forEach((time, raw) => {
      if (time < latest) waiting.push(raw);
    });
    waiting.sort((a, b) => pending[d]![a]! - pending[d]![b]!);
    const earliest = new Map<number, number>();
    let unplacedFrom = Infinity;
    for (const raw of waiting) {
      const time = pending[d]![raw]!;
      let value = dimension.table[raw]!;
      if (value === UNSEEN) value = dimension.derive(raw, true);
      if (value === UNSEEN) unplacedFrom = Math.min(unplacedFrom, time);
      else if (value >= 0 && !earliest.has(value)) earliest.set(value, time);
    }
    for (let slot = 0; slot < actors * width; slot++) {
      if (forAccount[d]![slot] !== 1) continue;
      const first = mine[d]!.first[slot]!;
      if ((earliest.get(ids[d]![slot % width]!) ?? Infinity) < first) forAccount[d]![slot] = 0;
      else if (unplacedFrom < first) forAccount[d]![slot] = 2;
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
  for (let d = 0; d < dimensions.length; d++) {
    const dimension = dimensions[d]!;
    const width = widths[d]!;
    const own = mine[d]!;
    const all = theirs[d]!;
    for (let actor = 0; actor < actors; actor++) {
      for (let k = 0; k < width; k++) {
        const slot = actor * width + k;
        if (own.count[slot] === 0) continue;
        const text = dimension.text(ids[d]![k]!);
        // When the account first saw it (of the accounts the actor acts in, the earliest).
        let accountFirst = Infinity;
        for (let account = 0; account < accounts; account++) {
          const seen = all[account * width + k]!;
          if (seen < accountFirst) accountFirst = seen;
        }
        const byText = (values[actor]![dimension.dimension] ??= new Map());
        byText.set(text, {
          value: text,
          principal: own.history(slot, text),
          firstStanding: isNew[d]![slot] === 1 ? 'new' : 'no-baseline',
          establishedAt: own.establishedAt[slot]!,
          newForAccount:
            isNew[d]![slot] !== 1
              ? false
              : forAccount[d]![slot] === 2
                ? undefined
                : forAccount[d]![slot] === 1,
          accountFirstSeen: accountFirst === Infinity ? Number.NaN : accountFirst,
        });
      }
    }
  }
  return {
    actors: Array.from({ length: actors }, (_, key) => history(key, actorDays)),
    values,
    incomplete,
  };
}
