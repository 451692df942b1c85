import type { Dictionary } from '../dictionary.js';

/** Which dictionary ids a lookup matched: a 0/1 table by id, and how many. */
export interface ValueMatch {
  table: Uint8Array;
  matches: number;
}

/**
 * Marks the ids whose value passes `test`, over a per-id list of values (a dictionary's values or
 * their lowercased forms): one test per distinct value, never per row. Id 0 is the empty value,
 * which no lookup is about.
 */
export function markIds(values: readonly string[], test: (value: string) => boolean): ValueMatch {
  const table = new Uint8Array(values.length);
  let matches = 0;
  for (let id = 1; id < values.length; id++) {
    if (test(values[id]!)) {
      table[id] = 1;
      matches++;
    }
  }
  return { table, matches };
}

/** The value equal to `text`; failing that, the values equal to it ignoring case (maybe several). */
export function markExactThenCaseless(dictionary: Dictionary, text: string): ValueMatch {
  const exact = markIds(dictionary.values, (value) => value === text);
  if (exact.matches > 0) return exact;
  const lower = text.toLowerCase();
  return markIds(dictionary.lowercased(), (value) => value === lower);
}
