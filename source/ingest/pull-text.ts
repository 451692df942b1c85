/**
 * A pull's progress in words, for the CLI's stderr and the TUI's status line alike: prefixes,
 * objects, bytes, events, rate and time left. Pure: the caller says what time it is.
 */
import type { PullProgress } from './s3/types.js';

const number = new Intl.NumberFormat('en-US');

/** Decimal units, as `--cache-max` reads them. */
export function bytesShort(bytes: number): string {
  for (const [unit, size] of [
    ['TB', 1e12],
    ['GB', 1e9],
    ['MB', 1e6],
    ['KB', 1e3],
  ] as const)
    if (bytes >= size) return `${(bytes / size).toFixed(1)} ${unit}`;
  return `${bytes} B`;
}

/** `4m12s`, `1h03m`, `9s`. */
export function durationShort(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Several pulls as one: the sums, started at the first's start, done when all are. */
export function combined(progresses: readonly PullProgress[]): PullProgress | undefined {
  if (progresses.length <= 1) return progresses[0];
  const sum = (pick: (p: PullProgress) => number) =>
    progresses.reduce((total, p) => total + pick(p), 0);
  return {
    prefixes: sum((p) => p.prefixes),
    objectsTotal: sum((p) => p.objectsTotal),
    objectsDone: sum((p) => p.objectsDone),
    bytesTotal: sum((p) => p.bytesTotal),
    bytesDone: sum((p) => p.bytesDone),
    fromCache: sum((p) => p.fromCache),
    retries: sum((p) => p.retries),
    slowDowns: sum((p) => p.slowDowns),
    inFlight: sum((p) => p.inFlight),
    startedAt: Math.min(...progresses.map((p) => p.startedAt)),
    done: progresses.every((p) => p.done),
  };
}

/** Bytes a second so far, and the time left at that rate (undefined until it can be told). */
export function pace(
  progress: PullProgress,
  now: number,
): { rate: number | undefined; left: number | undefined } {
  const elapsed = (now - progress.startedAt) / 1000;
  if (elapsed < 0.5 || progress.bytesDone <= 0) return { rate: undefined, left: undefined };
  const rate = progress.bytesDone / elapsed;
  const left = ((progress.bytesTotal - progress.bytesDone) / rate) * 1000;
  return { rate, left: Number.isFinite(left) ? Math.max(0, left) : undefined };
}

/**
 * The parts of a progress line, most telling first (a narrow line cuts the end):
 * `1,204/52,310 objects · 120 MB/6.1 GB · 3.2 MB/s · ETA 4m12s · 40,210 events · 412 prefixes`
 * (without the events when they are shown elsewhere: undefined).
 */
export function pullParts(
  progress: PullProgress,
  events: number | undefined,
  now: number,
): string[] {
  const { rate, left } = pace(progress, now);
  const slow = progress.slowDowns > 0 ? [`${number.format(progress.slowDowns)} SlowDown`] : [];
  return [
    `${number.format(progress.objectsDone)}/${number.format(progress.objectsTotal)} objects`,
    `${bytesShort(progress.bytesDone)}/${bytesShort(progress.bytesTotal)}`,
    ...(rate === undefined ? [] : [`${bytesShort(rate)}/s`]),
    ...(left === undefined || progress.done ? [] : [`ETA ${durationShort(left)}`]),
    ...(events === undefined ? [] : [`${number.format(events)} events`]),
    ...slow,
    `${number.format(progress.prefixes)} prefixes`,
  ];
}

/** The closing line: what came, from where, how long it took. */
export function pullSummary(progress: PullProgress, events: number, now: number): string {
  const cached =
    progress.fromCache > 0 ? ` (${number.format(progress.fromCache)} from the cache)` : '';
  const retried =
    progress.retries > 0
      ? `, ${number.format(progress.retries)} retried${progress.slowDowns > 0 ? ` (${number.format(progress.slowDowns)} SlowDown)` : ''}`
      : '';
  const short =
    progress.objectsDone < progress.objectsTotal
      ? ` of ${number.format(progress.objectsTotal)}`
      : '';
  return `${number.format(progress.objectsDone)}${short} objects${cached}, ${bytesShort(progress.bytesDone)}, ${number.format(events)} events in ${durationShort(now - progress.startedAt)}${retried}`;
}
