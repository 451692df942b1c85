import type { FieldGetter } from './types.js';

/** A dotted path cut once: its segments, and for each position the rest joined back. */
interface SplitPath {
  segments: readonly string[];
  /** `rest[i]` is `segments.slice(i).join('.')`, for keys that contain dots themselves. */
  rest: readonly string[];
}

const splitCache = new Map<string, SplitPath>();
/** Rules name a few hundred distinct paths at most; the bound only guards odd callers. */
const SPLIT_CACHE_LIMIT = 10_000;

function splitPath(path: string): SplitPath {
  let split = splitCache.get(path);
  if (split !== undefined) return split;
  const segments = path.split('.');
  const rest = segments.map((_, i) => segments.slice(i).join('.'));
  split = { segments, rest };
  if (splitCache.size < SPLIT_CACHE_LIMIT) splitCache.set(path, split);
  return split;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value at `path` below `node`. When the walk meets an array, every element is walked and
 * what they yield comes back as an array (any element may then match). A key that itself
 * contains dots is found when the dotted walk misses.
 */
function walk(node: unknown, split: SplitPath, from: number): unknown {
  let current = node;
  const { segments, rest } = split;
  for (let i = from; i < segments.length; i++) {
    if (Array.isArray(current)) {
      const found: unknown[] = [];
      for (const element of current) {
        const value = walk(element, split, i);
        if (value !== undefined) found.push(value);
      }
      return found.length === 0 ? undefined : found;
    }
    if (!isRecord(current)) return undefined;
    const key = segments[i]!;
    if (Object.hasOwn(current, key)) {
      current = current[key];
      continue;
    }
    const whole = rest[i]!;
    return i < segments.length - 1 && Object.hasOwn(current, whole) ? current[whole] : undefined;
  }
  return current;
}

export function valueAtPath(root: unknown, path: string): unknown {
  if (path === '') return root;
  return walk(root, splitPath(path), 0);
}

/** Dotted paths into a parsed record; never UNKNOWN. The empty path is the whole record. */
export function recordFields(record: Record<string, unknown>): FieldGetter {
  return (path) => valueAtPath(record, path);
}

/** Records nest a handful of levels; anything deeper is hostile and is not searched further. */
const MAX_DEPTH = 32;

const jsonCache = new WeakMap<object, string>();

/** The compact JSON text of an object, computed once per object however many rules ask. */
function jsonOf(value: object): string {
  let text = jsonCache.get(value);
  if (text === undefined) {
    try {
      text = JSON.stringify(value) ?? '';
    } catch {
      text = '';
    }
    jsonCache.set(value, text);
  }
  return text;
}

/**
 * Whether `test` accepts any text form of a log value: a string as is, a number or boolean by
 * its string form, every element of an array, every scalar inside an object and, when
 * `withJson`, the JSON text of each object the path reached (so that
 * `requestParameters|contains: '"key":'` works as in a SIEM that stores the object as text).
 * Absent and null values give no text.
 */
export function someText(
  value: unknown,
  test: (text: string) => boolean,
  withJson: boolean,
): boolean {
  return visit(value, test, withJson, 0);
}

function visit(
  value: unknown,
  test: (text: string) => boolean,
  withJson: boolean,
  depth: number,
): boolean {
  switch (typeof value) {
    case 'string':
      return test(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return test(String(value));
    case 'object': {
      if (value === null || depth > MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (const element of value) if (visit(element, test, withJson, depth + 1)) return true;
        return false;
      }
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const inner = (value as Record<string, unknown>)[key];
        if (visit(inner, test, false, depth + 1)) return true;
      }
      return withJson ? test(jsonOf(value)) : false;
    }
    default:
      return false;
  }
}

/** One text for a value used as a correlation group or counted value; undefined when absent. */
export function valueText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      if (value === null) return undefined;
      return jsonOf(value);
    default:
      return undefined;
  }
}
