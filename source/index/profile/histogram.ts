import type { EventIndex } from '../event-index.js';
import type { Histogram } from './types.js';

interface Span {
  version: number;
  first: number;
  last: number;
}

/** Remembered per index until it changes: every profile draws against the same span. */
const spans = new WeakMap<EventIndex, Span>();

/** The first and last known event time of the whole index (NaN when no event has a time). */
export function loadedSpan(index: EventIndex): { first: number; last: number } {
  const known = spans.get(index);
  if (known && known.version === index.version) return known;
  // A linear pass rather than the time order: building the order would sort what it need not.
  const times = index.times;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < index.size; row++) {
    const time = times[row]!;
    if (time < first) first = time;
    if (time > last) last = time;
  }
  const span =
    first <= last
      ? { version: index.version, first, last }
      : { version: index.version, first: Number.NaN, last: Number.NaN };
  spans.set(index, span);
  return span;
}

/**
 * Counts of `times` in `buckets` equal slices of the loaded span; unknown times are left out.
 * When the span is a single instant every timed event falls in the first slice.
 */
export function histogram(index: EventIndex, times: Float64Array, buckets: number): Histogram {
  const { first, last } = loadedSpan(index);
  const counts = new Array<number>(buckets).fill(0);
  if (buckets === 0 || first !== first) return { first, last, counts };
  const width = (last - first) / buckets;
  for (let i = 0; i < times.length; i++) {
    const time = times[i]!;
    if (time !== time) continue;
    const slice = width > 0 ? Math.floor((time - first) / width) : 0;
    counts[Math.min(Math.max(slice, 0), buckets - 1)]!++;
  }
  return { first, last, counts };
}
