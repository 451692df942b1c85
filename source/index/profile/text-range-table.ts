/**
 * Distinct substrings, each named by a small number: a `resources` value joins several
 * resources, and a busy principal has a few hundred thousand distinct ones. Splitting them into
 * arrays and keying a `Map` hashes every character of every part; here a part is hashed on a
 * bounded sample of its characters (its length, head, tail and a few in between: identifiers
 * differ at their ends), and a candidate is confirmed by the engine's own comparison. Parts that
 * share a sample still come out right, only with longer probes.
 */
const HEAD = 8;
const TAIL = 16;
const MIDDLE = 8;

function sampleHash(text: string, start: number, end: number): number {
  const length = end - start;
  let hash = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  if (length <= HEAD + MIDDLE + TAIL) {
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return hash;
  }
  for (let i = start; i < start + HEAD; i++)
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const step = Math.floor((length - HEAD - TAIL) / MIDDLE);
  for (let k = 0, i = start + HEAD; k < MIDDLE; k++, i += step)
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  for (let i = end - TAIL; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

export class TextRangeTable {
  /** The parts as strings: slices share their source's characters rather than copying them. */
  private readonly names: string[] = [];
  /** Kept as int32: a uint32 above 2^31 would be boxed as a heap number in V8. */
  private hashes: Int32Array = new Int32Array(64);
  /** Open addressing: entry + 1 by bucket, 0 = empty. */
  private buckets = new Int32Array(128);

  get size(): number {
    return this.names.length;
  }

  text(entry: number): string {
    return this.names[entry]!;
  }

  /** The entry number of text[start, end), adding it when new. */
  intern(text: string, start: number, end: number): number {
    const hash = sampleHash(text, start, end);
    const length = end - start;
    const mask = this.buckets.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const entry = this.buckets[at]! - 1;
      if (entry < 0) return this.add(text.slice(start, end), hash, at);
      if (this.hashes[entry] !== hash) continue;
      const name = this.names[entry]!;
      if (name.length === length && text.startsWith(name, start)) return entry;
    }
  }

  private add(name: string, hash: number, at: number): number {
    const entry = this.names.length;
    if (entry === this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.names.push(name);
    this.hashes[entry] = hash;
    this.buckets[at] = entry + 1;
    // Kept at most half full so probes stay short.
    if ((entry + 1) * 2 > this.buckets.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    const buckets = new Int32Array(this.buckets.length * 2);
    const mask = buckets.length - 1;
    for (let entry = 0; entry < this.names.length; entry++) {
      let at = this.hashes[entry]! & mask;
      while (buckets[at] !== 0) at = (at + 1) & mask;
      buckets[at] = entry + 1;
    }
    this.buckets = buckets;
  }
}
