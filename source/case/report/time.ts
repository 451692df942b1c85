/** Times in a report: ISO UTC in the data, `YYYY-MM-DD HH:MM:SS` on the page, durations in words. */

/** Epoch milliseconds of an ISO time, NaN when it is missing or not a time. */
export function epoch(iso: string): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/** Unknown times first (they cannot be placed), then oldest first. */
export function compareTimes(a: string, b: string): number {
  const left = epoch(a);
  const right = epoch(b);
  if (Number.isNaN(left) || Number.isNaN(right))
    return Number.isNaN(left) ? (Number.isNaN(right) ? 0 : -1) : 1;
  return left - right;
}

/** The earliest of some ISO times (unparseable ones ignored), or undefined. */
export function earliest(times: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const time of times)
    if (!Number.isNaN(epoch(time)) && (best === undefined || epoch(time) < epoch(best)))
      best = time;
  return best;
}

export function latest(times: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const time of times)
    if (!Number.isNaN(epoch(time)) && (best === undefined || epoch(time) > epoch(best)))
      best = time;
  return best;
}

/** ISO as it is normalised for the data (`2024-03-01T10:00:00.000Z`), or the text unchanged. */
export function isoOrText(text: string): string {
  const time = epoch(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}

/**
 * A time as people read it in a table whose header says UTC. Text that is not a time is shown
 * as it is (escaped by the renderer like any other value).
 */
export function displayTime(iso: string): string {
  const time = epoch(iso);
  if (Number.isNaN(time)) return iso;
  const text = new Date(time).toISOString();
  const millis = text.slice(20, 23);
  return `${text.slice(0, 10)} ${text.slice(11, 19)}${millis === '000' ? '' : `.${millis}`}`;
}

export interface Duration {
  milliseconds: number;
  /** `3 d 4 h`, `2 h 05 min`, `12 min`, `under a minute`. */
  text: string;
}

/** From one time to another; undefined when either is unknown or the order is backwards. */
export function durationBetween(
  from: string | undefined,
  to: string | undefined,
): Duration | undefined {
  if (from === undefined || to === undefined) return undefined;
  const milliseconds = epoch(to) - epoch(from);
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return undefined;
  return { milliseconds, text: durationText(milliseconds) };
}

export function durationText(milliseconds: number): string {
  const minutes = Math.floor(milliseconds / 60_000);
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return `${hours} h ${String(rest).padStart(2, '0')} min`;
  return `${rest} min`;
}
