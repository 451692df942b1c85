/**
 * Runs of like events on the timeline, so a real trail reads as a story and not as three hundred
 * rows of one enumeration burst. A run is consecutive events of one principal from one address,
 * each within RUN_GAP_MS of the one before, that a finding cites alike (the same titles) or that
 * are the same kind of call (same verb: List…, Describe…) cited alike. Pinned or annotated events
 * always stand alone: the analyst singled them out. The documents for reading (Markdown, text)
 * show a run as one row; JSON and HTML keep every event.
 */
import type { TimelineEntry } from './timeline.js';

/** Events further apart than this are two moments, not one burst. */
export const RUN_GAP_MS = 10 * 60_000;
/** Fewer like events than this read better one by one. */
export const RUN_MIN = 4;
/**
 * A run of different calls that one finding cites (a burst of AccessDenied) needs more: a short
 * mix is a story (ListBuckets, ListObjects, GetObject) whose every step should be read.
 */
export const MIXED_RUN_MIN = 8;

export interface TimelineRun {
  entries: TimelineEntry[];
}

/** `ListUsers` → `List`, `GetObject` → `Get`, `describe_instances` → `describe`. */
function verb(eventName: string): string {
  return /^[A-Z]?[a-z]+/.exec(eventName)?.[0] ?? eventName;
}

function sameTitles(a: TimelineEntry, b: TimelineEntry): boolean {
  if (a.findingTitles.length !== b.findingTitles.length) return false;
  const set = new Set(a.findingTitles);
  return b.findingTitles.every((title) => set.has(title));
}

function standsAlone(entry: TimelineEntry): boolean {
  return entry.pinned || entry.note !== '';
}

function joins(previous: TimelineEntry, next: TimelineEntry): boolean {
  if (standsAlone(previous) || standsAlone(next)) return false;
  if (previous.principal !== next.principal || previous.sourceIp !== next.sourceIp) return false;
  const gap = Date.parse(next.time) - Date.parse(previous.time);
  if (!(gap >= 0 && gap <= RUN_GAP_MS)) return false;
  if (!sameTitles(previous, next)) return false;
  return previous.findingTitles.length > 0 || verb(previous.eventName) === verb(next.eventName);
}

/** The timeline (in time order) cut into runs; a run shorter than RUN_MIN is split back up. */
export function timelineRuns(timeline: TimelineEntry[]): TimelineRun[] {
  const runs: TimelineRun[] = [];
  let current: TimelineEntry[] = [];
  const flush = () => {
    const verbs = new Set(current.map((entry) => verb(entry.eventName)));
    if (current.length >= (verbs.size > 1 ? MIXED_RUN_MIN : RUN_MIN))
      runs.push({ entries: current });
    else for (const entry of current) runs.push({ entries: [entry] });
    current = [];
  };
  for (const entry of timeline) {
    const last = current.at(-1);
    if (last && !joins(last, entry)) flush();
    current.push(entry);
  }
  flush();
  return runs;
}

/** Distinct values in first-seen order, with how often each occurs. */
export function tally(values: string[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}
