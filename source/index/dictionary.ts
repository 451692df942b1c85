import { stringHash } from '../trail/string-hash.js';

/**
 * Interned strings of one column: each distinct value is stored once and named by a small id.
 * Ids are found through an open-addressing table of typed arrays keyed by the values' hashes
 * (given by the parse thread that saw the value first, or computed here): no Map of strings.
 */
export class Dictionary {
  readonly values: string[] = [''];
  /** Per id, its value's hash. */
  private hashes = new Uint32Array(1024);
  /** id + 1 per slot; 0 is empty. Never more than half full. */
  private slots = new Int32Array(2048);
  private readonly lower: string[] = [];

  constructor() {
    this.place(stringHash(''), 0);
  }

  get size(): number {
    return this.values.length;
  }

  /** The id of `value`, added when new; `hash` must be stringHash(value) when given. */
  intern(value: string, hash: number = stringHash(value)): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes[id] === hash && this.values[id] === value) return id;
    }
    const id = this.values.length;
    this.values.push(value);
    if (id >= this.hashes.length) {
      const grown = new Uint32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    if ((id + 1) * 2 > slots.length) this.grow();
    this.place(hash, id);
    return id;
  }

  /** The id of `value`, or -1 when it never arrived (adds nothing). */
  find(value: string): number {
    const hash = stringHash(value);
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && this.values[id] === value) return id;
    }
  }

  private place(hash: number, id: number): void {
    this.hashes[id] = hash;
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = id + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.values.length - 1; id++) this.place(this.hashes[id]!, id);
  }

  /**
   * Every value lowercased, by id, for case-insensitive matching without lowercasing a value per
   * query. Built lazily and extended as values arrive; V8 returns an already-lowercase string
   * itself, so for most values this costs a pointer.
   */
  lowercased(): string[] {
    for (let id = this.lower.length; id < this.values.length; id++)
      this.lower.push(this.values[id]!.toLowerCase());
    return this.lower;
  }

  value(id: number): string {
    return this.values[id] ?? '';
  }
}
