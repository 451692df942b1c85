/**
 * Times for the demo case. Everything happens in March 2025 UTC; Date is used only to format
 * fixed instants, never to read the clock.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** The case covers Monday 10 to Friday 14 March 2025. */
export const FIRST_DAY = 10;
export const LAST_DAY = 14;

/** Epoch milliseconds of a UTC instant on a day of March 2025. */
export function utc(day: number, hour: number, minute = 0, second = 0): number {
  return Date.UTC(2025, 2, day, hour, minute, second);
}

/** CloudTrail's eventTime form: ISO 8601 to the second, no fraction. */
export function isoSeconds(time: number): string {
  // Cut rather than matched: the benign bench formats a million of these.
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** IAM and STS write dates inside responseElements as "Mar 13, 2025, 2:24:09 PM". */
export function awsDisplayDate(time: number): string {
  const d = new Date(time);
  const hour = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const half = d.getUTCHours() < 12 ? 'AM' : 'PM';
  const month = MONTHS[d.getUTCMonth()] ?? '';
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hour}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${half}`;
}

/** Lambda's lastModified form: "2025-03-13T14:40:12.345+0000". */
export function lambdaDate(time: number): string {
  return new Date(time).toISOString().replace('Z', '+0000');
}
