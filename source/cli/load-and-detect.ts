import { detect, type DetectionRun } from '../detect/index.js';
import { geoDatabase } from '../geo/index.js';
import type { EventIndex } from '../index/index.js';
import type { LoadResult } from '../ingest/index.js';
import { rowRecords } from '../ingest/row-records.js';
import { sanitizeText } from '../trail/sanitize.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { reportInputErrors } from './load-index.js';
import { openTrail } from './open-trail.js';
import { explicitBaseline } from './load-baseline.js';
import {
  baselineField,
  baselineOptions,
  baselineSummary,
  describeBaseline,
  trailNow,
  type ExplicitBaseline,
} from '../state/explicit-baseline.js';
import { sigmaWithFilters } from './sigma-rules.js';
import { tuningFromOptions } from './tuning-option.js';
import { knownNetworksOf, type Tuning } from '../detect/tuning/index.js';

export interface Detected {
  index: EventIndex;
  result: LoadResult;
  geo: ReturnType<typeof geoDatabase>;
  records: ReturnType<typeof rowRecords>;
  /** `--tuning` and the Sigma filters of `--rules`: what the caller applies to the findings. */
  tuning: Tuning;
  /** Runs the detections (after the caller has checked what it needs of the index). */
  detect: () => Promise<DetectionRun>;
  /** `--baseline-until` / `--baseline`, loaded; its line ("baseline: learned from …"). */
  baseline: ExplicitBaseline | undefined;
  baselineLine: string | undefined;
  /** `--baseline-until` resolved against the trail's now: what the profiles judge against. */
  baselineUntil: number | undefined;
  /** The same for JSON output: files and events learned from, and until when. */
  baselineJson: ReturnType<typeof baselineSummary>;
}

/**
 * What the `findings` and `principal` commands share: Sigma rules loaded (problems named on
 * stderr), the sources loaded (bad files named), and the detections ready to run.
 */
export async function loadForDetection(options: CliOptions, io: CliIo): Promise<Detected> {
  const { rules: sigma, filters } = await sigmaWithFilters(options.rules, io.stderr);
  const tuning = await tuningFromOptions(options.tuning, filters);
  const { index, result } = await openTrail(options, io, undefined);
  reportInputErrors(result, io.stderr, sanitizeText);
  // The learn-only sources after the trail: their problems are named after the trail's.
  const baseline = await explicitBaseline(options.baseline, io.stderr, options.workers);
  const learned = baselineOptions(baseline, trailNow(index, options.now, !!options.live));
  const geo = geoDatabase();
  const records = rowRecords(result.files, (row) => index.location(row), options.workers);
  return {
    index,
    result,
    geo,
    records,
    baseline,
    baselineLine: describeBaseline(baseline, learned?.until),
    baselineUntil: learned?.until,
    baselineJson: baselineSummary(baseline, learned?.until),
    tuning,
    detect: async () => {
      const run = await detect({
        index,
        ipFacts: (ip) => geo.lookup(ip),
        records,
        sigma,
        sigmaFilters: tuning.filters.map(({ entry }) => entry),
        baseline: { ...learned, ...knownNetworksOf(tuning) },
      });
      for (const problem of run.problems) io.stderr.write(`trailhound: ${sanitizeText(problem)}\n`);
      return run;
    },
  };
}
