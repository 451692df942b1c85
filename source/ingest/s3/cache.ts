/**
 * The S3 cache: log objects kept as S3 sent them (compressed), each with the ETag it had, so
 * reopening a trail reads locally and asks S3 only for what is new or changed.
 *
 * Layout: `<dir>/<bucket>/<key as folders>` (see cache-paths.ts: a key never names a place
 * outside `<dir>`), files 0600 written whole through `writeWholeFile` (no fsync: a lost object is
 * fetched again), folders 0700, and one index `<dir>/.index` (JSON lines: bucket, key, ETag, size,
 * last use) in least-recently-used order. One index rather than a sidecar per object: half the
 * files and writes, `isCached` is a map look-up plus one stat, and `--cache-max` eviction knows
 * the oldest objects and the total without walking the tree. The index is written whole (it is
 * small next to the objects: ~150 bytes each) when a pull ends, every half minute during one,
 * and on close; an index that is missing starts the cache empty, one that cannot be read starts it
 * empty too and says so (the files it described are fetched again and overwritten in place).
 *
 * Objects handed to the current session (read from the cache or fetched) are held: eviction
 * passes them over, since the loader opens them again for every re-read.
 *
 * `--no-cache` (dir undefined): a private 0700 temp folder, removed on close and on exit.
 */
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { writeWholeFile } from '../../case/atomic-write.js';
import { errorCode } from '../../case/errors.js';
import { nodeFileSystem } from '../../case/file-system.js';
import { makeDirectory } from '../../case/make-directory.js';
import { clashPathOf, encodePart, relativePathOf } from './cache-paths.js';
import type { PlannedObject, S3CacheOptions } from './types.js';

export interface S3Cache {
  /** The cache folder (a temp folder under --no-cache). */
  readonly dir: string;
  /** True under --no-cache: nothing outlives the session. */
  readonly temporary: boolean;
  /** Whether the object is here with the same ETag and size (the planner's question). */
  isCached(bucket: string, object: PlannedObject): boolean;
  /** Where `bucket`'s object `key` is kept: always inside `dir`. */
  pathFor(bucket: string, key: string): string;
  /** The local copy of a cached object (marked used now and held), or undefined. */
  take(bucket: string, object: PlannedObject): string | undefined;
  /** Keeps a fetched object (whole, 0600) with its ETag, held; returns where it lies. */
  store(bucket: string, key: string, etag: string, bytes: Uint8Array): string;
  /**
   * Removes least recently used objects not held until the cache plus `room` bytes fits
   * `maxBytes`; returns the bytes still over (held objects are never removed).
   */
  evict(room?: number): number;
  /** Bytes of the objects the cache holds. */
  bytes(): number;
  /** Objects the cache holds. */
  size(): number;
  /** What the analyst should know (an unreadable index, a folder made private). */
  notes(): readonly string[];
  /** Writes the index if anything changed since the last write. */
  flush(): void;
  /** Flushes; under --no-cache removes the temp folder. */
  close(): void;
}

interface Entry {
  bucket: string;
  key: string;
  etag: string;
  size: number;
  used: number;
  /** Kept at the clash path (its file would be another key's folder, or the reverse). */
  clash: boolean;
}

const INDEX = '.index';
const HEADER = '{"trailhound-s3-cache":1}';
const CLASH_CODES = new Set(['EISDIR', 'ENOTDIR', 'EEXIST']);

/** `$XDG_CACHE_HOME/trailhound/s3`, else `~/.cache/trailhound/s3` (XDG: a relative value is ignored). */
export function defaultS3CacheDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.cache');
  return join(base, 'trailhound', 's3');
}

function idOf(bucket: string, key: string): string {
  return `${bucket.length}:${bucket}/${key}`;
}

