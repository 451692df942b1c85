/**
 * CloudTrail writes eventTime as `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds). That form, with an
 * optional fraction of a second (some exports add one), is the only one read: Date.parse would
 * take `0001-01-01` for 1901, `0099-06-15` for 1999, `"12"` for 2001-12-01, and roll
 * `2025-02-30` over into March, so an event would be shown, ordered and counted at a time the log
 * never said. A time that is not a real instant in this form is no time at all, and its record is
 * malformed (see normalizeRecord), never silently moved.
 *
 * Only years CloudTrail can have written are accepted: it started in November 2013, and a year
 * from 2100 on is a planted one (it would also move "now", which relative filters count back
 * from). The range is fixed rather than taken from the clock: an investigation host's clock may
 * be wrong, and the same trail must read the same on every machine.
 *
 * Reading the form by hand is also several times faster than Date.parse, which matters once per
 * event of every load. The record scanner (wasm/event-time.ts) reads the whole-second form and
 * leaves its results outside this range to this path (see ScannedFileReader).
 */

/** The first and last instants accepted, in epoch ms: 2013-01-01 to the end of 2099 (UTC). */
export const EARLIEST_EVENT_TIME = Date.UTC(2013, 0, 1);
export const LATEST_EVENT_TIME = Date.UTC(2100, 0, 1) - 1;

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `ms` lies in the years CloudTrail can have written. */
export function isPlausibleEventTime(ms: number): boolean {
  return ms >= EARLIEST_EVENT_TIME && ms <= LATEST_EVENT_TIME;
}

/** Epoch ms of `YYYY-MM-DDTHH:MM:SS[.fraction]Z` naming a real instant in range; else NaN. */
export function parseEventTime(text: string): number {
  const length = text.length;
  if (
    length < 20 ||
    length > 30 ||
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 /* T */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(length - 1) !== 90 /* Z */
  )
    return Number.NaN;
  let ms = 0;
  if (length > 20) {
    // `.` and one to nine digits: milliseconds are kept, finer digits dropped (not rounded up
    // into the next second).
    if (text.charCodeAt(19) !== 46 /* . */ || length === 21) return Number.NaN;
    if (digits(text, 20, length - 21) < 0) return Number.NaN;
    ms = digits(text.slice(20, length - 1).padEnd(3, '0'), 0, 3);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return Number.NaN;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return isPlausibleEventTime(time) ? time : Number.NaN;
}

/** At most this much of a bad value is quoted back: it is the attacker's text. */
const QUOTED = 40;

/** Why a record's eventTime is not one (for the malformed record's reason); undefined if it is. */
export function eventTimeProblem(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return 'no eventTime';
  if (typeof value !== 'string') return `eventTime is a ${typeof value}, not a time`;
  if (!Number.isNaN(parseEventTime(value))) return undefined;
  const shown = JSON.stringify(value.length > QUOTED ? `${value.slice(0, QUOTED)}…` : value);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(value))
    return `eventTime ${shown} is not a CloudTrail time (YYYY-MM-DDTHH:MM:SSZ)`;
  const year = Number(value.slice(0, 4));
  if (year < 2013 || year > 2099)
    return `eventTime ${shown} is outside the years CloudTrail can have written (2013-2099)`;
  return `eventTime ${shown} is not a real time`;
}
