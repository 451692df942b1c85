import type { IndexView } from '../../index/index.js';
import { actorOf } from '../actor.js';
import type { DetectionContext } from '../context.js';
import { historyFrom, learn, type Pass, type Sightings } from './tables.js';
import { DAY_MS, FRESH_MS, MAX_WALK } from './thresholds.js';
import type {
  Baseline,
  BaselineDimension,
  BaselineOptions,
  BaselineScope,
  BaselineSpan,
  Standing,
  ValueHistory,
} from './types.js';
import { parseIp } from '../../geo/ip-address.js';
import type { IpFacts } from '../../geo/index.js';
import { DERIVATIONS } from './values.js';

/** A source of rows and how its rows map to this trail's actors and accounts. */
interface Source {
  index: IndexView;
  order: Uint32Array;
  learnedOnly: boolean;
  /** Scope key by the row's principal (actor id) or account dictionary id; -1: not in this trail. */
  keyTables: Record<BaselineScope, Int32Array>;
}

/** Rows with a known time, oldest first. */
function timedOrder(index: IndexView): Uint32Array {
  const all = index.order();
  let start = 0;
  while (start < all.length && Number.isNaN(index.times[all[start]!]!)) start++;
  return all.subarray(start);
}

/**
 * Builds the baseline of one detection run. Nothing is learned until a rule asks: the history
 * (who was active on which days) per scope on first use, and each (dimension, scope) in one pass
 * over the rows in time order when first asked, so a rule that asks only about addresses pays
 * only for addresses. Values are derived once per distinct text, never per row.
 */
