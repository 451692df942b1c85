import { actorOf } from '../detect/actor.js';
import {
  DAY_MS,
  ESTABLISHED_COUNT,
  ESTABLISHED_DAYS,
  ESTABLISHED_SPREAD_MS,
  type BaselineDimension,
  type ValueHistory,
} from '../detect/baseline/index.js';
import {
  NONE,
  subjectBaseline,
  UNSEEN,
  type ActorHistory,
  type SubjectDimension,
  type SubjectValue,
} from '../detect/baseline/subject.js';
import { DERIVATIONS } from '../detect/baseline/values.js';
import { parseIp } from '../geo/ip-address.js';
import type { IpFacts } from '../geo/index.js';
import { qualifiedIndex, type DictionaryView, type EventIndex } from '../index/index.js';
import type { Dictionary } from '../index/dictionary.js';
import type { TextField } from '../trail/event.js';

/**
 * A profile's baseline: the subject's actors judged by the detections' own definitions (see
 * source/detect/baseline), computed on the UI thread for the actors shown only.
 */

/** The dimensions a profile judges. City and AS number read the same as country and AS org. */
export const PROFILE_DIMENSIONS = [
  'address',
  'network',
  'asOrg',
  'country',
  'userAgent',
  'region',
  'eventName',
] as const satisfies readonly BaselineDimension[];
export type ProfileDimension = (typeof PROFILE_DIMENSIONS)[number];

/** Dimensions that need the offline IP data (a lookup of ~20 µs per distinct address). */
const GEO: ReadonlySet<BaselineDimension> = new Set(['asOrg', 'country']);

/**
 * Distinct addresses a profile may place per opening: a trail with tens of thousands of
 * addresses would otherwise hold the screen for a second. Placed addresses are remembered, so
 * the next opening goes further; what is left unplaced is said, never guessed.
 */
export const PROFILE_LOOKUP_BUDGET = 500;

/** A profile's mark on a value: the words shown (no colour needed to read them). */
export type BaselineMark =
  /** Part of the actor's normal (the Baseline's "established"). */
  | 'established'
  /** First used after the actor had a history; the account knew it. */
  | 'new'
  /** New for the actor and for the whole account: nobody there had used it. */
  | 'new-for-account'
  /** Used before the actor had a history, not (yet) often enough to be established. */
  | 'seen'
  /** Not judged: the offline data could not be asked about every address in time. */
  | 'unjudged';

const MARK_TEXT: Record<BaselineMark, string> = {
  established: 'est',
  new: 'new',
  'new-for-account': 'NEW',
  seen: '',
  unjudged: '?',
};

/** The four columns a list line gives its mark. */
export function markText(mark: BaselineMark | undefined): string {
  return (mark ? MARK_TEXT[mark] : '').padEnd(4);
}

export function isNewMark(mark: BaselineMark | undefined): boolean {
  return mark === 'new' || mark === 'new-for-account';
}

export interface JudgedValue extends SubjectValue {
  mark: BaselineMark;
}

/**
 * The detections' derivations (source/detect/baseline/values.ts) as one function of a text per
 * dimension: places only for real addresses, from their offline facts, as buildBaseline does.
 */
function derivations(
  ipFacts: (ip: string) => IpFacts,
): Record<BaselineDimension, { field: TextField; derive: (text: string) => string | undefined }> {
  const out = {} as Record<
    BaselineDimension,
    { field: TextField; derive: (text: string) => string | undefined }
  >;
  for (const [dimension, { field, derive, pick }] of Object.entries(DERIVATIONS) as Array<
    [BaselineDimension, (typeof DERIVATIONS)[BaselineDimension]]
  >) {
    out[dimension] = {
      field,
      derive: pick
        ? (text) => (parseIp(text) === undefined ? undefined : pick(ipFacts(text), text))
        : (derive ?? (() => undefined)),
    };
  }
  return out;
}

/** Placeholder facts for the dimensions that read the address text only. */
const NO_FACTS: IpFacts = { ip: '', kind: 'unknown', insideAws: false };

interface DimensionCache {
  table: Int32Array;
  ids: Map<string, number>;
  texts: string[];
  facts: (ip: string) => IpFacts;
  /** Network id by an IPv4 address's /24 (its value >>> 8): most addresses skip the text. */
  v4Networks: Map<number, number>;
}

/**
 * Dimensions whose value is the text itself (when it has one): the derived id is the raw
 * dictionary id, so the account's many distinct addresses cost no string interning.
 */
const IDENTITY: ReadonlySet<BaselineDimension> = new Set(['address', 'region']);

const caches = new WeakMap<DictionaryView, Map<BaselineDimension, DimensionCache>>();

