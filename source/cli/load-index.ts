import { EventIndex, filterRows } from '../index/index.js';
import { loadSources, type LoadResult, type SourceInput } from '../ingest/index.js';
import { isEmptyQuery, parseQuery } from '../trail/query/index.js';
import { UsageError } from './args.js';

export interface LoadedTrail {
  index: EventIndex;
  result: LoadResult;
  /** Rows in time order that match the filter (all when there is none). */
  rows: Uint32Array;
}

/** Parses the filter before any file is read, so a typo costs nothing. */
export function parseFilter(text: string | undefined) {
  if (text === undefined) return undefined;
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new UsageError(`--filter: ${parsed.error.message}`);
  return isEmptyQuery(parsed.query) ? undefined : parsed.query;
}

/** The non-interactive commands' way in: load everything, then filter. */
export async function loadTrail(
  inputs: SourceInput[],
  filter: string | undefined,
  workers?: number,
): Promise<LoadedTrail> {
  const query = parseFilter(filter);
  const index = new EventIndex();
  const result = await loadSources(inputs, {
    sink: index,
    ...(workers === undefined ? {} : { workers }),
  });
  const order = index.order();
  return { index, result, rows: query ? filterRows(index, query, order) : order };
}

/** Under --strict, unreadable files and malformed records make the command fail. */
export function hasInputErrors(result: LoadResult): boolean {
  return result.progress.failed > 0 || result.progress.malformed > 0;
}

/** One line per failed file on stderr: the data stays on stdout, the trouble on stderr. */
export function reportInputErrors(
  result: LoadResult,
  stderr: NodeJS.WritableStream,
  sanitize: (s: string) => string,
): void {
  for (const report of result.reports) {
    if (report.status === 'failed')
      stderr.write(
        `trailhound: ${sanitize(report.path)}: ${sanitize(report.reason ?? 'failed')}\n`,
      );
  }
  if (result.progress.malformed > 0) {
    stderr.write(`trailhound: ${result.progress.malformed} malformed record(s) skipped\n`);
  }
}
