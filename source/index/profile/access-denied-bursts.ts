import type { EventIndex } from '../event-index.js';
import { classifyAccessDenied } from './event-kinds.js';
import type { SubjectRows } from './subject-rows.js';
import { valueCodes } from './value-codes.js';

/**
 * A burst is at least ACCESS_DENIED_BURST_MIN_EVENTS denials within
 * ACCESS_DENIED_BURST_WINDOW_MS. A person meets a denial now and then; a run of them in minutes
 * is someone (or a tool such as Pacu or enumerate-iam) trying what a credential is allowed to do.
 */
export const ACCESS_DENIED_BURST_MIN_EVENTS = 5;
export const ACCESS_DENIED_BURST_WINDOW_MS = 10 * 60_000;

export interface AccessDeniedBurst {
  first: number;
  last: number;
  count: number;
  /** The denied rows, in time order. */
  rows: number[];
}

/**
 * Denied calls grouped into bursts: every window of the given length holding enough denials
 * marks them, and overlapping windows join into one burst. Denials without a time are left out.
 */
export function accessDeniedBursts(
  index: EventIndex,
  subject: SubjectRows,
  minEvents = ACCESS_DENIED_BURST_MIN_EVENTS,
  windowMs = ACCESS_DENIED_BURST_WINDOW_MS,
): AccessDeniedBurst[] {
  const denied = valueCodes(index.dictionary('error'), classifyAccessDenied);
  const errors = index.column('error');
  const { rows, times } = subject;
  const positions: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (denied[errors[rows[i]!]!] === 1 && times[i] === times[i]) positions.push(i);
  }
  const bursts: AccessDeniedBurst[] = [];
  let start = -1;
  let end = -1;
  const close = () => {
    if (start < 0) return;
    const members = positions.slice(start, end + 1);
    bursts.push({
      first: times[members[0]!]!,
      last: times[members[members.length - 1]!]!,
      count: members.length,
      rows: members.map((position) => rows[position]!),
    });
  };
  // Two pointers: `reach` is the last denial within the window opened by denial `i`.
  let reach = 0;
  for (let i = 0; i < positions.length; i++) {
    if (reach < i) reach = i;
    const opened = times[positions[i]!]!;
    while (reach + 1 < positions.length && times[positions[reach + 1]!]! - opened <= windowMs)
      reach++;
    if (reach - i + 1 < minEvents) continue;
    if (start >= 0 && i <= end) end = Math.max(end, reach);
    else {
      close();
      start = i;
      end = reach;
    }
  }
  close();
  return bursts;
}