function cacheFor(
  dictionary: DictionaryView,
  dimension: BaselineDimension,
  facts: (ip: string) => IpFacts,
): DimensionCache {
  let byDimension = caches.get(dictionary);
  if (!byDimension) caches.set(dictionary, (byDimension = new Map()));
  let cache = byDimension.get(dimension);
  if (!cache || cache.facts !== facts) {
    cache = { table: new Int32Array(0), ids: new Map(), texts: [], facts, v4Networks: new Map() };
    byDimension.set(dimension, cache);
  }
  // Dictionaries only grow: the ids that arrived since are not derived yet.
  const size = dictionary.values.length;
  if (cache.table.length < size) {
    const grown = new Int32Array(size).fill(UNSEEN);
    grown.set(cache.table);
    cache.table = grown;
  }
  return cache;
}

/** The profile's dimensions over `index`, each deriving a distinct text once (geo ones on a budget). */
function profileDimensions(
  index: EventIndex,
  ipFacts: (ip: string) => IpFacts,
  wanted: readonly ProfileDimension[],
  only?: Partial<Record<ProfileDimension, string>>,
): SubjectDimension[] {
  const cheap = derivations(() => NO_FACTS);
  const placed = derivations(ipFacts);
  let budget = PROFILE_LOOKUP_BUDGET;
  const looked = new Uint8Array(index.dictionary('sourceIp').values.length);
  return wanted.map((dimension): SubjectDimension => {
    const geo = GEO.has(dimension);
    const { field, derive } = (geo ? placed : cheap)[dimension];
    const dictionary = index.dictionary(field);
    const cache = cacheFor(dictionary, dimension, ipFacts);
    const intern = (value: string) => {
      let id = cache.ids.get(value);
      if (id === undefined) {
        cache.ids.set(value, (id = cache.texts.length));
        cache.texts.push(value);
      }
      return id;
    };
    const followed = only?.[dimension];
    const identity = IDENTITY.has(dimension);
    const followedId = (text: string) => {
      if (!identity) return [intern(text)];
      // Not in the dictionary: no row has it, so there is nothing to follow.
      const raw =
        'find' in dictionary && typeof dictionary.find === 'function'
          ? (dictionary as Dictionary).find(text)
          : dictionary.values.indexOf(text);
      return raw < 0 || derive(text) === undefined ? [] : [raw];
    };
    return {
      ...(only ? { only: followed === undefined ? [] : followedId(followed) } : {}),
      dimension,
      field,
      table: cache.table,
      derive(raw, costly) {
        if (identity) {
          const id = derive(dictionary.values[raw]!) === undefined ? NONE : raw;
          cache.table[raw] = id;
          return id;
        }
        if (dimension === 'network') {
          // networkOf reads an IPv4 address's /24 only: one text per network, not per address.
          const text = dictionary.values[raw]!;
          const parsed = parseIp(text);
          if (parsed?.family === 4) {
            const key = parsed.value >>> 8;
            let id = cache.v4Networks.get(key);
            if (id === undefined) {
              const value = derive(text);
              id = value === undefined ? NONE : intern(value);
              cache.v4Networks.set(key, id);
            }
            cache.table[raw] = id;
            return id;
          }
        }
        if (geo) {
          if (!costly) return UNSEEN;
          // One lookup places an address for every dimension: the budget counts addresses.
          if (looked[raw] !== 1) {
            if (budget <= 0) return UNSEEN;
            budget--;
            looked[raw] = 1;
          }
        }
        const value = derive(dictionary.values[raw]!);
        const id = value === undefined ? NONE : intern(value);
        cache.table[raw] = id;
        return id;
      },
      text: identity ? (id) => dictionary.values[id]! : (id) => cache.texts[id]!,
    };
  });
}

/** A text's value on a dimension (an address's network, AS organisation, country …). */
export function derivedText(
  dimension: ProfileDimension,
  text: string,
  ipFacts: (ip: string) => IpFacts,
): string | undefined {
  return derivations(ipFacts)[dimension].derive(text);
}

/** Established by the end, by the Baseline's thresholds. */
export function establishedBy(history: ValueHistory): boolean {
  return (
    history.days >= ESTABLISHED_DAYS ||
    (history.count >= ESTABLISHED_COUNT &&
      history.lastSeen - history.firstSeen >= ESTABLISHED_SPREAD_MS)
  );
}

/**
 * The mark a profile shows, against the baseline its header names: everything before the
 * actor's last active day (`cut`, that day's start), so the latest day's own calls never make a
 * value look usual. A value that arrived new stays new until it was used on ESTABLISHED_DAYS days
 * before that day: an attacker's afternoon of calls from a new address still reads new, however
 * many calls it made.
 */
