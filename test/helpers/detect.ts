import {
  detect,
  type DetectionRun,
  type DisabledRules,
  type SigmaRule,
} from '../../source/detect/index.js';
import type { SigmaFilter } from '../../source/detect/sigma/index.js';
import { geoDatabase } from '../../source/geo/index.js';
import { rowRecords } from '../../source/ingest/row-records.js';
import { loadIndex } from './load.js';

/** Loads sources and runs every detection on them, records re-read on this thread. */
export async function detectIn(
  paths: string[],
  sigma: SigmaRule[] = [],
  sigmaDisabled?: DisabledRules,
  sigmaFilters: SigmaFilter[] = [],
): Promise<DetectionRun & { index: Awaited<ReturnType<typeof loadIndex>>['index'] }> {
  const { index, result } = await loadIndex(paths);
  const geo = geoDatabase();
  const run = await detect({
    index,
    ipFacts: (ip) => geo.lookup(ip),
    records: rowRecords(result.files, (row) => index.location(row), 0),
    sigma,
    ...(sigmaDisabled ? { sigmaDisabled } : {}),
    ...(sigmaFilters.length > 0 ? { sigmaFilters } : {}),
  });
  return { ...run, index };
}
