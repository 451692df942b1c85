/**
 * "Now" for an investigation. A trail read from files is a record of the past: "the last hour"
 * means the last hour of the evidence, not of the analyst's clock (a year-old trail read today
 * would show nothing "recent" and suggest AWS CLI windows long after it ends). So now is the
 * newest event loaded; only a live read (or follow mode) is about the present and uses the
 * clock; a time the analyst gives (`--now`) overrides both.
 */
import type { IndexView } from './index-view.js';

/** Where now came from: given (--now), the clock (live), the trail's end, or the clock because no event is loaded yet. */
export type NowBasis = 'given' | 'clock' | 'trail' | 'empty';

export interface EvidenceNow {
  at: number;
  basis: NowBasis;
}

export interface NowOptions {
  /** `--now T`, epoch ms. */
  given?: number | undefined;
  /** A live read or follow mode: now is the clock. */
  live?: boolean;
  clock: () => number;
}

/**
 * An event later than the clock by more than this is not taken as the trail's end: the log
 * is written by whoever controls the account, and one forged record dated 2099 must not make
 * every "last hour" empty. A day leaves room for a machine whose clock is off.
 */
const FUTURE_SLACK_MS = 86_400_000;

export function evidenceNow(
  index: Pick<IndexView, 'order' | 'time'>,
  options: NowOptions,
): EvidenceNow {
  if (options.given !== undefined) return { at: options.given, basis: 'given' };
  const clock = options.clock();
  if (options.live) return { at: clock, basis: 'clock' };
  const end = trailEnd(index, clock + FUTURE_SLACK_MS);
  return end === undefined ? { at: clock, basis: 'empty' } : { at: end, basis: 'trail' };
}

/**
 * The newest event time not later than `notAfter` (or, when every event is later, the newest
 * of all: then the clock is the thing that is wrong); undefined when no event has a time.
 */
export function trailEnd(
  index: Pick<IndexView, 'order' | 'time'>,
  notAfter = Infinity,
): number | undefined {
  const order = index.order();
  // Rows are in time order with unknown times (NaN) first: binary search for the last one
  // not after the bound, treating NaN as earliest.
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (index.time(order[middle]!) > notAfter) high = middle;
    else low = middle + 1;
  }
  for (let at = low - 1; at >= 0; at--) {
    const time = index.time(order[at]!);
    if (Number.isFinite(time)) return time;
  }
  if (low === order.length) return undefined;
  const newest = index.time(order[order.length - 1]!);
  return Number.isFinite(newest) ? newest : undefined;
}

/** "trail ends 2025-03-14 23:47 UTC": what the status bar says about now. */
export function describeNow(now: EvidenceNow): string {
  const minute = `${new Date(now.at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  switch (now.basis) {
    case 'trail':
      return `trail ends ${minute}`;
    case 'given':
      return `now ${minute} (--now)`;
    case 'empty':
      return 'no events yet: now is the clock';
    case 'clock':
      return 'now is the clock';
  }
}
