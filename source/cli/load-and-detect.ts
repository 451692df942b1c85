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
import { sigmaFromOptions } from './sigma-rules.js';
import { explicitBaseline } from './load-baseline.js';
import {
  baselineField,
  baselineOptions,
  baselineSummary,
  describeBaseline,
  trailNow,
  type ExplicitBaseline,
} from '../state/explicit-baseline.js';

export interface Detected {
  index: EventIndex;
  result: LoadResult;
  geo: ReturnType<typeof geoDatabase>;
  records: ReturnType<typeof rowRecords>;
  /** Runs the detections (after the caller has checked what it needs of the index). */
  detect: () => Promise<DetectionRun>;
  /** `--baseline-until` / `--baseline`, loaded; its line ("baseline: learned from …"). */
  baseline: ExplicitBaseline | undefined;
  baselineLine: string | undefined;
  /** The same for JSON output: files and events learned from, and until when. */
  baselineJson: ReturnType<typeof baselineSummary>;
}

/**
 * What the `findings` and `principal` commands share: Sigma rules loaded (problems named on
 * stderr), the sources loaded (bad files named), and the detections ready to run.
 */
export async function loadForDetection(options: CliOptions, io: CliIo): Promise<Detected> {
  const sigma = await sigmaFromOptions(options.rules, io.stderr);
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
    baselineJson: baselineSummary(baseline, learned?.until),
    detect: async () => {
      const run = await detect({
        index,
        ipFacts: (ip) => geo.lookup(ip),
        records,
        sigma,
        ...baselineField(learned),
      });
      for (const problem of run.problems) io.stderr.write(`trailhound: ${sanitizeText(problem)}\n`);
      return run;
    },
  };
}
