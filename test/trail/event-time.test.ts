import { describe, expect, it } from 'vitest';
import { parseEventTime } from '../../source/trail/event-time.js';

describe('parseEventTime', () => {
  it('agrees with Date.parse on CloudTrail times and on every other shape', () => {
    const samples = [
      '2025-03-13T14:02:38Z',
      '2000-01-01T00:00:00Z',
      '2024-02-29T23:59:59Z',
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2024-04-31T10:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-12-01T24:00:00Z',
      '2024-12-01T10:60:00Z',
      '2024-12-01T10:00:00.123Z',
      '2024-12-01T10:00:00+02:00',
      '2024-12-01',
      'not-a-date',
      '20x4-12-01T10:00:00Z',
      '',
    ];
    for (const sample of samples)
      expect(parseEventTime(sample), sample).toEqual(Date.parse(sample));
  });

  it('reads the common shape exactly', () => {
    expect(parseEventTime('2025-03-13T14:02:38Z')).toBe(Date.UTC(2025, 2, 13, 14, 2, 38));
  });
});
