import { EventIndex } from '../../../source/index/index.js';
import { BatchBuilder } from '../../../source/trail/batch.js';
import { normalizeRecord } from '../../../source/trail/normalize.js';
import { makeRecord, type TestRecord } from '../../helpers/records.js';

let stream = 1000;

/** An index of hand-made records, built the way a parse worker and the index do it. */
export function indexOf(
  records: readonly TestRecord[],
  /** Positions whose rows get no time (NaN): a log cannot give one, but the index allows it. */
  untimed: readonly number[] = [],
): EventIndex {
  const builder = new BatchBuilder(stream++, 16);
  records.forEach((record, i) => {
    const result = normalizeRecord(record);
    if (!result.ok) throw new Error(result.reason);
    const fields = untimed.includes(i) ? { ...result.fields, time: Number.NaN } : result.fields;
    builder.add(fields, [String(record.eventID)], 0, i);
  });
  const index = new EventIndex();
  index.append(builder.take());
  return index;
}

const BASE = Date.parse('2024-03-01T08:00:00Z');

/** The eventTime `minutes` after 2024-03-01T08:00:00Z, as CloudTrail writes it. */
export function at(minutes: number): string {
  return new Date(BASE + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The epoch ms of `at(minutes)`. */
export function ms(minutes: number): number {
  return BASE + Math.round(minutes * 60) * 1000;
}

/** A record at `minutes`, with overrides. */
export function event(minutes: number, overrides: TestRecord = {}): TestRecord {
  return makeRecord({ eventTime: at(minutes), ...overrides });
}
