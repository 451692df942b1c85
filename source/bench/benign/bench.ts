/**
 * `npm run bench -- benign [EVENTS…] [--rules DIR]`: the benign trail (generated once, cached
 * beside the other bench trees), loaded and run through every detection in this process as the
 * `findings` command runs them; prints the high and critical findings per 100,000 events with
 * their count per rule and severity, whether each step of the planted intrusion is cited, and
 * the detections' time by phase.
 */

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { detect, loadSigmaRules, type SigmaRule } from '../../detect/index.js';
import { geoDatabase } from '../../geo/index.js';
import { EventIndex } from '../../index/index.js';
import { loadSources } from '../../ingest/index.js';
import { rowRecords } from '../../ingest/row-records.js';
import { benignTree } from './generate.js';
import { formatScore, intrusionRows, scoreRun } from './score.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function benchOne(events: number, cache: string, sigma: SigmaRule[]): Promise<void> {
  const trail = await benignTree(cache, { events, intrusion: true });
  console.log(
    `\nbenign trail: ${trail.events.toLocaleString('en-US')} events, ${trail.files} files, ${trail.days} days, ${trail.people} people${trail.seconds > 0 ? ` (generated in ${trail.seconds.toFixed(1)} s)` : ' (cached)'}: ${trail.dir}`,
  );
  const index = new EventIndex();
  const loadStart = performance.now();
  const result = await loadSources([{ path: trail.dir }], { sink: index });
  const loaded = performance.now() - loadStart;
  const geo = geoDatabase();
  const records = rowRecords(result.files, (row) => index.location(row));
  const start = performance.now();
  const run = await detect({ index, ipFacts: (ip) => geo.lookup(ip), records, sigma });
  const detected = performance.now() - start;
  const plan = trail.intrusion;
  const rows = plan ? await intrusionRows(index, records, plan) : undefined;
  const score = scoreRun(run, index.size, plan && rows ? { plan, rows } : undefined);
  console.log(formatScore(score));
  const total = Object.values(run.timings).reduce((a, b) => a + b, 0);
  const baseline = Object.entries(run.timings).filter(([phase]) => /baseline/i.test(phase));
  const baselineMs = baseline.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(
    `load ${seconds(loaded)}; detections ${seconds(detected)} (${run.findings.length} findings in all${baseline.length > 0 ? `; the baseline ${seconds(baselineMs)}, ${((100 * baselineMs) / Math.max(1, total)).toFixed(1)}% of the phases` : ''})`,
  );
  console.log(
    `  phases: ${Object.entries(run.timings)
      .map(([phase, ms]) => `${phase} ${seconds(ms)}`)
      .join(', ')}`,
  );
}

export async function benignBench(args: readonly string[]): Promise<void> {
  const rulesAt = args.indexOf('--rules');
  const rulePaths = rulesAt >= 0 && args[rulesAt + 1] ? [args[rulesAt + 1]!] : [];
  const sizes = args
    .filter((_, i) => i !== rulesAt + 1 || rulesAt < 0)
    .map(Number)
    .filter((n) => n > 0);
  const cache = process.env.TRAILHOUND_BENCH_DIR ?? join(tmpdir(), 'trailhound-bench');
  let sigma: SigmaRule[] = [];
  if (rulePaths.length > 0) {
    const loaded = await loadSigmaRules(rulePaths);
    sigma = loaded.rules;
    console.log(`sigma: ${sigma.length} rules loaded, ${loaded.problems.length} not loaded`);
  }
  for (const events of sizes.length > 0 ? sizes : [100_000]) await benchOne(events, cache, sigma);
}
