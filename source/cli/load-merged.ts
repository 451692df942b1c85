/**
 * `events`, `stats`, `findings` and `principal` on `SOURCE... --live`: the files first, then
 * LookupEvents from their newest event (less the late-delivery overlap) to --until or now, into
 * the same index, which keeps an event present in both once. What came from each is said in one
 * line on stderr.
 */
import { filterRows } from '../index/index.js';
import type { LoadResult } from '../ingest/index.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import type { LiveCliOptions } from './live-args.js';
import { loadLiveTrail } from './load-live.js';
import { parseFilter, type LoadedTrail } from './load-index.js';
import { gapLine, liveStartAfterFiles, mergeLine } from './merge-live.js';

export async function loadMergedTrail(
  options: CliOptions & { live: LiveCliOptions },
  filter: string | undefined,
  io: CliIo,
  openFiles: () => Promise<LoadedTrail>,
): Promise<LoadedTrail> {
  // As under --live, relative times count from the clock (or --now): the merge reaches the
  // present. The syntax is checked before anything is read.
  const query = parseFilter(filter, options.now ?? Date.now());
  const files = await openFiles();
  const { index } = files;
  const fileRows = index.size;
  const duplicatesBefore = index.duplicates;
  const start = liveStartAfterFiles(index, options.live, Date.now());
  const gap = gapLine(start);
  if (gap) io.stderr.write(`trailhound: ${gap}\n`);
  const live = await loadLiveTrail(
    { ...options, live: { ...options.live, since: start.since } },
    query,
    io,
    {
      index,
      files: files.result.files,
    },
  );
  io.stderr.write(
    `trailhound: ${mergeLine({
      fromFiles: fileRows,
      fromLive: index.size - fileRows,
      inBoth: index.duplicates - duplicatesBefore,
      regions: live.regions,
      start,
    })}\n`,
  );
  // Rows are numbered as they arrive: the files' first. Every file row is kept (as without
  // --live); of the live rows, those inside the window (cached pages may reach outside it).
  const until = options.live.until ?? Infinity;
  const rows = index.order().filter((row) => {
    if (row < fileRows) return true;
    const time = index.time(row);
    return time >= start.since && time <= until;
  });
  return {
    index,
    result: joinResults(files.result, live.result),
    rows: query ? filterRows(index, query, rows) : rows,
    now:
      options.now === undefined
        ? { at: Date.now(), basis: 'clock' }
        : { at: options.now, basis: 'given' },
  };
}

/** The files' result and the live part's, as one: the file table holds the pages too. */
function joinResults(files: LoadResult, live: LoadResult): LoadResult {
  const a = files.progress;
  const b = live.progress;
  return {
    files: files.files,
    reports: [...files.reports, ...live.reports],
    sources: files.sources,
    progress: {
      filesTotal: a.filesTotal + b.filesTotal,
      filesDone: a.filesDone + b.filesDone,
      events: a.events + b.events,
      malformed: a.malformed + b.malformed,
      failed: a.failed + b.failed,
      skipped: a.skipped + b.skipped,
      done: true,
    },
  };
}
