/**
 * The TUI on `SOURCE... --live`: once the files are read, the live session joins their file
 * table and its first read starts after their newest event (less the late-delivery overlap);
 * afterwards the status line says how much came from each.
 */
import type { EventIndex } from '../index/index.js';
import type { SourceFile } from '../ingest/index.js';
import type { AppStore } from '../state/index.js';
import type { LiveCliOptions } from './live-args.js';
import { gapLine, liveStartAfterFiles, mergeLine, type MergeStart } from './merge-live.js';
import type { LiveSession } from './tui-live.js';

export interface Joined {
  start: MergeStart;
  /** The index's dropped duplicates before the live read (the files' own). */
  duplicates: number;
}

/** Joins the live session to the files read into `index`; says where the live part starts. */
export function joinLiveToFiles(
  store: AppStore,
  index: EventIndex,
  session: LiveSession,
  table: SourceFile[],
  live: Pick<LiveCliOptions, 'since' | 'sinceGiven'>,
  now: number = Date.now(),
): Joined {
  const start = liveStartAfterFiles(index, live, now);
  session.joinFiles(table, start.since);
  const gap = gapLine(start);
  if (gap) store.setState({ message: gap });
  return { start, duplicates: index.duplicates };
}

/** After the first live read: the line the CLI prints on stderr, on the status line. */
export function sayMerged(
  store: AppStore,
  index: EventIndex,
  session: LiveSession,
  joined: Joined,
): void {
  const state = store.getState();
  // A failed region's reason stays on the status line: it matters more than the counts.
  if (state.live.error !== undefined) return;
  store.setState({
    message: mergeLine({
      fromFiles: state.live.fromFiles,
      fromLive: index.size - state.live.fromFiles,
      inBoth: index.duplicates - joined.duplicates,
      regions: session.live.regions,
      start: joined.start,
    }),
  });
}