export function markOf(value: SubjectValue, incomplete: boolean, cut: number): BaselineMark {
  if (value.firstStanding === 'new') {
    const usedOnLastDay = value.principal.lastSeen >= cut ? 1 : 0;
    if (value.principal.days - usedOnLastDay >= ESTABLISHED_DAYS) return 'established';
    return value.newForAccount === true ? 'new-for-account' : 'new';
  }
  if (value.establishedAt < cut) return 'established';
  return incomplete ? 'unjudged' : 'seen';
}

/** One actor's baseline as a profile shows it. */
export interface ActorBaseline {
  actor: string;
  history: ActorHistory;
  /** Per dimension, the actor's values by text (derived: a user agent's family, a /24). */
  values: Partial<Record<ProfileDimension, Map<string, JudgedValue>>>;
  /** Dimensions not every value of which could be placed within the lookup budget. */
  incomplete: ProfileDimension[];
  until?: number;
}

export interface BaselineRequest {
  index: EventIndex;
  ipFacts: (ip: string) => IpFacts;
  /** Principal values (a role's sessions, a key's owners): judged as their actors. */
  principals: readonly string[];
  dimensions?: readonly ProfileDimension[];
  /** Judge only these values (an address page: its address, network …), not all the actors'. */
  only?: Partial<Record<ProfileDimension, string>>;
  until?: number;
}

/** Actor id by principal dictionary id, and the actors' names: remembered, grown as it grows. */
const actorTables = new WeakMap<
  DictionaryView,
  { ids: Int32Array; names: string[]; byName: Map<string, number> }
>();

function actorTable(dictionary: DictionaryView) {
  let table = actorTables.get(dictionary);
  if (!table)
    actorTables.set(dictionary, (table = { ids: new Int32Array(0), names: [], byName: new Map() }));
  const values = dictionary.values;
  if (table.ids.length < values.length) {
    const ids = new Int32Array(values.length);
    ids.set(table.ids);
    for (let id = table.ids.length; id < values.length; id++) {
      const actor = actorOf(values[id]!);
      let actorId = table.byName.get(actor);
      if (actorId === undefined) {
        table.byName.set(actor, (actorId = table.names.length));
        table.names.push(actor);
      }
      ids[id] = actorId;
    }
    table.ids = ids;
  }
  return table;
}

/** The baselines of the actors of `principals`, in the order first named. */
export function profileBaselines(request: BaselineRequest): ActorBaseline[] {
  const { index, principals, until } = request;
  const wanted = request.dimensions ?? PROFILE_DIMENSIONS;
  const names: string[] = [];
  const slotByActor = new Map<string, number>();
  for (const principal of principals) {
    const actor = actorOf(principal);
    if (!slotByActor.has(actor)) {
      slotByActor.set(actor, names.length);
      names.push(actor);
    }
  }
  // Several accounts: actors are `ACCOUNT/name`, as detection keys them (no shared baseline).
  const who = qualifiedIndex(index);
  const actors = actorTable(who.dictionary('principal'));
  const slotOfActor = new Int32Array(actors.names.length).fill(-1);
  slotByActor.forEach((slot, actor) => {
    const id = actors.byName.get(actor);
    if (id !== undefined) slotOfActor[id] = slot;
  });
  const actorSlots = new Int32Array(actors.ids.length);
  for (let id = 0; id < actorSlots.length; id++) actorSlots[id] = slotOfActor[actors.ids[id]!]!;
  // The empty principal (a record without one) is nobody's.
  if (actorSlots.length > 0 && who.dictionary('principal').values[0] === '') actorSlots[0] = -1;
  const dimensions = profileDimensions(index, request.ipFacts, wanted, request.only);
  const result = subjectBaseline({
    index: who,
    actorOf: actorSlots,
    actors: names.length,
    dimensions,
    ...(until !== undefined ? { until } : {}),
  });
  const incomplete = wanted.filter((dimension) => result.incomplete.has(dimension));
  return names.map((actor, slot) => {
    const values: ActorBaseline['values'] = {};
    for (const dimension of wanted) {
      const found = result.values[slot]![dimension];
      if (!found) continue;
      const judged = new Map<string, JudgedValue>();
      const cut = Math.floor(result.actors[slot]!.last / DAY_MS) * DAY_MS;
      for (const [text, value] of found)
        judged.set(text, { ...value, mark: markOf(value, incomplete.includes(dimension), cut) });
      values[dimension] = judged;
    }
    return {
      actor,
      history: result.actors[slot]!,
      values,
      incomplete,
      ...(until !== undefined ? { until } : {}),
    };
  });
}