export function openS3Cache(options: S3CacheOptions, now: () => number = Date.now): S3Cache {
  const notes: string[] = [];
  const temporary = options.dir === undefined;
  const dir = temporary ? mkdtempSync(join(tmpdir(), 'trailhound-s3-')) : options.dir!;
  const stopRemoval = temporary ? removeOnExit(dir) : undefined;
  if (!temporary) prepareFolder(dir, notes);
  const entries = temporary ? new Map<string, Entry>() : readIndex(dir, notes);
  let total = 0;
  for (const entry of entries.values()) total += entry.size;
  const held = new Set<string>();
  const folders = new Set<string>();
  let dirty = false;

  const pathOf = (entry: Pick<Entry, 'bucket' | 'key' | 'clash'>) =>
    join(
      dir,
      entry.clash ? clashPathOf(entry.bucket, entry.key) : relativePathOf(entry.bucket, entry.key),
    );
  const touch = (id: string, entry: Entry) => {
    // A Map keeps insertion order: moving the entry to the end keeps the index in LRU order.
    entries.delete(id);
    entry.used = now();
    entries.set(id, entry);
    dirty = true;
  };
  const fileSize = (path: string): number | undefined => {
    try {
      const stat = statSync(path);
      return stat.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  };
  const forget = (id: string, entry: Entry) => {
    entries.delete(id);
    total -= entry.size;
    dirty = true;
  };
  const current = (bucket: string, object: PlannedObject): [string, Entry] | undefined => {
    const id = idOf(bucket, object.key);
    const entry = entries.get(id);
    if (!entry || entry.etag !== object.etag || entry.size !== object.size) return undefined;
    // Removed or truncated behind our back: fetch it again.
    if (fileSize(pathOf(entry)) !== entry.size) {
      forget(id, entry);
      return undefined;
    }
    return [id, entry];
  };
  const write = (path: string, bytes: Uint8Array) => {
    const folder = dirname(path);
    if (!folders.has(folder)) {
      makeDirectory(folder);
      folders.add(folder);
    }
    writeWholeFile(path, bytes, nodeFileSystem, false);
  };
  const remove = (entry: Entry) => {
    const path = pathOf(entry);
    try {
      unlinkSync(path);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    // Empty folders go too, up to the bucket's (rmdir refuses a folder that is not empty).
    const stop = join(dir, encodePart(entry.bucket));
    for (let folder = dirname(path); folder.startsWith(stop + '/'); folder = dirname(folder)) {
      try {
        rmdirSync(folder);
        folders.delete(folder);
      } catch {
        break;
      }
    }
  };

  return {
    dir,
    temporary,
    isCached: (bucket, object) => current(bucket, object) !== undefined,
    pathFor: (bucket, key) => join(dir, relativePathOf(bucket, key)),
    take: (bucket, object) => {
      const found = current(bucket, object);
      if (!found) return undefined;
      const [id, entry] = found;
      touch(id, entry);
      held.add(id);
      return pathOf(entry);
    },
    store: (bucket, key, etag, bytes) => {
      const id = idOf(bucket, key);
      const before = entries.get(id);
      const entry: Entry = { bucket, key, etag, size: bytes.length, used: now(), clash: false };
      let path = pathOf(entry);
      try {
        write(path, bytes);
      } catch (error) {
        if (!CLASH_CODES.has(errorCode(error) ?? '')) throw error;
        entry.clash = true;
        path = pathOf(entry);
        write(path, bytes);
      }
      if (before) {
        if (before.clash !== entry.clash) remove(before);
        forget(id, before);
      }
      entries.set(id, entry);
      total += entry.size;
      held.add(id);
      dirty = true;
      return path;
    },
    evict: (room = 0) => {
      const max = options.maxBytes;
      if (max === undefined) return 0;
      for (const [id, entry] of entries) {
        if (total + room <= max) break;
        if (held.has(id)) continue;
        remove(entry);
        forget(id, entry);
      }
      return Math.max(0, total + room - max);
    },
    bytes: () => total,
    size: () => entries.size,
    notes: () => notes,
    flush: () => {
      if (temporary || !dirty) return;
      const lines = [HEADER];
      for (const entry of entries.values()) {
        const { bucket, key, etag, size, used, clash } = entry;
        lines.push(JSON.stringify([bucket, key, etag, size, used, clash ? 1 : 0]));
      }
      writeWholeFile(join(dir, INDEX), lines.join('\n') + '\n', nodeFileSystem, false);
      dirty = false;
    },
    close() {
      if (temporary) {
        rmSync(dir, { recursive: true, force: true });
        stopRemoval?.();
        return;
      }
      this.flush();
    },
  };
}

/** The cache folder, made 0700 if missing; one that is not ours is refused. */
function prepareFolder(dir: string, notes: string[]): void {
  makeDirectory(dir);
  const stat = statSync(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid)
    throw new Error(
      `the S3 cache folder ${dir} belongs to another user (uid ${stat.uid}); set XDG_CACHE_HOME to a folder of yours, or use --no-cache`,
    );
  if ((stat.mode & 0o077) !== 0) {
    chmodSync(dir, 0o700);
    notes.push(`the S3 cache folder ${dir} was open to other users; it is now private (0700)`);
  }
}

/** The index, oldest use first; an unreadable one is an empty cache and a note. */
function readIndex(dir: string, notes: string[]): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let text: string;
  try {
    text = readFileSync(join(dir, INDEX), 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT')
      notes.push(
        `the S3 cache index in ${dir} could not be read (${errorCode(error) ?? 'unknown'}): starting with an empty cache; objects are fetched again`,
      );
    return entries;
  }
  const lines = text.split('\n');
  try {
    if (lines[0] !== HEADER) throw new Error('not a trailhound S3 cache index');
    for (const line of lines.slice(1)) {
      if (line === '') continue;
      const entry = entryOf(JSON.parse(line) as unknown);
      const id = idOf(entry.bucket, entry.key);
      entries.delete(id);
      entries.set(id, entry);
    }
  } catch {
    entries.clear();
    notes.push(
      `the S3 cache index in ${dir} is damaged: starting with an empty cache; objects are fetched again`,
    );
  }
  return entries;
}

function entryOf(value: unknown): Entry {
  if (!Array.isArray(value)) throw new Error('entry');
  const [bucket, key, etag, size, used, clash] = value as unknown[];
  if (
    typeof bucket !== 'string' ||
    typeof key !== 'string' ||
    typeof etag !== 'string' ||
    typeof size !== 'number' ||
    !Number.isSafeInteger(size) ||
    size < 0 ||
    typeof used !== 'number'
  )
    throw new Error('entry');
  return { bucket, key, etag, size, used, clash: clash === 1 };
}

/**
 * The temp folder goes when the process does: on exit, and on a signal that would otherwise end
 * it without one (as stdin's spool does). Returns how to stop watching (after close removed it).
 */
function removeOnExit(dir: string): () => void {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const handlers = signals.map((signal) => {
    const handler = () => {
      remove();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  process.once('exit', remove);
  return () => {
    process.off('exit', remove);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
