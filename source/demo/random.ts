/**
 * The demo's only source of randomness. The shipped data file must be byte-for-byte reproducible
 * from the code, so everything "random" comes from one seeded generator instead of Math.random.
 */

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a 32-bit state is plenty for a few thousand records and trivial to port. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty list');
    return item;
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++)
      out += alphabet.charAt(Math.floor(this.next() * alphabet.length));
    return out;
  }

  hex(length: number): string {
    return this.chars(HEX, length);
  }

  base64(length: number): string {
    return this.chars(BASE64, length);
  }

  /** A version-4-shaped UUID, the form of CloudTrail's eventID and most requestIDs. */
  uuid(): string {
    const variant = this.pick(['8', '9', 'a', 'b']);
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  /**
   * A temporary (ASIA…) access key id. The EXAMPLE tail, borrowed from the AWS docs, keeps every
   * key in the demo obviously fake to secret scanners and readers alike.
   */
  sessionKeyId(): string {
    return `ASIA${this.chars(UPPER_ALNUM, 9)}EXAMPLE`;
  }

  /** A stand-in for an STS session token: the real prefix, a short fake body. */
  sessionToken(): string {
    return `IQoJb3JpZ2luX2VjE${this.base64(60)}EXAMPLE`;
  }
}