export function buildBaseline(
  context: DetectionContext,
  options: BaselineOptions = {},
): Baseline & { buildMs(): number } {
  const index = context.index;
  const { until, learnFrom } = options;
  const actors = context.actors();
  const accounts = index.dictionary('account');
  const derive = DERIVATIONS;

  const here: Source = {
    index,
    order: context.order,
    learnedOnly: false,
    keyTables: { principal: actors.ids, account: Int32Array.from(accounts.values, (_, id) => id) },
  };
  const sources = [here];
  let learnedRows = 0;
  if (learnFrom) {
    const actorIds = new Map(actors.names.map((name, id) => [name, id]));
    const accountIds = new Map(accounts.values.map((name, id) => [name, id]));
    const order = timedOrder(learnFrom);
    learnedRows = order.length;
    sources.unshift({
      index: learnFrom,
      order,
      learnedOnly: true,
      keyTables: {
        principal: Int32Array.from(
          learnFrom.dictionary('principal').values,
          (name) => actorIds.get(actorOf(name)) ?? -1,
        ),
        account: Int32Array.from(
          learnFrom.dictionary('account').values,
          (name) => accountIds.get(name) ?? -1,
        ),
      },
    });
  }
  const keyCount: Record<BaselineScope, number> = {
    principal: actors.names.length,
    account: accounts.size,
  };

  const dayColumns = new Map<Source, Int32Array>();
  const dayOf = (source: Source): Int32Array => {
    let days = dayColumns.get(source);
    if (!days) {
      const times = source.index.times;
      days = new Int32Array(source.index.size);
      for (const row of source.order) days[row] = Math.floor(times[row]! / DAY_MS);
      dayColumns.set(source, days);
    }
    return days;
  };
  const passes = (scope: BaselineScope): Pass[] =>
    sources.map((source) => ({
      day: dayOf(source),
      index: source.index,
      order: source.order,
      learnedOnly: source.learnedOnly,
      keyTable: source.keyTables[scope],
      keyColumn: source.index.column(scope === 'principal' ? 'principal' : 'account'),
    }));

  /** Milliseconds spent learning, for the bench (the rules that asked first paid it). */
  let spent = 0;
  const histories = new Map<BaselineScope, Float64Array>();
  const historyOf = (scope: BaselineScope): Float64Array => {
    let from = histories.get(scope);
    if (!from) {
      const started = performance.now();
      histories.set(scope, (from = historyFrom(passes(scope), keyCount[scope], until)));
      spent += performance.now() - started;
    }
    return from;
  };

  // Derived values, interned per dimension across every source (so an earlier export's
  // "Boston, US" is this trail's "Boston, US"), and each source's text id → value id table.
  const interned = new Map<BaselineDimension, { ids: Map<string, number>; values: string[] }>();
  const derivedTables = new Map<string, Int32Array>();
  const derivedTable = (dimension: BaselineDimension, source: Source): Int32Array => {
    const cacheKey = `${dimension}\u0000${sources.indexOf(source)}`;
    const cached = derivedTables.get(cacheKey);
    if (cached) return cached;
    let pool = interned.get(dimension);
    if (!pool) interned.set(dimension, (pool = { ids: new Map(), values: [] }));
    const { field, derive: of, pick } = derive[dimension];
    const started = performance.now();
    const texts = source.index.dictionary(field).values;
    const facts = pick ? placesOf(source) : undefined;
    const table = new Int32Array(texts.length);
    for (let id = 0; id < texts.length; id++) {
      const text = texts[id]!;
      const place = facts?.[id];
      const value = pick ? (place ? pick(place, text) : undefined) : of!(text);
      if (value === undefined) {
        table[id] = -1;
        continue;
      }
      let valueId = pool.ids.get(value);
      if (valueId === undefined) {
        pool.ids.set(value, (valueId = pool.values.length));
        pool.values.push(value);
      }
      table[id] = valueId;
    }
    spent += performance.now() - started;
    derivedTables.set(cacheKey, table);
    return table;
  };

  // Each source's addresses parsed and placed once, for every place dimension (null: not an
  // address: a service's host name, `AWS Internal`).
  const places = new Map<Source, (IpFacts | null)[]>();
  const placesOf = (source: Source): (IpFacts | null)[] => {
    let found = places.get(source);
    if (!found) {
      found = source.index
        .dictionary('sourceIp')
        .values.map((text) => (parseIp(text) === undefined ? null : context.ip(text)));
      places.set(source, found);
    }
    return found;
  };

  const learned = new Map<string, Sightings>();
  const sightings = (dimension: BaselineDimension, scope: BaselineScope): Sightings => {
    const cacheKey = `${dimension}\u0000${scope}`;
    let found = learned.get(cacheKey);
    if (found) return found;
    const field = derive[dimension].field;
    const withValues = passes(scope).map((pass, i) => ({
      ...pass,
      valueTable: derivedTable(dimension, sources[i]!),
      valueColumn: sources[i]!.index.column(field),
    }));
    const started = performance.now();
    found = learn(withValues, keyCount[scope], index.size);
    spent += performance.now() - started;
    learned.set(cacheKey, found);
    return found;
  };

  const keyOf = (row: number, scope: BaselineScope): number =>
    here.keyTables[scope][index.column(scope === 'principal' ? 'principal' : 'account')[row]!]!;

  const history = (table: Sightings, dimension: BaselineDimension, slot: number): ValueHistory => ({
    value: interned.get(dimension)!.values[table.value[slot]!]!,
    firstSeen: table.shownFirst[slot]!,
    lastSeen: table.last[slot]!,
    days: table.days[slot]!,
    count: table.count[slot]!,
  });

  /** Position after the last of the key's slots first seen before `time` (binary search). */
  const seenBefore = (table: Sightings, key: number, time: number): [number, number] => {
    const from = table.start[key]!;
    let low = from;
    let high = table.start[key + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (table.first[table.slots[middle]!]! < time) low = middle + 1;
      else high = middle;
    }
    return [from, low];
  };

  const times = index.times;
  const span: BaselineSpan = {
    first: context.order.length > 0 ? times[context.order[0]!]! : NaN,
    last: context.order.length > 0 ? times[context.order[context.order.length - 1]!]! : NaN,
    ...(until !== undefined ? { until } : {}),
    ...(learnFrom ? { learnedOnly: learnedRows } : {}),
  };
  if (learnFrom && learnedRows > 0) {
    const order = sources[0]!.order;
    span.first = Math.min(
      learnFrom.times[order[0]!]!,
      Number.isNaN(span.first) ? Infinity : span.first,
    );
    if (Number.isNaN(span.last)) span.last = learnFrom.times[order[order.length - 1]!]!;
  }

  return {
    span,
    buildMs: () => spent,
    hasHistory(row, scope = 'principal') {
      const key = keyOf(row, scope);
      return key >= 0 && historyOf(scope)[key]! <= times[row]!;
    },
    standing(row, dimension, scope = 'principal'): Standing {
      const table = sightings(dimension, scope);
      const slot = table.rowSlot[row]!;
      if (slot < 0) return 'none';
      const time = times[row]!;
      if (table.establishedAt[slot]! < time) return 'established';
      const first = table.first[slot]!;
      if (time - first > FRESH_MS) return 'known';
      // Whatever appeared before --baseline-until is history, never news.
      if (until !== undefined && first < until) return 'known';
      // New against the history there was when the value first appeared.
      return historyOf(scope)[keyOf(row, scope)]! <= first ? 'new' : 'no-baseline';
    },
    firstSeen(row, dimension, scope = 'principal') {
      const table = sightings(dimension, scope);
      const slot = table.rowSlot[row]!;
      return slot < 0 ? NaN : table.first[slot]!;
    },
    valueOf(row, dimension) {
      const { field } = derive[dimension];
      const id = derivedTable(dimension, here)[index.column(field)[row]!]!;
      return id < 0 ? '' : interned.get(dimension)!.values[id]!;
    },
    established(row, dimension, scope = 'principal', limit = 5) {
      const key = keyOf(row, scope);
      if (key < 0) return [];
      const table = sightings(dimension, scope);
      const time = times[row]!;
      const [from, to] = seenBefore(table, key, time);
      const found: number[] = [];
      for (let at = to - 1; at >= from && at >= to - MAX_WALK; at--) {
        const slot = table.slots[at]!;
        if (table.establishedAt[slot]! < time) found.push(slot);
      }
      found.sort((a, b) => table.count[b]! - table.count[a]! || table.first[a]! - table.first[b]!);
      return found.slice(0, limit).map((slot) => history(table, dimension, slot));
    },
    earlier(row, dimension, scope = 'principal', limit = 5) {
      const key = keyOf(row, scope);
      if (key < 0) return [];
      const table = sightings(dimension, scope);
      const [from, to] = seenBefore(table, key, times[row]!);
      const out: ValueHistory[] = [];
      for (let at = to - 1; at >= from && out.length < limit; at--)
        out.push(history(table, dimension, table.slots[at]!));
      return out;
    },
  };
}
