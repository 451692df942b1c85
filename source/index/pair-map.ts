/**
 * A map from a pair of 32-bit ids (principal id, value id) to a small non-negative number, with
 * open addressing in one typed array. A `Map` keyed by `principal * values + value` boxes every
 * key past 2^31 as a heap number: at a million events that map held a million of them and its
 * garbage was most of a detection rule's time.
 */
export class PairMap {
  /** Per slot: a, b, value + 1 (0 marks an empty slot). */
  private slots = new Uint32Array(3 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The number stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let slot = hashPair(a, b) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const stored = slots[at + 2]!;
      if (stored === 0) return -1;
      if (slots[at] === a && slots[at + 1] === b) return stored - 1;
    }
  }

  /** Stores `value` (≥ 0) for (a, b) unless the pair is there; returns whether it was added. */
  add(a: number, b: number, value: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length / 3) this.grow();
    if (!this.place(this.slots, a, b, value + 1)) return false;
    this.count++;
    return true;
  }

  private place(slots: Uint32Array, a: number, b: number, stored: number): boolean {
    const mask = slots.length / 3 - 1;
    for (let slot = hashPair(a, b) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      if (slots[at + 2] === 0) {
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2] = stored;
        return true;
      }
      if (slots[at] === a && slots[at + 1] === b) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    const next = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] !== 0) this.place(next, old[at]!, old[at + 1]!, old[at + 2]!);
    }
    this.slots = next;
  }
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}
