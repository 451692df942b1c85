import { execFile, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { listFiles, syntheticTree } from './synthetic-tree.js';
import { liveBench } from './live.js';
import { fuzzBench } from './fuzz/bench.js';
import { benignBench } from './benign/bench.js';
import { measureLoadOnly, measureProcess } from './measure-process.js';
import { machineLine } from './machine.js';
import { parseS3BenchArgs, s3Bench } from './s3/bench.js';

const run = promisify(execFile);

/**
 * `npm run bench [-- 100000 1000000]` (or `-- live`, `-- fuzz`, `-- benign`, `-- s3`, each on its own): builds (once, cached) a synthetic S3 tree per size, then
 * measures the floor (two parallel `gzip -dc` of the same files) and trailhound's load, filters
 * and cursor repaint in a fresh process each.
 */
async function gunzipFloor(files: string[]): Promise<number> {
  const half = Math.ceil(files.length / 2);
  const start = performance.now();
  await Promise.all(
    [files.slice(0, half), files.slice(half)].map(
      (part) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn('sh', ['-c', 'xargs -0 gzip -dc > /dev/null'], {
            stdio: ['pipe', 'inherit', 'inherit'],
          });
          child.on('error', reject);
          child.on('close', (code) =>
            code === 0 ? resolve() : reject(new Error(`gzip exited ${code}`)),
          );
          child.stdin.end(part.join('\0'));
        }),
    ),
  );
  return (performance.now() - start) / 1000;
}

async function measure(dir: string) {
  return JSON.parse(await measureProcess('./measure.js', [dir])) as {
    events: number;
    files: number;
    loadSeconds: number;
    peakRssMb: number;
    filters: { query: string; coldMs: number; warmMs: number; matches: number }[];
    cursor: { medianMs: number; p95Ms: number; bytesPerMove: number };
    profiles: { name: string; ms: number }[];
    detection: {
      seconds: number;
      firstFindingsSeconds: number;
      findings: number;
      recordsRead: number;
      timings: Record<string, number>;
      worstStallMs: number;
      p99StallMs: number;
    };
  };
}

async function main() {
  // `npm run bench -- live [EVENTS_PER_REGION]`: the live source against the local endpoint.
  if (process.argv[2] === 'live') {
    await liveBench(Number(process.argv[3]) > 0 ? Number(process.argv[3]) : undefined);
    return;
  }
  // `npm run bench -- fuzz [ITERATIONS] [SEED]`: the ingest/export fuzz in depth.
  if (process.argv[2] === 'fuzz') {
    await fuzzBench(process.argv.slice(3));
    return;
  }
  // `npm run bench -- s3 [EVENTS] [--runs N] [--cold]`: the tree pulled from moto's S3 vs disk.
  if (process.argv[2] === 's3') {
    const root = process.env.TRAILHOUND_BENCH_DIR ?? join(tmpdir(), 'trailhound-bench');
    await s3Bench(parseS3BenchArgs(process.argv.slice(3), root));
    return;
  }
  // `npm run bench -- benign [EVENTS…] [--rules DIR]`: findings on a month of ordinary work.
  if (process.argv[2] === 'benign') {
    await benignBench(process.argv.slice(3));
    return;
  }
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const wanted = sizes.length > 0 ? sizes : [100_000, 1_000_000];
  const cache = process.env.TRAILHOUND_BENCH_DIR ?? join(tmpdir(), 'trailhound-bench');
  console.log(machineLine());
  for (const events of wanted) {
    const t = performance.now();
    const dir = await syntheticTree(cache, events);
    const files = await listFiles(dir);
    const { stdout: du } = await run('du', ['-sb', dir]);
    console.log(
      `\n${events.toLocaleString('en-US')} events: ${files.length} files, ${(Number(du.split('\t')[0]) / 2 ** 20).toFixed(0)} MiB gzipped (tree ready in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    // Floor and load alternate, three of each, and each side keeps its best: on a shared
    // machine a slow stretch then weighs on both, and one slow run flatters neither side.
    const floors: number[] = [];
    const loads: { loadSeconds: number; peakRssMb: number }[] = [];
    let result: Awaited<ReturnType<typeof measure>> | undefined;
    for (let run = 0; run < 3; run++) {
      floors.push(await gunzipFloor(files));
      // The first load process also measures everything else.
      const measured = run === 0 ? (result = await measure(dir)) : await measureLoadOnly(dir);
      loads.push({ loadSeconds: measured.loadSeconds, peakRssMb: measured.peakRssMb });
    }
    if (!result) throw new Error('no measurement');
    const floor = Math.min(...floors);
    const load = Math.min(...loads.map((l) => l.loadSeconds));
    const ratio = load / floor;
    const all = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
    console.log(`  floor (2 × gzip -dc):      ${floor.toFixed(2)} s best of ${all(floors)}`);
    console.log(
      `  load to indexed stream:    ${load.toFixed(2)} s best of ${all(loads.map((l) => l.loadSeconds))}  (${ratio.toFixed(2)} × floor, ${Math.round(result.events / load).toLocaleString('en-US')} events/s, ${result.events.toLocaleString('en-US')} events)`,
    );
    console.log(
      `  peak RSS:                  ${Math.max(...loads.map((l) => l.peakRssMb)).toFixed(0)} MB (the largest of the three loads)`,
    );
    for (const f of result.filters) {
      const times = `${f.coldMs.toFixed(1).padStart(6)} ms first, ${f.warmMs.toFixed(1).padStart(5)} ms again`;
      console.log(
        `  filter ${JSON.stringify(f.query).padEnd(50)} ${times}  (${f.matches.toLocaleString('en-US')} rows)`,
      );
    }
    console.log(
      `  cursor move repaint:       median ${result.cursor.medianMs.toFixed(2)} ms, p95 ${result.cursor.p95Ms.toFixed(2)} ms, ${Math.round(result.cursor.bytesPerMove)} bytes/move`,
    );
    for (const profile of result.profiles)
      console.log(
        `  open profile ${profile.name.padEnd(40)} ${profile.ms.toFixed(1).padStart(6)} ms`,
      );
    const d = result.detection;
    console.log(
      `  detections (built-in + correlations, own thread): ${d.seconds.toFixed(2)} s (first findings at ${d.firstFindingsSeconds.toFixed(2)} s), ${d.findings.toLocaleString('en-US')} findings, facts from ${d.recordsRead.toLocaleString('en-US')} records; UI thread stall worst ${d.worstStallMs.toFixed(0)} ms, p99 ${d.p99StallMs.toFixed(0)} ms`,
    );
    console.log(
      `    phases: ${Object.entries(d.timings)
        .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)} s`)
        .join(', ')}`,
    );
  }
}

await main();
