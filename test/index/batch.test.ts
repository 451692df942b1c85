import { describe, expect, it } from 'vitest';
import { EventIndex } from '../../source/index/index.js';
import { BatchBuilder } from '../../source/trail/batch.js';
import { TEXT_FIELDS, type EventFields } from '../../source/trail/event.js';

let stream = 1000;

function fieldsFor(i: number): EventFields {
  // Every field distinct per row and tagged with its own name, so a value landing in the wrong
  // column, or a stale guess, shows.
  const fields = {
    eventId: `id-${i}`,
    time: Date.parse('2025-01-01T00:00:00Z') + i * 1000,
  } as EventFields;
  for (const field of TEXT_FIELDS) fields[field] = i % 3 === 0 ? '' : `${field}-${i % 7}`;
  // Addresses take their own way in: canonical quads, other spellings, names.
  const addresses = [
    '10.0.0.1',
    '010.0.0.1',
    '255.255.255.255',
    'AWS Internal',
    '2001:db8::1',
    '10.0.0.2',
  ];
  fields.sourceIp = addresses[i % addresses.length]!;
  return fields;
}

describe('BatchBuilder', () => {
  it('puts every field in its own column, whatever the guesses, across batches', () => {
    const builder = new BatchBuilder(stream++, 4);
    const index = new EventIndex();
    const expected: EventFields[] = [];
    for (let i = 0; i < 200; i++) {
      const fields = fieldsFor(i);
      // The same principal ARN with different agents and addresses: guesses must be checked.
      if (i % 5 === 0) fields.principalArn = 'arn:aws:iam::1:user/same';
      // The same API name from different services (and the same service under other names).
      if (i % 4 === 0) fields.eventName = 'GetObject';
      builder.add(fields, [fields.eventId], 0, i);
      expected.push(fields);
      if (i % 37 === 0) index.append(builder.take());
    }
    index.append(builder.take());
    expect(index.size).toBe(200);
    const order = index.order();
    order.forEach((row, position) => {
      const want = expected[position]!;
      for (const field of TEXT_FIELDS)
        expect(index.value(row, field), `${field} of row ${position}`).toBe(want[field]);
    });
  });
});
