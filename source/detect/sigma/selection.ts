import { compileFieldItem, type CompiledSearch } from './field-item.js';
import { fail } from './rule-error.js';
import { allOf, anyOf, type Matcher } from './truth.js';

/**
 * One search identifier of a detection: a map (AND of its fields), a list (OR of its maps or
 * keywords), or a bare keyword.
 */
export function compileSearch(name: string, definition: unknown): CompiledSearch {
  if (Array.isArray(definition)) return compileList(name, definition);
  if (isMap(definition)) return compileMap(name, definition);
  if (typeof definition === 'string' || typeof definition === 'number') {
    return compileFieldItem('', [String(definition)]);
  }
  return fail(`search identifier ${name} must be a map or a list`);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Cheap and selective tests first: AND stops at the first false, and most events already fail
 * on their name or source.
 */
function costRank(key: string): number {
  const field = key.split('|', 1)[0];
  if (field === 'eventName') return 0;
  if (field === 'eventSource') return 1;
  if (/\|(re|fieldref|cidr|base64|base64offset)(\||$)/i.test(key) || field === '') return 3;
  return 2;
}

function compileMap(name: string, map: Record<string, unknown>): CompiledSearch {
  const keys = Object.keys(map);
  if (keys.length === 0) fail(`search identifier ${name} is empty`);
  keys.sort((a, b) => costRank(a) - costRank(b));
  const items = keys.map((key) => compileFieldItem(key, map[key]));
  return { matcher: allOf(items.map((item) => item.matcher)), eventNames: intersect(items) };
}

function compileList(name: string, list: unknown[]): CompiledSearch {
  if (list.length === 0) fail(`search identifier ${name} is an empty list`);
  const keywords: unknown[] = [];
  const alternatives: CompiledSearch[] = [];
  for (const element of list) {
    if (isMap(element)) alternatives.push(compileMap(name, element));
    else if (Array.isArray(element)) fail(`search identifier ${name} nests a list in a list`);
    else keywords.push(element);
  }
  if (keywords.length > 0) alternatives.push(compileFieldItem('', keywords));
  return anyOfSearches(alternatives);
}

/** Below this many alternatives, trying each is as cheap as looking the event's name up. */
const DISPATCH_FROM = 8;

/**
 * OR of searches. Each alternative pinned to some event names is only tried on events of those
 * names: `1 of selection_*` over 45k selections asks one map instead of 45k matchers per event.
 * (An event whose eventName is a string outside an alternative's names fails that alternative's
 * eventName equality, so skipping it changes no answer.)
 */
export function anyOfSearches(parts: readonly CompiledSearch[]): CompiledSearch {
  const eventNames = unite(parts);
  const everyone = anyOf(parts.map((part) => part.matcher));
  if (parts.length < DISPATCH_FROM) return { matcher: everyone, eventNames };
  const pinned = new Map<string, Matcher[]>();
  const unpinned: Matcher[] = [];
  for (const part of parts) {
    if (part.eventNames === undefined) unpinned.push(part.matcher);
    else
      for (const name of part.eventNames) {
        const list = pinned.get(name);
        if (list === undefined) pinned.set(name, [part.matcher]);
        else list.push(part.matcher);
      }
  }
  const byName = new Map([...pinned].map(([name, list]) => [name, anyOf(list)]));
  const rest = anyOf(unpinned);
  return {
    matcher: (get) => {
      const name = get('eventName');
      if (typeof name !== 'string') return everyone(get);
      const named = byName.get(name.toLowerCase())?.(get) ?? false;
      if (named === true) return true;
      const other = rest(get);
      if (other === true) return true;
      return named === undefined || other === undefined ? undefined : false;
    },
    eventNames,
  };
}

/** Names an AND allows: those every constrained part allows. */
export function intersect(
  parts: readonly { eventNames: ReadonlySet<string> | undefined }[],
): ReadonlySet<string> | undefined {
  let result: Set<string> | undefined;
  for (const { eventNames } of parts) {
    if (eventNames === undefined) continue;
    result =
      result === undefined
        ? new Set(eventNames)
        : new Set([...result].filter((name) => eventNames.has(name)));
  }
  return result;
}

/** Names an OR allows: any part's, unless one part is unconstrained. */
export function unite(
  parts: readonly { eventNames: ReadonlySet<string> | undefined }[],
): ReadonlySet<string> | undefined {
  const result = new Set<string>();
  for (const { eventNames } of parts) {
    if (eventNames === undefined) return undefined;
    for (const name of eventNames) result.add(name);
  }
  return result;
}
