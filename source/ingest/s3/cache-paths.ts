/**
 * Where an object of a bucket lies in the S3 cache. The key comes from the bucket, so from
 * whoever can write to it: it must never name a place outside the cache (`..`, an absolute
 * part, `//`, NUL, a name too long for the file system), and two keys must never share a file.
 *
 * Each `/`-separated part of the key becomes one folder (the last one the file), so the cache
 * reads like the bucket: `trail-bucket/AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/07/…`.
 * A part keeps the letters, digits, `_`, `-` and `.` it has; any other byte is written `%HH`
 * (upper-case hex), a leading `.` too (so nothing is hidden and `.`/`..` are plain names). An
 * empty part (from `//` or a leading `/`) is `%-`. A part longer than {@link MAX_PART} is cut
 * and ends with `%~` and a hash of the whole part. A key with more than {@link MAX_PARTS} parts or
 * longer than {@link MAX_PATH} once encoded goes flat, under `%keys/` by the hash of the whole
 * key. The encoding is one-to-one (a hash stands in only where the name would not fit), and since
 * `%` is only ever followed by two upper-case hex digits, `-` or `~` in an encoded part, the
 * cache's own names (`%keys`, `%clash`, `.index`) can never be a key's.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Bytes of one encoded part: well under the 255 most file systems allow for a name. */
export const MAX_PART = 160;
/** Folders deep: CloudTrail keys have 9 to 10 parts. */
export const MAX_PARTS = 40;
/** Bytes of an encoded key: well under PATH_MAX (4096) with the cache folder in front. */
export const MAX_PATH = 2000;

/** Where objects go whose key cannot be laid out as folders (too deep or too long). */
export const FLAT_FOLDER = '%keys';
/** Where an object goes whose file would be another key's folder, or the other way round. */
export const CLASH_FOLDER = '%clash';

const KEEP = /^[A-Za-z0-9_.-]$/;

/** Over the UTF-16 code units: one-to-one on any JS string, ill-formed ones included. */
function hash(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf16le')).digest('hex').slice(0, 40);
}

/** One part of a key (or a bucket name) as one file name. */
export function encodePart(part: string): string {
  if (part === '') return '%-';
  // Lone surrogates would all become U+FFFD in UTF-8: two keys, one name. Hash those instead.
  const bytes = Buffer.from(part, 'utf8');
  if (bytes.toString('utf8') !== part) return `%~${hash(part)}`;
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    const keep = KEEP.test(char) && !(out === '' && char === '.');
    out += keep ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out.length > MAX_PART ? `${out.slice(0, MAX_PART - 42)}%~${hash(part)}` : out;
}

/** The path, relative to the cache folder, of `bucket`'s object `key`: always inside it. */
export function relativePathOf(bucket: string, key: string): string {
  const parts = key.split('/');
  const encoded = parts.map(encodePart);
  const length = encoded.reduce((sum, part) => sum + part.length + 1, 0);
  if (parts.length > MAX_PARTS || length > MAX_PATH)
    return join(encodePart(bucket), FLAT_FOLDER, hash(key));
  return join(encodePart(bucket), ...encoded);
}

/** The fallback for a key whose file clashes with another key's folder (`a/b` and `a/b/c`). */
export function clashPathOf(bucket: string, key: string): string {
  return join(encodePart(bucket), CLASH_FOLDER, hash(key));
}
