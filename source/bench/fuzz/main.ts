/**
 * `node dist/bench/fuzz/main.js [--seed N] [--iterations N] [--end-to-end N] [--max-depth N]
 * [--max-string N] [--no-bad-dates] [--json]`: the fuzz of the ingest and export paths. Each
 * iteration is one case (fuzz-case.ts) seeded from the run's seed; every `--end-to-end`-th also
 * runs the built CLI in child processes under a hard timeout (end-to-end.ts). Prints every
 * failure with the seed that reproduces it (`--seed S --iterations 1 --first I` replays one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { FuzzOptions } from './corrupt.js';
import { endToEnd } from './end-to-end.js';
import { fuzzCase } from './fuzz-case.js';
import { iterationSeed } from './random.js';
import { baseRecords } from './base-records.js';

export interface FuzzSummary {
  seed: number;
  iterations: number;
  endToEndRuns: number;
  failures: { iteration: number; seed: number; failures: string[]; files: unknown[] }[];
  seconds: number;
  /** CPU time of the slowest case (the bound applies to CPU time). */
  slowestCaseMs: number;
  options: FuzzOptions;
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    iterations: { type: 'string', default: '100' },
    first: { type: 'string', default: '0' },
    'end-to-end': { type: 'string', default: '25' },
    'max-depth': { type: 'string', default: '3000' },
    'max-string': { type: 'string', default: '200000' },
    'case-ms': { type: 'string', default: '10000' },
    'no-bad-dates': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
});

const seed =
  values.seed === undefined ? (Math.random() * 2 ** 32) >>> 0 : Number(values.seed) >>> 0;
const iterations = Number(values.iterations);
const first = Number(values.first);
const every = Number(values['end-to-end']);
const caseMs = Number(values['case-ms']);
const options: FuzzOptions = {
  maxDepth: Number(values['max-depth']),
  maxString: Number(values['max-string']),
  badDates: !values['no-bad-dates'],
};

const root = mkdtempSync(join(values.dir ?? tmpdir(), 'trailhound-fuzz-'));
const base = baseRecords();
const summary: FuzzSummary = {
  seed,
  iterations: 0,
  endToEndRuns: 0,
  failures: [],
  seconds: 0,
  slowestCaseMs: 0,
  options,
};
const start = performance.now();
try {
  for (let i = first; i < first + iterations; i++) {
    const caseSeed = iterationSeed(seed, i);
    const dir = join(root, String(i));
    const cpuBefore = process.cpuUsage();
    const result = await fuzzCase(caseSeed, base, dir, options);
    // CPU time, not wall time: a loop that never ends burns CPU, while a busy shared machine
    // stretches wall time without any fault of ours (the caller's deadline bounds wall time).
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (cpuMs > caseMs)
      result.failures.push(`case took ${Math.round(cpuMs)} ms of CPU (bound ${caseMs} ms)`);
    if (every > 0 && i % every === 0) {
      summary.endToEndRuns++;
      result.failures.push(
        ...(await endToEnd(
          result.files.map((f) => f.path),
          dir,
        )),
      );
    }
    summary.iterations++;
    summary.slowestCaseMs = Math.max(summary.slowestCaseMs, cpuMs);
    if (result.failures.length > 0) {
      summary.failures.push({
        iteration: i,
        seed: caseSeed,
        failures: result.failures,
        files: result.files,
      });
      if (!values.json)
        console.log(
          `FAIL iteration ${i} (replay: --seed ${seed} --first ${i} --iterations 1)\n  ${result.failures.join('\n  ')}`,
        );
    }
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
summary.seconds = (performance.now() - start) / 1000;
if (values.json) console.log(JSON.stringify(summary));
else
  console.log(
    `fuzz seed ${seed}: ${summary.iterations} iterations (${summary.endToEndRuns} with end-to-end CLI runs), ${summary.failures.length} failing, ${summary.seconds.toFixed(1)} s, slowest case ${Math.round(summary.slowestCaseMs)} ms of CPU`,
  );
process.exitCode = summary.failures.length > 0 ? 1 : 0;
