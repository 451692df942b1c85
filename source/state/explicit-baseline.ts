import type { BaselineOptions } from '../detect/baseline/types.js';
import { evidenceNow, type EventIndex, type IndexView } from '../index/index.js';
import { parseTime, UNIT_MS } from '../trail/query/time.js';

/**
 * What the analyst adds to what the trail teaches by itself: `--baseline-until T` (everything
 * before T is history) and `--baseline SOURCE` (an earlier export, loaded into an index of its
 * own, used only to learn: its events are never in the stream and never a finding's evidence).
 */
export interface ExplicitBaseline {
  until?: BaselineUntil;
  learnFrom?: LearnOnly;
}

/**
 * A time, or a span back from the trail's newest event (`7d`), resolved only when the detections
 * run: the trail is still loading when the options are read.
 */
export type BaselineUntil = { at: number } | { back: number };

export interface LearnOnly {
  /** Its own index (a snapshot of it goes to the detection thread). */
  index: EventIndex;
  /** Files that gave events, for "learned from 2 files". */
  files: number;
}

const RELATIVE = /^\d+[smhdw]$/i;

/** `2025-03-10T00:00Z` or `7d` (the query language's times); undefined when it is neither. */
export function parseBaselineUntil(text: string): BaselineUntil | undefined {
  const at = parseTime(text.trim(), 0);
  if (at === undefined) return undefined;
  return RELATIVE.test(text.trim()) ? { back: -at } : { at };
}

/** The text that parses back to `until`, as the case keeps it: ISO, or `7d`. */
export function baselineUntilText(until: BaselineUntil): string {
  if ('at' in until) return new Date(until.at).toISOString();
  const unit = ['d', 'h', 'm', 's'].find((name) => until.back % UNIT_MS[name]! === 0) ?? 's';
  return `${Math.round(until.back / UNIT_MS[unit]!)}${unit}`;
}

/**
 * What `detect()` takes, a relative until counted back from `now` (the evidence's now: the
 * trail's newest event, `--now`, or the clock under --live; see evidenceNow).
 */
export function baselineOptions(
  explicit: ExplicitBaseline | undefined,
  now: () => number,
): BaselineOptions | undefined {
  if (!explicit || (!explicit.until && !explicit.learnFrom)) return undefined;
  const until = untilAt(explicit.until, now);
  return {
    ...(until === undefined ? {} : { until }),
    ...(explicit.learnFrom ? { learnFrom: explicit.learnFrom.index } : {}),
  };
}

export function untilAt(until: BaselineUntil | undefined, now: () => number): number | undefined {
  if (until === undefined) return undefined;
  // Kept within what a Date can hold, however far back the span reaches.
  return 'at' in until ? until.at : Math.max(-8.64e15, now() - until.back);
}

/** The evidence's now for a trail read by a command: `--now`, the clock under --live, else its end. */
export function trailNow(
  trail: Pick<IndexView, 'order' | 'time'>,
  given: number | undefined,
  live: boolean,
): () => number {
  return () => evidenceNow(trail, { given, live, clock: Date.now }).at;
}

/** The explicit baseline as JSON output names it; undefined when there is none. */
export function baselineSummary(
  explicit: ExplicitBaseline | undefined,
  until: number | undefined,
): { files: number; events: number; until: string | null } | undefined {
  if (!explicit || (!explicit.until && !explicit.learnFrom)) return undefined;
  return {
    files: explicit.learnFrom?.files ?? 0,
    events: explicit.learnFrom?.index.size ?? 0,
    until: until === undefined ? null : new Date(until).toISOString(),
  };
}

const count = (n: number) => n.toLocaleString('en-US');
/** A day when the time is midnight (as usually given), else the minute. */
const when = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z')
    ? iso.slice(0, 10)
    : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
};

/**
 * "baseline: learned from 2 files, 41,203 events, until 2025-03-10": one line naming the
 * explicit baseline where findings are listed; undefined when there is none.
 */
export function describeBaseline(
  explicit: ExplicitBaseline | undefined,
  until: number | undefined,
): string | undefined {
  const learn = explicit?.learnFrom;
  const parts = [
    ...(learn ? [`learned from ${count(learn.files)} file${learn.files === 1 ? '' : 's'}`] : []),
    ...(learn ? [`${count(learn.index.size)} events`] : []),
    ...(until !== undefined && Number.isFinite(until) ? [`until ${when(until)}`] : []),
  ];
  return parts.length > 0 ? `baseline: ${parts.join(', ')}` : undefined;
}

/** `detect()`'s `baseline` option, spread in only when there is one. */
export function baselineField(options: BaselineOptions | undefined): {
  baseline?: BaselineOptions;
} {
  return options ? { baseline: options } : {};
}
