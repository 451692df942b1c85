/**
 * A set of 64-bit hashes (two uint32 halves) with open addressing in one typed array: the dedupe
 * table for eventIDs. A `Set<string>` of 10M UUIDs would cost over a gigabyte; this costs 16 bytes
 * a slot. The pair (0, 0) marks an empty slot; callers never insert it.
 */
export class HashSet64 {
  private slots = new Uint32Array(2 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Makes room for `entries` more without growing: each growth re-places every hash, which at a
   * million events was a good part of the dedupe's time.
   */
  reserve(entries: number): void {
    let size = this.slots.length;
    while ((this.count + entries) * 2 > size / 2) size *= 2;
    if (size === this.slots.length) return;
    if (this.count === 0) {
      // Nothing to re-place: one allocation instead of a doubling per power of two.
      this.slots = new Uint32Array(size);
      return;
    }
    while (this.slots.length < size) this.grow();
  }

  /** Adds the hash; returns false when it was already there. */
  add(hi: number, lo: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length / 2) this.grow();
    const inserted = this.place(this.slots, hi, lo);
    if (inserted) this.count++;
    return inserted;
  }

  private place(slots: Uint32Array, hi: number, lo: number): boolean {
    const mask = slots.length / 2 - 1;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * 2;
      const h = slots[at]!;
      const l = slots[at + 1]!;
      if (h === 0 && l === 0) {
        slots[at] = hi;
        slots[at + 1] = lo;
        return true;
      }
      if (h === hi && l === lo) return false;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const next = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      const hi = old[at]!;
      const lo = old[at + 1]!;
      if (hi !== 0 || lo !== 0) this.place(next, hi, lo);
    }
    this.slots = next;
  }
}
