/**
 * Gives each distinct byte run of a buffer one id and decodes it to a string once. The ASN
 * tables repeat ~75,000 organisation names across ~400,000 lines; hashing the bytes in place
 * avoids making (and hashing) a throwaway string per line, which was most of the load time.
 */
export class NameInterner {
  readonly names: string[] = [];
  /** Where each name's first occurrence lies in the buffer, to confirm a hash match. */
  private firstFrom: Uint32Array;
  private firstTo: Uint32Array;
  /** The same bytes as a Buffer, whose `toString(encoding, from, to)` decodes without a view. */
  private readonly text: Buffer;
  /** Open addressing: slot → name id + 1 (0 is empty). */
  private slots: Uint32Array;

  constructor(
    private readonly bytes: Uint8Array,
    expectedDistinct: number,
  ) {
    let size = 1024;
    while (size < expectedDistinct * 2) size *= 2;
    this.slots = new Uint32Array(size);
    this.firstFrom = new Uint32Array(size / 2);
    this.firstTo = new Uint32Array(size / 2);
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * The id of the name in `bytes[from..to)`. A CSV field in double quotes is unquoted and its
   * doubled quotes (`""`) undone when decoded; the key stays the raw bytes.
   */
  intern(from: number, to: number): number {
    const bytes = this.bytes;
    let hash = 0x811c9dc5;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    let mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.slots[slot]!;
      if (stored === 0) break;
      if (this.sameBytes(stored - 1, from, to)) return stored - 1;
    }
    if ((this.names.length + 1) * 2 > this.slots.length) this.grow();
    const id = this.names.push(decodeField(this.text, from, to)) - 1;
    this.firstFrom[id] = from;
    this.firstTo[id] = to;
    mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
    return id;
  }

  private sameBytes(id: number, from: number, to: number): boolean {
    const otherFrom = this.firstFrom[id]!;
    if (this.firstTo[id]! - otherFrom !== to - from) return false;
    const bytes = this.bytes;
    for (let i = 0; i < to - from; i++) {
      if (bytes[from + i] !== bytes[otherFrom + i]) return false;
    }
    return true;
  }

  private grow(): void {
    const slots = new Uint32Array(this.slots.length * 2);
    const firstFrom = new Uint32Array(slots.length / 2);
    firstFrom.set(this.firstFrom);
    this.firstFrom = firstFrom;
    const firstTo = new Uint32Array(slots.length / 2);
    firstTo.set(this.firstTo);
    this.firstTo = firstTo;
    const mask = slots.length - 1;
    const bytes = this.bytes;
    for (let id = 0; id < this.names.length; id++) {
      let hash = 0x811c9dc5;
      for (let i = this.firstFrom[id]!; i < this.firstTo[id]!; i++) {
        hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
      }
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

function decodeField(text: Buffer, from: number, to: number): string {
  const quoted = to - from >= 2 && text[from] === 34 && text[to - 1] === 34;
  const name = quoted ? text.toString('utf8', from + 1, to - 1) : text.toString('utf8', from, to);
  return quoted && name.includes('""') ? name.replaceAll('""', '"') : name;
}
