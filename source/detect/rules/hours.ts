import type { DetectionContext } from '../context.js';

/** A baseline needs this much history before "unusual" means anything. */
export const BASELINE_MIN_EVENTS = 30;
export const BASELINE_MIN_DAYS = 3;
/** An hour of the day is usual when it holds at least this share of the baseline's events. */
const USUAL_SHARE = 0.01;

const DAY_MS = 86_400_000;

export interface UsualHours {
  has(hour: number): boolean;
  /** "08–17 UTC", for a summary. */
  describe(): string;
}

function hourRanges(usual: boolean[]): string {
  const ranges: string[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if (!usual[hour] || (hour > 0 && usual[hour - 1])) continue;
    let end = hour;
    while (end + 1 < 24 && usual[end + 1]) end++;
    const pad = (value: number) => String(value).padStart(2, '0');
    ranges.push(end === hour ? pad(hour) : `${pad(hour)}–${pad(end)}`);
  }
  return `${ranges.join(', ')} UTC`;
}

/**
 * The UTC hours in which `rows` usually happen, widened by an hour each side (a meeting that ran
 * late is not an anomaly), or undefined when the rows are too few or span too few days.
 */
export function hoursOf(
  context: DetectionContext,
  rows: ArrayLike<number>,
): UsualHours | undefined {
  if (rows.length < BASELINE_MIN_EVENTS) return undefined;
  const counts = new Array<number>(24).fill(0);
  const daysPerHour = Array.from({ length: 24 }, () => new Set<number>());
  const days = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const time = context.time(rows[i]!);
    const hour = new Date(time).getUTCHours();
    const day = Math.floor(time / DAY_MS);
    counts[hour]!++;
    daysPerHour[hour]!.add(day);
    days.add(day);
  }
  if (days.size < BASELINE_MIN_DAYS) return undefined;
  // A habit repeats: an hour counts when it is busy on two days or more, so one night's burst
  // (the very thing being judged) cannot make its own hour look usual.
  const core = counts.map(
    (count, hour) => count >= rows.length * USUAL_SHARE && daysPerHour[hour]!.size >= 2,
  );
  const usual = core.map(
    (isCore, hour) => isCore || core[(hour + 23) % 24]! || core[(hour + 1) % 24]!,
  );
  if (usual.every(Boolean)) return { has: () => true, describe: () => 'all hours' };
  // No hour recurs: there is no habit, so no hour can be unusual ("usual hours  UTC" otherwise).
  if (!usual.some(Boolean)) return undefined;
  return { has: (hour) => usual[hour]!, describe: () => hourRanges(usual) };
}

const HUMAN_TYPES = new Set(['IAMUser', 'Root', 'IdentityCenterUser']);

/** The account's working hours, from what people (not machines) did. */
export function usualHours(context: DetectionContext, rows: Uint32Array): UsualHours | undefined {
  return hoursOf(
    context,
    context.rowsWhere('identityType', (type) => HUMAN_TYPES.has(type), rows),
  );
}
