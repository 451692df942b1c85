/**
 * Per-value statistics in parallel typed arrays, one slot per distinct value: what a tally of a
 * column (or a merge of several) produces and what ranking reads. Slots are filled in the order
 * values were first met, over rows in time order.
 */
export interface StatTable {
  readonly size: number;
  readonly counts: Uint32Array;
  readonly errors: Uint32Array;
  /** NaN until the value is seen on a row with a time. */
  readonly first: Float64Array;
  readonly last: Float64Array;
  /** The slot's value as text (resolved only for the slots that are shown). */
  valueOf(slot: number): string;
}
