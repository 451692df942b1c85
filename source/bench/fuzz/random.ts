import { Rng } from '../../demo/random.js';

/**
 * The fuzz's seeded generator: the demo's (mulberry32), so the same seed gives the same
 * corruptions on any machine and a failure found once is reproduced by its seed alone.
 */
export class Random {
  private readonly rng: Rng;

  constructor(readonly seed: number) {
    this.rng = new Rng(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.rng.next();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.rng.chance(p);
  }

  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }
}

/** Seeds for iteration `i` of a run started from `seed`: each iteration reproducible alone. */
export function iterationSeed(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 2654435761) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
}
