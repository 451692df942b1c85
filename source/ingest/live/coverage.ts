/**
 * Time ranges already read, as sorted, disjoint, inclusive [from, to] intervals (epoch ms), and
 * what is left to read of a wanted range. A read that stops part way (cancelled, failed) still
 * covers from the oldest event it saw to its end, since pages come newest first.
 */
export type Interval = readonly [from: number, to: number];

export function addInterval(covered: readonly Interval[], added: Interval): Interval[] {
  const all = [...covered, added].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of all) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/**
 * The parts of [from, to] not yet covered, newest first (the order an analyst wants them in).
 * Gaps keep the covered edges inside them: events sharing a second with an edge may straddle it,
 * and the reader drops the ones it already has by eventID.
 */
export function gaps(wanted: Interval, covered: readonly Interval[]): Interval[] {
  const [from, to] = wanted;
  const found: Interval[] = [];
  let cursor = from;
  for (const [start, end] of covered) {
    if (end < cursor || start > to) continue;
    if (start > cursor) found.push([cursor, start]);
    cursor = Math.max(cursor, end);
  }
  if (cursor < to) found.push([cursor, to]);
  return found.reverse();
}
