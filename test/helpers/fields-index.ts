import { EventIndex } from '../../source/index/index.js';
import { BatchBuilder } from '../../source/trail/batch.js';
import { TEXT_FIELDS, type EventFields } from '../../source/trail/event.js';

/** One event as a unit test writes it: a time and the fields it cares about. */
export type FieldsRow = Partial<Omit<EventFields, 'time'>> & { time: string | number };

/** An index built in-process from normalized fields: no files, no parsing, milliseconds. */
export function indexOfFields(rows: readonly FieldsRow[]): EventIndex {
  const builder = new BatchBuilder(0);
  rows.forEach((row, i) => {
    const fields = Object.fromEntries(
      TEXT_FIELDS.map((field) => [field, '']),
    ) as unknown as EventFields;
    Object.assign(fields, row, {
      eventId: row.eventId ?? `event-${i}`,
      time: typeof row.time === 'number' ? row.time : Date.parse(row.time),
    });
    builder.add(fields, [fields.eventId], 0, i);
  });
  const index = new EventIndex();
  index.append(builder.take());
  return index;
}
