import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultS3CacheDir, openS3Cache } from '../../../source/ingest/s3/cache.js';
import type { PlannedObject } from '../../../source/ingest/s3/types.js';

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'th-s3cache-'));
  dir = join(root, 'cache', 'trailhound', 's3');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const object = (key: string, bytes: Uint8Array, etag = '"e1"'): PlannedObject => ({
  key,
  size: bytes.length,
  etag,
});

/** Every path under `folder`, folders included. */
function walk(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    out.push(path);
    if (statSync(path).isDirectory()) out.push(...walk(path));
  }
  return out;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the S3 cache', () => {
  it('lives under $XDG_CACHE_HOME/trailhound/s3, else ~/.cache (a relative XDG value is ignored)', () => {
    expect(defaultS3CacheDir({ XDG_CACHE_HOME: '/x/c' }, '/home/a')).toBe('/x/c/trailhound/s3');
    expect(defaultS3CacheDir({}, '/home/a')).toBe('/home/a/.cache/trailhound/s3');
    expect(defaultS3CacheDir({ XDG_CACHE_HOME: 'rel' }, '/home/a')).toBe(
      '/home/a/.cache/trailhound/s3',
    );
  });

  it('keeps objects as sent, files 0600 and folders 0700, and knows them again by ETag and size', () => {
    const bytes = Buffer.from('gzip bytes as S3 sent them');
    const key = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/07/x.json.gz';
    const cache = openS3Cache({ dir });
    const at = cache.store('trail-bucket', key, '"e1"', bytes);
    expect(at).toBe(join(dir, 'trail-bucket', key));
    expect(at).toBe(cache.pathFor('trail-bucket', key));
    cache.close();

    expect(readFileSync(at)).toEqual(bytes);
    expect(mode(at)).toBe(0o600);
    expect(mode(join(dir, '.index'))).toBe(0o600);
    for (const path of walk(dir))
      expect(mode(path)).toBe(statSync(path).isDirectory() ? 0o700 : 0o600);
    expect(mode(dir)).toBe(0o700);

    const again = openS3Cache({ dir });
    expect(again.isCached('trail-bucket', object(key, bytes))).toBe(true);
    expect(again.isCached('trail-bucket', object(key, bytes, '"e2"'))).toBe(false);
    expect(again.isCached('trail-bucket', { key, size: bytes.length + 1, etag: '"e1"' })).toBe(
      false,
    );
    expect(again.isCached('other-bucket', object(key, bytes))).toBe(false);
    expect(again.take('trail-bucket', object(key, bytes))).toBe(at);
    // Removed behind its back: no longer cached.
    rmSync(at);
    expect(again.isCached('trail-bucket', object(key, bytes))).toBe(false);
    again.close();
  });

  it('starts empty and says so when the index is damaged', () => {
    const cache = openS3Cache({ dir });
    cache.store('b-1', 'k', '"e"', Buffer.from('abc'));
    cache.close();
    writeFileSync(join(dir, '.index'), '{"trailhound-s3-cache":1}\n["b-1","k",\n');
    const reopened = openS3Cache({ dir });
    expect(reopened.size()).toBe(0);
    expect(reopened.isCached('b-1', object('k', Buffer.from('abc'), '"e"'))).toBe(false);
    expect(reopened.notes().join('\n')).toMatch(
      /index .* is damaged: starting with an empty cache/,
    );
    // Not fatal: it works on, and the refetched object overwrites the old file in place.
    reopened.store('b-1', 'k', '"e"', Buffer.from('abc'));
    reopened.close();
    expect(openS3Cache({ dir }).isCached('b-1', object('k', Buffer.from('abc'), '"e"'))).toBe(true);
  });

  it('keeps hostile keys inside the cache, each in a file of its own', () => {
    const keys = [
      '../../../../etc/passwd',
      '/etc/passwd',
      '//double//slashes//',
      'a/./b',
      'a/../../../x',
      '..',
      '.',
      '.hidden',
      'nul\0byte/..\0/x',
      'back\\slash\\..\\..\\x',
      '%2E%2E/%2F/x',
      'x'.repeat(3000),
      'deep/'.repeat(120) + 'end',
      'ümlaut/ñ/日本',
      'lone\ud800surrogate',
      'lone\udc00surrogate',
      'a/b',
      'a/b/c',
      'a/b%',
      '.index',
      '%keys/x',
      'trailing/',
      '',
    ];
    const cache = openS3Cache({ dir });
    const seen = new Map<string, string>();
    keys.forEach((key, index) => {
      const planned = cache.pathFor('..', key);
      expect(relative(dir, planned).startsWith('..')).toBe(false);
      expect(isAbsolute(relative(dir, planned))).toBe(false);
      const at = cache.store('..', key, `"e${index}"`, Buffer.from(`object ${index}`));
      const inside = relative(dir, at);
      expect(inside.startsWith('..') || isAbsolute(inside)).toBe(false);
      for (const part of inside.split('/'))
        expect(Buffer.byteLength(part)).toBeLessThanOrEqual(200);
      expect(seen.has(at), `${JSON.stringify(key)} shares a file with ${seen.get(at)}`).toBe(false);
      seen.set(at, JSON.stringify(key));
    });
    cache.close();
    // Nothing was written beside the cache, and every object reads back as stored.
    expect(readdirSync(join(root, 'cache', 'trailhound'))).toEqual(['s3']);
    const reopened = openS3Cache({ dir });
    keys.forEach((key, index) => {
      const bytes = Buffer.from(`object ${index}`);
      const at = reopened.take('..', object(key, bytes, `"e${index}"`));
      expect(at, JSON.stringify(key)).toBeDefined();
      expect(readFileSync(at!).toString()).toBe(`object ${index}`);
    });
    for (const path of walk(dir))
      expect(mode(path)).toBe(statSync(path).isDirectory() ? 0o700 : 0o600);
    reopened.close();
  });

  it('evicts the least recently used objects past --cache-max, never one this session holds', () => {
    const bytes = Buffer.alloc(100, 1);
    const first = openS3Cache({ dir, maxBytes: 250 });
    for (const key of ['a', 'b', 'c']) first.store('b-1', key, '"e"', bytes);
    // All three are this session's: none goes, and the excess is reported.
    expect(first.evict()).toBe(50);
    first.close();

    let clock = 1_000;
    const second = openS3Cache({ dir, maxBytes: 250 }, () => clock++);
    // `a` is read again (so most recent, and held); `b` then `c` are the oldest.
    expect(second.take('b-1', object('a', bytes, '"e"'))).toBeDefined();
    expect(second.evict(100)).toBe(0);
    expect(second.isCached('b-1', object('a', bytes, '"e"'))).toBe(true);
    expect(second.isCached('b-1', object('b', bytes, '"e"'))).toBe(false);
    expect(second.isCached('b-1', object('c', bytes, '"e"'))).toBe(false);
    expect(walk(join(dir, 'b-1'))).toEqual([join(dir, 'b-1', 'a')]);
    expect(second.bytes()).toBe(100);
    second.close();
    expect(openS3Cache({ dir }).size()).toBe(1);
  });

  it('under --no-cache keeps objects in a private temp folder removed on close', () => {
    const cache = openS3Cache({ dir: undefined });
    expect(cache.temporary).toBe(true);
    expect(mode(cache.dir)).toBe(0o700);
    const at = cache.store('b-1', 'x/y.json.gz', '"e"', Buffer.from('abc'));
    expect(mode(at)).toBe(0o600);
    expect(mode(join(cache.dir, 'b-1', 'x'))).toBe(0o700);
    cache.close();
    expect(() => statSync(cache.dir)).toThrow();
  });
});
