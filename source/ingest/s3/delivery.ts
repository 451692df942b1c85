/**
 * Time in CloudTrail's key layout: the day folders a window needs, and the delivery time in an
 * object's name, which is what lets the planner trim a window's edges without opening anything.
 *
 * CloudTrail names each object `ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_xxxx.json.gz` and files it
 * under the folder of that same UTC day; the time is when the object was delivered, which is
 * after every record in it (records reach S3 ~5 minutes after they happen, up to ~15). So:
 *
 * - An object delivered before `since` holds only records from before `since`: dropped. This
 *   edge is exact; it needs no assumption about the delay.
 * - An object delivered after `until` may still hold records from just before `until` (they took
 *   a few minutes to arrive): kept while its delivery time is ≤ until + DELIVERY_DELAY_BOUND_MS.
 *   This edge leans on the bound; a record delivered later than that after its own time is missed
 *   at the window's end, which is the price of not reading the whole next day.
 * - The folders listed therefore run from since's day to the day of until + the bound: when
 *   `until` is within the bound of midnight, the next day's folder is listed too.
 *
 * Kept objects at the edges also hold records just outside the window (before `since` in the
 * first ones, after `until` in the last); filtering records by time is the reader's affair.
 */

const MINUTE = 60_000;
export const DAY_MS = 24 * 60 * MINUTE;

/**
 * How late CloudTrail delivers a record at most, as the planner assumes it. AWS documents "about
 * 5 minutes on average, not guaranteed"; 15 minutes is the usual bound (and the issue's). A wider
 * bound would cost only a few more objects per account and region at the window's end.
 */
export const DELIVERY_DELAY_BOUND_MS = 15 * MINUTE;

const DELIVERY = /_CloudTrail_[a-z0-9-]+_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[^/]*$/;

/** The delivery time (epoch ms) in a CloudTrail object's key, or undefined when it has none. */
export function deliveryTimeOf(key: string): number | undefined {
  const match = DELIVERY.exec(key);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 31 February over into March: a name that is not a real date has no time.
  return new Date(time).getUTCDate() === day ? time : undefined;
}

/** Whether an object delivered at `deliveredAt` can hold records in [since, until]. */
export function deliveredInWindow(
  deliveredAt: number,
  window: { since: number; until: number },
): boolean {
  return deliveredAt >= window.since && deliveredAt <= window.until + DELIVERY_DELAY_BOUND_MS;
}

/** `YYYY/MM/DD` of an epoch ms (UTC). */
export function dayFolder(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replace(/-/g, '/');
}

/** Days as whole UTC day numbers (epoch ms / DAY_MS), both ends inclusive. */
export interface DayRange {
  first: number;
  last: number;
}

/**
 * The day folders the window needs: since's day to the day of until + the bound, no further than
 * the day of `now` + the bound (nothing is delivered in the future), and inside `pin` (the date a
 * prefix already points at) when given. Empty (first > last) for an empty or inverted window.
 */
export function dayRange(
  window: { since: number; until: number },
  now: number,
  pin?: DayRange,
): DayRange {
  let first = Math.floor(window.since / DAY_MS);
  let last = Math.floor((Math.min(window.until, now) + DELIVERY_DELAY_BOUND_MS) / DAY_MS);
  if (pin) {
    first = Math.max(first, pin.first);
    last = Math.min(last, pin.last);
  }
  return { first, last };
}

export function dayCount(range: DayRange): number {
  return Math.max(0, range.last - range.first + 1);
}

/** The range's `YYYY/MM/DD` folders, oldest first. */
export function dayFolders(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = range.first; day <= range.last; day++) days.push(dayFolder(day * DAY_MS));
  return days;
}

/**
 * The days a prefix's date folders (`YYYY`, `YYYY/MM` or `YYYY/MM/DD`) cover, or undefined when
 * they are not a date.
 */
export function pinnedDays(parts: readonly string[]): DayRange | undefined {
  const [year, month, day] = parts.map(Number);
  if (year === undefined || !/^\d{4}$/.test(parts[0] ?? '')) return undefined;
  if (parts.length >= 2 && (!/^\d{2}$/.test(parts[1] ?? '') || month! < 1 || month! > 12))
    return undefined;
  if (parts.length === 3 && (!/^\d{2}$/.test(parts[2] ?? '') || day! < 1 || day! > 31))
    return undefined;
  const start = Date.UTC(year, (month ?? 1) - 1, day ?? 1);
  if (parts.length === 3 && new Date(start).getUTCDate() !== day) return undefined;
  const end =
    parts.length === 1
      ? Date.UTC(year + 1, 0, 1)
      : parts.length === 2
        ? Date.UTC(year, month!, 1)
        : start + DAY_MS;
  return { first: start / DAY_MS, last: end / DAY_MS - 1 };
}

/** One listing of a region's folder: a whole month (`YYYY/MM/`) or one day (`YYYY/MM/DD/`). */
export interface FolderSpan {
  folder: string;
  /** The `YYYY/MM/DD` days it covers. */
  days: string[];
  /** Whether it is a month, its keys then `DD/name` below the folder. */
  month: boolean;
}

/**
 * The listings that cover a day range: a month the range covers whole is one listing of the
 * month folder, the other days one listing each. A month of one region is ~8,640 objects (one
 * every 5 minutes), 9 pages where its days would be 30 listings, and a quiet region's month one
 * page instead of 30; the edges of a window stay day listings, so a one-day window lists one day.
 */
export function folderSpans(range: DayRange): FolderSpan[] {
  const spans: FolderSpan[] = [];
  let day = range.first;
  while (day <= range.last) {
    const start = new Date(day * DAY_MS);
    const monthStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1) / DAY_MS;
    const monthEnd = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) / DAY_MS - 1;
    if (day === monthStart && monthEnd <= range.last) {
      const days = dayFolders({ first: monthStart, last: monthEnd });
      spans.push({ folder: `${days[0]!.slice(0, 7)}/`, days, month: true });
      day = monthEnd + 1;
    } else {
      const folder = dayFolder(day * DAY_MS);
      spans.push({ folder: `${folder}/`, days: [folder], month: false });
      day++;
    }
  }
  return spans;
}
