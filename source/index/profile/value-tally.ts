import type { Dictionary } from '../dictionary.js';
import type { StatTable } from './stat-table.js';
import type { SubjectRows } from './subject-rows.js';

/**
 * Counts, errors and first / last time per value of one column over a subject's rows, keyed by
 * dictionary id: an id → slot table and per-slot typed arrays, so the row loop does array
 * lookups only. The empty value (id 0) is not counted: "no source IP" is not a source IP.
 */
export class ValueTally implements StatTable {
  readonly ids: Uint32Array;
  readonly counts: Uint32Array;
  readonly errors: Uint32Array;
  readonly first: Float64Array;
  readonly last: Float64Array;
  private slots = 0;
  /** Slot + 1 by dictionary id; 0 = not seen yet. */
  private readonly slotById: Int32Array;

  /** `maxValues` bounds the distinct values (the subject's row count will do). */
  constructor(
    private readonly dictionary: Dictionary,
    maxValues: number,
  ) {
    const capacity = Math.min(dictionary.size, maxValues);
    this.slotById = new Int32Array(dictionary.size);
    this.ids = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.errors = new Uint32Array(capacity);
    this.first = new Float64Array(capacity).fill(Number.NaN);
    this.last = new Float64Array(capacity).fill(Number.NaN);
  }

  get size(): number {
    return this.slots;
  }

  valueOf(slot: number): string {
    return this.dictionary.value(this.ids[slot]!);
  }

  /** The slot of a counted id, or -1. */
  slotOf(id: number): number {
    return id < this.slotById.length ? this.slotById[id]! - 1 : -1;
  }

  /**
   * Counts one row's value; returns its slot, or -1 for the empty value. Rows must come in time
   * order (unknown times, NaN, first), so the first known time seen is the earliest.
   */
  add(id: number, time: number, failed: number): number {
    if (id === 0) return -1;
    let slot = this.slotById[id]! - 1;
    if (slot < 0) {
      slot = this.slots++;
      this.slotById[id] = slot + 1;
      this.ids[slot] = id;
    }
    this.counts[slot]!++;
    this.errors[slot]! += failed;
    if (time === time) {
      if (this.first[slot] !== this.first[slot]) this.first[slot] = time;
      this.last[slot] = time;
    }
    return slot;
  }

  /** Counts the column's value on every row of the subject. */
  addColumn(column: Uint32Array, subject: SubjectRows): this {
    const { rows, times, failed } = subject;
    for (let i = 0; i < rows.length; i++) this.add(column[rows[i]!]!, times[i]!, failed[i]!);
    return this;
  }
}
