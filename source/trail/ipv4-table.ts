/**
 * Source addresses are the costliest column to intern: many distinct values, each a fresh
 * string to hash. A canonical dotted quad is its 32-bit number instead, looked up in an
 * open-addressing table of typed arrays. Anything else (IPv6, service names, `AWS Internal`,
 * the leading zeros of anonymised logs) returns -1 and goes the string way.
 */
export function canonicalIpv4(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      const digit = code - 48;
      if (digit < 0 || digit > 9) return -1;
      // "010" and "10" are different strings for the same number: only one spelling is canonical.
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + digit;
      if (++digits > 3 || octet > 255) return -1;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

/** Maps 32-bit addresses to ids; 0xffffffff marks an empty slot (255.255.255.255 is stored apart). */
export class Ipv4Table {
  private keys = new Uint32Array(1024).fill(0xffffffff);
  private ids = new Uint32Array(1024);
  private count = 0;
  private broadcastId = -1;

  /** The id stored for `address`, or -1. */
  get(address: number): number {
    if (address === 0xffffffff) return this.broadcastId;
    const mask = this.keys.length - 1;
    for (let slot = (Math.imul(address, 0x9e3779b1) >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const key = this.keys[slot]!;
      if (key === address) return this.ids[slot]!;
      if (key === 0xffffffff) return -1;
    }
  }

  set(address: number, id: number): void {
    if (address === 0xffffffff) {
      this.broadcastId = id;
      return;
    }
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    this.place(address, id);
    this.count++;
  }

  private place(address: number, id: number): void {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(address, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[slot] !== 0xffffffff) slot = (slot + 1) & mask;
    this.keys[slot] = address;
    this.ids[slot] = id;
  }

  private grow(): void {
    const keys = this.keys;
    const ids = this.ids;
    this.keys = new Uint32Array(keys.length * 2).fill(0xffffffff);
    this.ids = new Uint32Array(keys.length * 2);
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== 0xffffffff) this.place(keys[slot]!, ids[slot]!);
    }
  }
}
