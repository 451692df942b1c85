import type { DetectionContext } from '../context.js';

/**
 * Splits time-ordered rows into runs where no two neighbours are more than `gapMs` apart: a
 * burst of calls is one run, however long it lasts, and is reported once.
 */
export function runsOf(
  context: DetectionContext,
  rows: ArrayLike<number>,
  gapMs: number,
): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const time = context.time(row);
    if (time - previous > gapMs && current.length > 0) {
      runs.push(current);
      current = [];
    }
    current.push(row);
    previous = time;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** How many distinct values of a field a list of rows holds. */
export function distinctCount(
  context: DetectionContext,
  rows: readonly number[],
  field: 'eventName' | 'resources' | 'sourceIp',
): number {
  const seen = new Set<number>();
  for (const row of rows) seen.add(context.id(row, field));
  return seen.size;
}

/** "in 16 s" / "in 4 min" / "in 2.5 h", for summaries of bursts. */
export function duration(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
