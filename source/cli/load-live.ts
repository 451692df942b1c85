/**
 * The non-interactive commands' live source: connect as the AWS CLI would, read LookupEvents
 * (one attribute on the server, the rest of the filter here), and hand back the same shape as a
 * file load, so `events`, `stats` and `findings` work on it unchanged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../aws/connect.js';
import { describeAwsError } from '../aws/errors.js';
import { isRegionNotEnabled } from '../aws/regions.js';
import { EventIndex, filterRows } from '../index/index.js';
import type { LoadResult, SourceFile } from '../ingest/index.js';
import { forcedLookup, LiveReader, serverLookup, type LiveProgress } from '../ingest/live/index.js';
import type { Query } from '../trail/query/index.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { connectOptionsFrom, type LiveCliOptions } from './live-args.js';
import type { LoadedTrail } from './load-index.js';

/** Files merged with the live API: the index the files are in, and their file table. */
export interface LiveJoin {
  index: EventIndex;
  files: SourceFile[];
}

export async function loadLiveTrail(
  options: CliOptions & { live: LiveCliOptions },
  query: Query | undefined,
  io: CliIo,
  join?: LiveJoin,
): Promise<LoadedTrail & { regions: readonly string[] }> {
  const live = options.live;
  const connection = await connect(connectOptionsFrom(live));
  const lookup = live.lookup === undefined ? serverLookup(query) : forcedLookup(live.lookup);
  const index = join?.index ?? new EventIndex();
  try {
    const reader = await LiveReader.open({
      client: (region) => connection.cloudTrail(region),
      regions: connection.regions,
      ...(lookup ? { lookup } : {}),
      cacheDir: cacheDirFor(options.casePath),
      sink: index,
      // Across all regions, one the account never enabled must not stop the others.
      stopOnError: !live.allRegions,
    });
    // Pages get ids after the files', in their table: one index, one way to re-read a row.
    if (join) reader.joinFiles(join.files);
    const progressLine = progressWriter(io.stderr);
    const result = await reader.load(
      { since: live.since, ...(live.until === undefined ? {} : { until: live.until }) },
      { onProgress: progressLine.update },
    );
    progressLine.clear();
    const skipped = result.errors.filter(({ region, error }) => isRegionNotEnabled(region, error));
    for (const { region } of skipped) {
      io.stderr.write(`trailhound: ${region} skipped: not enabled for this account\n`);
    }
    const failed = result.errors.filter((failure) => !skipped.includes(failure));
    const lines = [
      ...failed.map(
        ({ region, error, loaded }) =>
          describeAwsError(error, {
            call: 'cloudtrail:LookupEvents',
            region,
            ...(live.profile === undefined ? {} : { profile: live.profile }),
          }) + (loaded ? ` Kept: ${loaded}.` : ''),
      ),
      ...result.stops.map((stop) => stop.message),
    ];
    // Nothing came at all: the first reason is the command's error (exit 1).
    if (failed.length > 0 && index.size === 0) {
      for (const line of lines.slice(1)) io.stderr.write(`trailhound: ${line}\n`);
      throw new Error(lines[0]);
    }
    // Otherwise what was read is kept and shown, each region that stopped short said in a line,
    // as a broken file is among good ones (exit 1 only under --strict).
    for (const line of lines) io.stderr.write(`trailhound: ${line}\n`);
    const shortRegions = failed.length + result.stops.length;
    const order = index.order();
    // Cached pages may reach outside the range asked for: keep the rows inside it.
    const until = live.until ?? Infinity;
    const inRange = order.filter((row) => {
      const time = index.time(row);
      return time >= live.since && time <= until;
    });
    return {
      index,
      regions: reader.regions,
      result: asLoadResult(reader, result.progress, shortRegions),
      rows: query ? filterRows(index, query, inRange) : inRange,
      // A live read is about the present: its relative times counted from the clock or --now.
      now:
        options.now === undefined
          ? { at: Date.now(), basis: 'clock' }
          : { at: options.now, basis: 'given' },
    };
  } finally {
    connection.destroy();
  }
}

/** Next to the case file (`<case>.live/`), so a reopened case starts from what was read. */
function cacheDirFor(casePath: string | undefined): string {
  if (casePath !== undefined) return `${casePath}.live`;
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-live-'));
  // Without a case the pages live as long as the command: records are re-read from them.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `shortRegions`: regions that failed or stopped short, counted as failed input (--strict). */
function asLoadResult(
  reader: LiveReader,
  progress: LiveProgress,
  shortRegions: number,
): LoadResult {
  const reports = [...reader.reports];
  return {
    files: [...reader.files],
    reports,
    // The account is one source, not files given: an empty window is an answer, not a mistake.
    sources: [],
    progress: {
      filesTotal: reports.length,
      filesDone: reports.length,
      events: progress.events + progress.cached,
      malformed: reports.reduce((sum, report) => sum + report.malformed, 0),
      failed: reports.filter((report) => report.status === 'failed').length + shortRegions,
      skipped: reports.filter((report) => report.status === 'skipped').length,
      done: true,
    },
  };
}

/** One updating line on a terminal's stderr; nothing when stderr is a pipe or a file. */
function progressWriter(stderr: NodeJS.WritableStream) {
  const tty = (stderr as { isTTY?: boolean }).isTTY === true;
  let shown = false;
  return {
    update: (progress: LiveProgress) => {
      if (!tty) return;
      const oldest = progress.regions
        .map((region) => region.oldest)
        .filter((time): time is number => time !== undefined);
      const reached =
        oldest.length > 0
          ? `, back to ${new Date(Math.max(...oldest)).toISOString().slice(0, 16)}Z`
          : '';
      stderr.write(
        `\r\x1b[Klive: ${progress.regions.length} region(s), ${progress.pages} pages, ${progress.events + progress.cached} events, ${progress.throttles} throttled${reached}`,
      );
      shown = true;
    },
    clear: () => {
      if (shown) stderr.write('\r\x1b[K');
    },
  };
}
