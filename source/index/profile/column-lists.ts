import type { TextField } from '../../trail/event.js';
import type { EventIndex } from '../event-index.js';
import { rankStats, type RankedList } from './rank.js';
import type { SubjectRows } from './subject-rows.js';
import type { ValueStat } from './types.js';
import { ValueTally } from './value-tally.js';

/** The subject's values of one column, ranked and capped. */
export function columnList(
  index: EventIndex,
  field: TextField,
  subject: SubjectRows,
  limit: number,
): RankedList<ValueStat> {
  const tally = new ValueTally(index.dictionary(field), subject.rows.length);
  return rankStats(tally.addColumn(index.column(field), subject), limit);
}

/** Totals of a subject: its events, failures, and first / last known time. */
export interface Activity {
  events: number;
  errors: number;
  first: number;
  last: number;
}

export function activityOf(subject: SubjectRows): Activity {
  const { times, failed } = subject;
  let errors = 0;
  let first = Number.NaN;
  for (let i = 0; i < failed.length; i++) {
    errors += failed[i]!;
    // Rows are in time order with unknown times first: the first known time is the earliest.
    if (first !== first) first = times[i]!;
  }
  const last = times.length > 0 ? times[times.length - 1]! : Number.NaN;
  return { events: times.length, errors, first, last };
}
