import type { IndexView } from '../../index/index.js';
import type { TextField } from '../../trail/event.js';

/**
 * When one account first saw each text of one column (by raw dictionary id; Infinity never),
 * kept per index and grown with it: rows are only appended, so a later call reads only the
 * rows that arrived since. A profile then asks "who in the account used this before?" with one
 * read per distinct text instead of a pass over every row per opening.
 */
interface Firsts {
  first: Float64Array;
  rows: number;
}

const tables = new WeakMap<IndexView, Map<string, Firsts>>();

export function accountFirsts(index: IndexView, field: TextField, account: number): Float64Array {
  let byKey = tables.get(index);
  if (!byKey) tables.set(index, (byKey = new Map()));
  const key = `${field}\u0000${account}`;
  let table = byKey.get(key);
  if (!table) byKey.set(key, (table = { first: new Float64Array(0), rows: 0 }));
  const size = index.dictionary(field).values.length;
  if (table.first.length < size) {
    const grown = new Float64Array(size).fill(Infinity);
    grown.set(table.first);
    table.first = grown;
  }
  const end = index.size;
  if (table.rows < end) {
    const first = table.first;
    const column = index.column(field);
    const accounts = index.column('account');
    const times = index.times;
    for (let row = table.rows; row < end; row++) {
      if (accounts[row] !== account) continue;
      const time = times[row]!;
      const raw = column[row]!;
      if (time < first[raw]!) first[raw] = time;
    }
    table.rows = end;
  }
  return table.first;
}
