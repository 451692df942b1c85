import type { Discovery } from './discover.js';
import type { SourceInput } from './load.js';
import type { FileReport, SourceFile } from './source-file.js';
import { feedOutcome, sourceOutcome, type SourceOutcome } from './source-outcome.js';

/** What each feed input brought: the ids of its files, and its problems once it ended. */
export interface FeedTally {
  fileIds: number[];
  problems: string[];
}

/**
 * Each input's reports, found by position: standard input's files come first (one each), then
 * each path's discovered files and discovery reports, in the order discoverFiles walked them;
 * a feed's files are those it handed over, wherever they landed among the others.
 */
export function outcomes(
  inputs: readonly SourceInput[],
  discovery: Discovery,
  stdinFiles: number,
  byId: readonly (FileReport | undefined)[],
  feeds: ReadonlyMap<SourceInput, FeedTally>,
): SourceOutcome[] {
  let stdin = 0;
  let fileId = stdinFiles;
  let reportAt = 0;
  let path = 0;
  const parsed = (id: number) => (byId[id] ? [byId[id]] : []);
  return inputs.map((input) => {
    if ('feed' in input) {
      const tally = feeds.get(input)!;
      return feedOutcome(input.feed.shown, tally.fileIds.flatMap(parsed), tally.problems);
    }
    if ('bytes' in input || 'at' in input) return sourceOutcome('-', parsed(stdin++));
    const span = discovery.spans[path++]!;
    const reports = [
      ...discovery.reports.slice(reportAt, reportAt + span.reports),
      ...Array.from({ length: span.files }, (_, i) => parsed(fileId + i)).flat(),
    ];
    fileId += span.files;
    reportAt += span.reports;
    return sourceOutcome(span.shown, reports);
  });
}

/**
 * About how many events the files hold, from their sizes: a CloudTrail record takes about
 * 1.2 KB, or 100–150 bytes gzipped. Guessed high (80 and 600 bytes) so a typical load never
 * outgrows the columns; capped so a huge folder of odd files cannot ask for absurd room.
 * `gzippedBytes`: what feeds expect to bring (a bucket's objects are gzipped).
 */
export function expectedRows(files: readonly SourceFile[], gzippedBytes = 0): number {
  let rows = gzippedBytes / 80;
  for (const file of files) rows += file.size / (file.path.endsWith('.gz') ? 80 : 600);
  return Math.min(Math.ceil(rows), 50_000_000);
}
