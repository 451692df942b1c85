/**
 * Files merged with the live API (`trailhound SOURCE... --live`): where the live part starts and
 * how the result is said. The files are loaded first; LookupEvents then fills the time after
 * their newest event, so the minutes that have not reached the bucket yet are there too.
 */
import { trailEnd, type IndexView } from '../index/index.js';
import { LATE_ARRIVAL_MS, RETENTION_MS } from '../ingest/live/index.js';
import type { LiveCliOptions } from './live-args.js';

/**
 * How far before the files' newest event the live part starts. CloudTrail delivers a file up to
 * 15 minutes after its events, so the files' last quarter hour may lack events LookupEvents
 * already has; both hold that overlap and the index keeps each event once (its dedupe key).
 */
export const MERGE_OVERLAP_MS = LATE_ARRIVAL_MS;

export interface MergeStart {
  /** Where the live part starts (epoch ms). */
  since: number;
  /** The files' newest event (not later than the clock), or undefined when they gave none. */
  filesEnd: number | undefined;
  /**
   * Older than LookupEvents keeps (90 days): the time from the files' end to here is in
   * neither, and is said rather than left for the analyst to miss.
   */
  gapUntil: number | undefined;
}

/**
 * The live part's start once the files are in `index`: the files' newest event less the overlap.
 * `--since` given is a floor: the live part starts there at the earliest (the later of the two),
 * so a short --since keeps the read short when the files end long ago; the default week does not
 * cut it (the files' end decides). Files that gave no event leave the window as --live has it.
 */
export function liveStartAfterFiles(
  index: Pick<IndexView, 'order' | 'time'>,
  live: Pick<LiveCliOptions, 'since' | 'sinceGiven'>,
  now: number,
): MergeStart {
  // A record dated after the clock is not the files' end: one forged 2099 event must not leave
  // the live part nothing to read.
  const filesEnd = trailEnd(index, now);
  if (filesEnd === undefined) return { since: live.since, filesEnd, gapUntil: undefined };
  const afterFiles = filesEnd - MERGE_OVERLAP_MS;
  const since = live.sinceGiven ? Math.max(afterFiles, live.since) : afterFiles;
  const retained = now - RETENTION_MS;
  return { since, filesEnd, gapUntil: since < retained ? retained : undefined };
}

const count = new Intl.NumberFormat('en-US');

/** `2026-12-07T23:45Z`: to the minute, as the live progress line says times. */
export function minuteOf(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

/**
 * The one line saying how much came from each: `1,204 events from files · 37 from LookupEvents
 * (eu-west-1, us-east-1) after 2026-12-07T23:45Z · 12 in both, kept once`.
 */
export function mergeLine(parts: {
  fromFiles: number;
  fromLive: number;
  inBoth: number;
  regions: readonly string[];
  start: MergeStart;
}): string {
  const { fromFiles, fromLive, inBoth, regions, start } = parts;
  const both = inBoth > 0 ? ` · ${count.format(inBoth)} in both, kept once` : '';
  return `${count.format(fromFiles)} event${fromFiles === 1 ? '' : 's'} from files · ${count.format(fromLive)} from LookupEvents (${[...regions].sort().join(', ')}) after ${minuteOf(start.since)}${both}`;
}

/** The line for a gap LookupEvents cannot fill, or undefined. */
export function gapLine(start: MergeStart): string | undefined {
  if (start.gapUntil === undefined || start.filesEnd === undefined) return undefined;
  return `the files end ${minuteOf(start.filesEnd)} and LookupEvents keeps 90 days: nothing from then to ${minuteOf(start.gapUntil)} was read`;
}
