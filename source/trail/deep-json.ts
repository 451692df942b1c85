/**
 * Walks over parsed JSON values that never recurse, whatever the depth. JSON.parse reads any
 * depth (V8's parser keeps its own stack), but JSON.stringify, structuredClone and any function
 * that calls itself per level overflow the call stack a few thousand levels down (`{"a":` five
 * thousand times is a 30 KB record). Everything here keeps an explicit stack instead.
 */
import { limits } from './limits.js';

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Sets a member even when its key is `__proto__` (JSON.parse makes that an own member too). */
function put(target: Container, key: string | number, item: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else (target as Record<string | number, unknown>)[key] = item;
}

/**
 * How many levels of objects and arrays `value` holds: 0 for a scalar, 1 for `{}` or `[1]`.
 * Stops counting once past `stopAfter` (answering `stopAfter + 1`), so a bound check is cheap.
 */
export function depthOf(value: unknown, stopAfter = Number.MAX_SAFE_INTEGER): number {
  if (!isContainer(value)) return 0;
  let deepest = 0;
  const stack: [Container, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (level > deepest) {
      deepest = level;
      if (deepest > stopAfter) return stopAfter + 1;
    }
    for (const item of Object.values(node)) if (isContainer(item)) stack.push([item, level + 1]);
  }
  return deepest;
}

/** A value cut off below the depth bound, as shown on screen: printed bare, never quoted. */
export class Elided {
  constructor(readonly text: string) {}
}

/** `{… 4,872 levels deeper}`: what stands for a value nested past the bound. */
export function elisionText(value: object): string {
  const levels = depthOf(value);
  const what = `… ${levels.toLocaleString('en-US')} level${levels === 1 ? '' : 's'} deeper`;
  return Array.isArray(value) ? `[${what}]` : `{${what}}`;
}

export interface CopyOptions {
  /** Levels kept (the value itself is level 1); a deeper object or array is replaced. */
  depth?: number;
  /** What replaces a value below `depth`; by default its elisionText, a string. */
  elide?: (value: object) => unknown;
  /** A member's new value, or `keep` for the member copied as it is (and walked). */
  member?: (key: string, item: unknown, keep: symbol) => unknown;
  /** Each value that is not an object or array (the value itself included), rewritten. */
  scalar?: (value: unknown) => unknown;
}

const KEEP = Symbol('keep');

/**
 * A copy of a JSON value (objects, arrays, scalars), member order kept, with objects and arrays
 * nested deeper than `depth` replaced (see CopyOptions) and members rewritten by `member`.
 */
export function copyJson<T>(value: T, options: CopyOptions = {}): T {
  const depth = options.depth ?? Number.MAX_SAFE_INTEGER;
  const elide = options.elide ?? elisionText;
  const member = options.member;
  const scalar = options.scalar ?? ((item: unknown) => item);
  if (!isContainer(value)) return scalar(value) as T;
  if (depth < 1) return elide(value) as T;
  const root: Container = Array.isArray(value) ? [] : {};
  const stack: [Container, Container, number][] = [[value, root, 1]];
  while (stack.length > 0) {
    const [from, to, level] = stack.pop()!;
    const array = Array.isArray(from);
    for (const key of Object.keys(from)) {
      let item = (from as Record<string, unknown>)[key];
      if (!array && member) {
        const changed = member(key, item, KEEP);
        if (changed !== KEEP) {
          put(to, key, changed);
          continue;
        }
      }
      if (isContainer(item)) {
        if (level + 1 > depth) item = elide(item);
        else {
          const copy: Container = Array.isArray(item) ? [] : {};
          stack.push([item, copy, level + 1]);
          item = copy;
        }
      } else item = scalar(item);
      put(to, array ? Number(key) : key, item);
    }
  }
  return root as T;
}

/** `value` itself when it nests no deeper than `depth`, else a copy cut off there (see copyJson). */
export function elideDeep<T>(
  value: T,
  depth: number = limits().depth,
  elide?: (value: object) => unknown,
): T {
  if (depthOf(value, depth) <= depth) return value;
  return copyJson(value, { depth, ...(elide ? { elide } : {}) });
}

/** The scalar's JSON text, or undefined where JSON.stringify leaves a member out. */
function scalarText(value: unknown): string | undefined {
  if (value instanceof Elided) return value.text;
  return JSON.stringify(value) as string | undefined;
}

function toJsonOf(value: unknown, key: string): unknown {
  const hook = isContainer(value) ? (value as { toJSON?: unknown }).toJSON : undefined;
  return typeof hook === 'function' ? (hook as (key: string) => unknown).call(value, key) : value;
}

interface Frame {
  node: Container;
  /** An object's keys; undefined for an array (its indexes are counted to its length). */
  keys: string[] | undefined;
  size: number;
  next: number;
  wrote: boolean;
}

/**
 * JSON.stringify(value, null, space), the same text, at any depth: the native one writes what it
 * can, and a value nested too deep for it is written by an explicit stack.
 */
export function stringifyJson(value: unknown, space = 0): string | undefined {
  try {
    return JSON.stringify(value, null, space) as string | undefined;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return stringifyIteratively(value, space);
}

/** As stringifyJson, with each Elided written bare (`{… 3 levels deeper}`): for the screen. */
export function stringifyForDisplay(value: unknown, space = 0): string | undefined {
  return stringifyIteratively(value, space);
}

function stringifyIteratively(value: unknown, space: number): string | undefined {
  const unit = ' '.repeat(Math.max(0, Math.min(10, Math.floor(space))));
  // One growing string (V8 joins the pieces lazily): no array of millions of pieces.
  let out = '';
  const stack: Frame[] = [];
  const colon = unit ? ': ' : ':';
  // Writes a scalar, or opens a container (its frame is pushed); false when left out.
  const start = (item: unknown): boolean => {
    if (isContainer(item) && !(item instanceof Elided)) {
      if (Array.isArray(item)) {
        out += '[';
        stack.push({ node: item, keys: undefined, size: item.length, next: 0, wrote: false });
      } else {
        const keys = Object.keys(item);
        out += '{';
        stack.push({ node: item, keys, size: keys.length, next: 0, wrote: false });
      }
      return true;
    }
    const text = scalarText(item);
    if (text === undefined) return false;
    out += text;
    return true;
  };
  if (!start(toJsonOf(value, ''))) return undefined;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.size) {
      stack.pop();
      if (frame.wrote && unit) out += `\n${unit.repeat(stack.length)}`;
      out += frame.keys ? '}' : ']';
      continue;
    }
    const newline = unit ? `\n${unit.repeat(stack.length)}` : '';
    const index = frame.next++;
    if (!frame.keys) {
      out += frame.wrote ? `,${newline}` : newline;
      frame.wrote = true;
      if (!start(toJsonOf((frame.node as unknown[])[index], String(index)))) out += 'null';
      continue;
    }
    const key = frame.keys[index]!;
    const item = toJsonOf((frame.node as Record<string, unknown>)[key], key);
    if (!isContainer(item) && scalarText(item) === undefined) continue;
    out += `${frame.wrote ? ',' : ''}${newline}${JSON.stringify(key)}${colon}`;
    frame.wrote = true;
    start(item);
  }
  return out;
}
