import { EventIndex, evidenceNow, filterRows, type EvidenceNow } from '../index/index.js';
import {
  loadSources,
  type LoadProgress,
  type LoadResult,
  type SourceInput,
} from '../ingest/index.js';
import { isEmptyQuery, parseQuery } from '../trail/query/index.js';
import { UsageError } from './args.js';

export interface LoadedTrail {
  index: EventIndex;
  result: LoadResult;
  /** Rows in time order that match the filter (all when there is none). */
  rows: Uint32Array;
  /** What the filter's relative times counted back from. */
  now: EvidenceNow;
}

/**
 * Parses the filter. Before any file is read it only checks the syntax, so a typo costs
 * nothing; `now` is what relative times (`after:1h`) count back from.
 */
export function parseFilter(text: string | undefined, now: number = Date.now()) {
  if (text === undefined) return undefined;
  const parsed = parseQuery(text, now);
  if (!parsed.ok) throw new UsageError(`--filter: ${parsed.error.message}`);
  return isEmptyQuery(parsed.query) ? undefined : parsed.query;
}

/**
 * The non-interactive commands' way in: load everything, then filter, relative times counting
 * back from the trail's newest event (or `givenNow`, from --now).
 */
export async function loadTrail(
  inputs: SourceInput[],
  filter: string | undefined,
  workers?: number,
  givenNow?: number,
  onProgress?: (progress: LoadProgress) => void,
): Promise<LoadedTrail> {
  parseFilter(filter);
  const index = new EventIndex();
  const result = await loadSources(inputs, {
    sink: index,
    ...(workers === undefined ? {} : { workers }),
    ...(onProgress ? { onProgress } : {}),
  });
  const now = evidenceNow(index, { given: givenNow, clock: Date.now });
  const query = parseFilter(filter, now.at);
  const order = index.order();
  return { index, result, rows: query ? filterRows(index, query, order) : order, now };
}

/** Under --strict, unreadable files and malformed records make the command fail. */
export function hasInputErrors(result: LoadResult): boolean {
  return result.progress.failed > 0 || result.progress.malformed > 0;
}

/**
 * No source gave an event (a missing path, an empty folder, only broken files): the command
 * stops, and says why for each source, rather than answer "no findings" about nothing.
 */
export class NoEventsError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('; '));
  }
}

/** Throws NoEventsError when files were given and none of them gave an event. */
export function requireEvents(result: LoadResult, sanitize: (s: string) => string): void {
  if (result.sources.length > 0 && result.sources.every((source) => source.events === 0))
    throw new NoEventsError(inputErrorLines(result, sanitize));
}

/**
 * What went wrong with the input, a line each: every file that failed, every source that gave
 * nothing (unless its one file's line said it already), then the malformed records.
 */
export function inputErrorLines(result: LoadResult, sanitize: (s: string) => string): string[] {
  const lines = new Set<string>();
  const line = (path: string, why: string) =>
    lines.add(`${path === '-' ? 'stdin' : sanitize(path)}: ${sanitize(why)}`);
  for (const report of result.reports) {
    if (report.status === 'failed') line(report.path, report.reason ?? 'failed');
    // A loaded file says why some of its records were malformed when it can (records too big).
    else if (report.status === 'loaded' && report.reason) line(report.path, report.reason);
  }
  for (const source of result.sources)
    if (source.problem !== undefined) line(source.source, source.problem);
  // Each file's first malformed records by name and why, then the count of all of them.
  for (const report of result.reports) {
    const named = report.malformedReasons ?? [];
    for (const reason of named) line(report.path, reason);
    if (report.malformed > named.length && named.length > 0)
      line(report.path, `and ${report.malformed - named.length} more malformed record(s)`);
  }
  if (result.progress.malformed > 0)
    lines.add(`${result.progress.malformed} malformed record(s) skipped`);
  return [...lines];
}

/** One line per problem on stderr: the data stays on stdout, the trouble on stderr. */
export function reportInputErrors(
  result: LoadResult,
  stderr: NodeJS.WritableStream,
  sanitize: (s: string) => string,
): void {
  for (const line of inputErrorLines(result, sanitize)) stderr.write(`trailhound: ${line}\n`);
}
