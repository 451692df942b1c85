import type { TextField } from '../../trail/event.js';
import type { EventIndex } from '../event-index.js';
import { sortRowsByTime } from '../time-order.js';

/**
 * The rows a profile aggregates, in time order, with what every tally needs per row read once:
 * its time and whether it failed. Positions in `times` / `failed` follow `rows`.
 */
export interface SubjectRows {
  rows: Uint32Array;
  times: Float64Array;
  /** 1 when the row has an error, else 0 (added straight into error counts). */
  failed: Uint8Array;
}

/** A 0/1 table by dictionary id: which values of a column select a row. */
export interface ValueSelection {
  field: TextField;
  table: Uint8Array;
}

/**
 * Rows whose `selection` value is marked (and, when given, whose `also` value is marked too), in
 * time order. One sequential pass over the column, then a sort of the matches only: cheaper than
 * walking the whole time order, whose row lookups jump around the column.
 */
export function selectRows(
  index: EventIndex,
  selection: ValueSelection,
  also?: ValueSelection,
): Uint32Array {
  const size = index.size;
  const column = index.column(selection.field);
  const table = selection.table;
  let matched = new Uint32Array(64);
  let count = 0;
  for (let row = 0; row < size; row++) {
    if (table[column[row]!] !== 1) continue;
    if (count === matched.length) {
      const grown = new Uint32Array(Math.min(size, count * 4));
      grown.set(matched);
      matched = grown;
    }
    matched[count++] = row;
  }
  let rows: Uint32Array = matched.subarray(0, count);
  if (also) rows = keepMarked(index, rows, also);
  return inTimeOrder(rows.slice(), index.times);
}

/**
 * The index orders rows by (second, row): ascending rows sorted stably by second give the same
 * order. Logs mostly arrive in order, so the common case is a check, not a sort.
 */
function inTimeOrder(rows: Uint32Array, times: Float64Array): Uint32Array {
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows.length; i++) {
    const time = times[rows[i]!]!;
    // NaN fails the test too: unknown times sort first, which the sort handles.
    if (!(time >= previous)) return sortRowsByTime(rows, times);
    previous = time;
  }
  return rows;
}

function keepMarked(index: EventIndex, rows: Uint32Array, selection: ValueSelection): Uint32Array {
  const column = index.column(selection.field);
  let kept = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (selection.table[column[row]!] === 1) rows[kept++] = row;
  }
  return rows.subarray(0, kept);
}

export function subjectRows(index: EventIndex, rows: Uint32Array): SubjectRows {
  const times = new Float64Array(rows.length);
  const failed = new Uint8Array(rows.length);
  const time = index.times;
  const errors = index.column('error');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    times[i] = time[row]!;
    failed[i] = errors[row] === 0 ? 0 : 1;
  }
  return { rows, times, failed };
}
