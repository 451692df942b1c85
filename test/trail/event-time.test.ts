import { describe, expect, it } from 'vitest';
import { eventTimeProblem, parseEventTime } from '../../source/trail/event-time.js';
import { normalizeRecord } from '../../source/trail/normalize.js';

describe('parseEventTime', () => {
  it("agrees with Date.parse on every real time in CloudTrail's form", () => {
    const samples = [
      '2025-03-13T14:02:38Z',
      '2013-01-01T00:00:00Z',
      '2024-02-29T23:59:59Z',
      '2000-02-29T12:00:00Z'.replace('2000', '2096'),
      '2099-12-31T23:59:59Z',
      '2024-12-01T10:00:00.123Z',
      '2024-12-01T10:00:00.1Z',
    ];
    for (const sample of samples) expect(parseEventTime(sample), sample).toBe(Date.parse(sample));
    expect(parseEventTime('2025-03-13T14:02:38Z')).toBe(Date.UTC(2025, 2, 13, 14, 2, 38));
    // Finer than milliseconds: cut, never rounded into the next second.
    expect(parseEventTime('2024-12-01T10:00:59.999999999Z')).toBe(
      Date.UTC(2024, 11, 1, 10, 0, 59, 999),
    );
  });

  it('never moves a time: what Date.parse would shift to another day or century is no time', () => {
    // Each of these Date.parse reads as some other instant (or the form is not CloudTrail's).
    const moved = {
      '0001-01-01T00:00:00Z': '1901 in Date.UTC',
      '0099-06-15T00:00:00Z': '1999 in Date.UTC',
      '2025-02-30T00:00:00Z': 'March 2 in Date.parse',
      '2023-02-29T00:00:00Z': 'not a leap year',
      '2024-04-31T10:00:00Z': 'April has 30 days',
      '2100-02-29T00:00:00Z': '2100 is not a leap year, and out of range',
      '12': '2001-12-01 in Date.parse',
      '2024-12-01': 'a date, no time',
      '2024-12-01T10:00:00+02:00': 'an offset: CloudTrail writes UTC',
      '2024-12-01T10:00:00.Z': 'an empty fraction',
      '2024-12-01T24:00:00Z': 'hour 24',
      '2024-12-01T10:60:00Z': 'minute 60',
      '2024-12-01T10:00:60Z': 'a leap second CloudTrail never writes',
      '2024-13-01T00:00:00Z': 'month 13',
      '+275760-09-13T00:00:00Z': "Date's last day",
      '2012-12-31T23:59:59Z': 'before CloudTrail',
      '2150-01-01T00:00:00Z': 'a planted future',
      '20x4-12-01T10:00:00Z': 'not digits',
      ' 2024-12-01T10:00:00Z': 'a leading space',
      '': 'empty',
    };
    for (const [sample, why] of Object.entries(moved))
      expect(parseEventTime(sample), `${sample}: ${why}`).toBeNaN();
  });

  it('a record with no time, or no real one, is malformed and says why', () => {
    const reason = (eventTime: unknown) => {
      const result = normalizeRecord({ eventName: 'GetObject', eventTime });
      return result.ok ? 'kept' : result.reason;
    };
    expect(reason('2025-02-30T00:00:00Z')).toBe(
      'eventTime "2025-02-30T00:00:00Z" is not a real time',
    );
    expect(reason('0001-01-01T00:00:00Z')).toBe(
      'eventTime "0001-01-01T00:00:00Z" is outside the years CloudTrail can have written (2013-2099)',
    );
    expect(reason('12')).toBe('eventTime "12" is not a CloudTrail time (YYYY-MM-DDTHH:MM:SSZ)');
    expect(reason(1700000000)).toBe('eventTime is a number, not a time');
    expect(reason(undefined)).toBe('no eventTime');
    expect(normalizeRecord({ eventName: 'NoTime' })).toEqual({ ok: false, reason: 'no eventTime' });
    // The attacker's text is quoted back cut short.
    expect(eventTimeProblem(`2025${'x'.repeat(10_000)}`)!.length).toBeLessThan(120);
    expect(reason('2025-03-13T14:02:38Z')).toBe('kept');
  });
});
