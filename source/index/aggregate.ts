import type { TextField } from '../trail/event.js';
import type { EventIndex } from './event-index.js';
import type { IndexView } from './index-view.js';

export interface ValueCount {
  value: string;
  count: number;
}

/** The most frequent non-empty values of a field among `rows`, counted by dictionary id. */
export function topValues(
  index: IndexView,
  field: TextField,
  rows: Uint32Array,
  limit: number,
): ValueCount[] {
  const dictionary = index.dictionary(field);
  const column = index.column(field);
  const counts = new Uint32Array(dictionary.size);
  for (let i = 0; i < rows.length; i++) counts[column[rows[i]!]!]!++;
  const ids: number[] = [];
  for (let id = 1; id < counts.length; id++) if (counts[id]! > 0) ids.push(id);
  ids.sort(
    (a, b) => counts[b]! - counts[a]! || (dictionary.value(a) < dictionary.value(b) ? -1 : 1),
  );
  return ids.slice(0, limit).map((id) => ({ value: dictionary.value(id), count: counts[id]! }));
}

/** First and last event time among time-ordered rows, or undefined when there are none. */
export function timeSpan(
  index: EventIndex,
  ordered: Uint32Array,
): { first: number; last: number } | undefined {
  if (ordered.length === 0) return undefined;
  return { first: index.time(ordered[0]!), last: index.time(ordered[ordered.length - 1]!) };
}
