/**
 * Distinct substrings, each named by a small number, found without making a string per part:
 * a `resources` value joins several resources, and a busy principal has a few hundred thousand
 * distinct ones. A part is kept as (source string, start, end) in typed arrays; hashing and
 * equality walk its characters in place, and only the parts that are shown are ever sliced.
 */
export class TextRangeTable {
  private texts: string[] = [];
  private starts: Uint32Array = new Uint32Array(64);
  private ends: Uint32Array = new Uint32Array(64);
  /** Kept as int32: a uint32 above 2^31 would be boxed as a heap number in V8. */
  private hashes: Int32Array = new Int32Array(64);
  /** Open addressing: entry + 1 by bucket, 0 = empty. */
  private buckets = new Int32Array(128);

  get size(): number {
    return this.texts.length;
  }

  /** The entry's text (sliced now). */
  text(entry: number): string {
    return this.texts[entry]!.slice(this.starts[entry]!, this.ends[entry]!);
  }

  /** The entry number of text[start, end), adding it when new. */
  intern(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const mask = this.buckets.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const entry = this.buckets[at]! - 1;
      if (entry < 0) return this.add(text, start, end, hash, at);
      if (this.hashes[entry] === hash && this.equals(entry, text, start, end)) return entry;
    }
  }

  private equals(entry: number, text: string, start: number, end: number): boolean {
    const other = this.texts[entry]!;
    const otherStart = this.starts[entry]!;
    const length = end - start;
    if (this.ends[entry]! - otherStart !== length) return false;
    for (let i = 0; i < length; i++) {
      if (other.charCodeAt(otherStart + i) !== text.charCodeAt(start + i)) return false;
    }
    return true;
  }

  private add(text: string, start: number, end: number, hash: number, at: number): number {
    const entry = this.texts.length;
    if (entry === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.texts.push(text);
    this.starts[entry] = start;
    this.ends[entry] = end;
    this.hashes[entry] = hash;
    this.buckets[at] = entry + 1;
    // Kept at most half full so probes stay short.
    if ((entry + 1) * 2 > this.buckets.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    const buckets = new Int32Array(this.buckets.length * 2);
    const mask = buckets.length - 1;
    for (let entry = 0; entry < this.texts.length; entry++) {
      let at = this.hashes[entry]! & mask;
      while (buckets[at] !== 0) at = (at + 1) & mask;
      buckets[at] = entry + 1;
    }
    this.buckets = buckets;
  }
}

function grown(array: Uint32Array): Uint32Array {
  const next = new Uint32Array(array.length * 2);
  next.set(array);
  return next;
}
