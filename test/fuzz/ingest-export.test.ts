import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The fuzz of the ingest and export paths (source/bench/fuzz): real records with random
 * corruptions (hostile characters in every string, wrong types, huge strings, nesting, bad times,
 * truncation, byte flips, brackets, gzip damage) loaded and exported the ways the CLI does, and a
 * few end-to-end CLI runs. It runs in a child process killed at a hard deadline, so a hang is a
 * failed test. A fixed seed keeps CI reproducible; TRAILHOUND_FUZZ_SEED tries another.
 * `npm run bench -- fuzz` runs the same fuzz in depth.
 */
const DRIVER = fileURLToPath(new URL('../../dist/bench/fuzz/main.js', import.meta.url));
const SEED = Number(process.env.TRAILHOUND_FUZZ_SEED ?? 20261207);
const ITERATIONS = 30;
/** Every 15th iteration also runs the built CLI (events jsonl/csv, stats, report) in children. */
const END_TO_END_EVERY = 15;
/**
 * Nesting up to 3,000 deep: past where JSON.stringify and structuredClone overflow the stack, so
 * a walk over a record that recursed would fail here (every walk is iterative: trail/deep-json.ts).
 */
const MAX_DEPTH = 3000;
// About 30 s of CPU (30 cases, 2 with end-to-end runs); the deadline leaves room for a machine
// busy with other work (4 minutes of wall time were measured at a load average of 19 on 2 cores).
const DEADLINE_MS = 400_000;

interface Summary {
  seed: number;
  iterations: number;
  endToEndRuns: number;
  failures: { iteration: number; seed: number; failures: string[] }[];
  seconds: number;
  slowestCaseMs: number;
}

function runFuzz(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DRIVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, DEADLINE_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

describe('fuzz of the ingest and export paths', () => {
  it(
    `keeps every invariant over ${ITERATIONS} random cases (seed ${SEED})`,
    async () => {
      const run = await runFuzz([
        '--seed',
        String(SEED),
        '--iterations',
        String(ITERATIONS),
        '--end-to-end',
        String(END_TO_END_EVERY),
        '--max-depth',
        String(MAX_DEPTH),
        '--max-string',
        '100000',
        '--json',
      ]);
      expect(run.killed, `fuzz (seed ${SEED}) still running after ${DEADLINE_MS} ms`).toBe(false);
      expect(run.stderr).toBe('');
      const summary = JSON.parse(run.stdout) as Summary;
      const report = summary.failures
        .map(
          (failure) =>
            `iteration ${failure.iteration} (replay: node dist/bench/fuzz/main.js --seed ${SEED} --first ${failure.iteration} --iterations 1 --max-depth ${MAX_DEPTH})\n  ${failure.failures.join('\n  ')}`,
        )
        .join('\n');
      expect(summary.failures, `seed ${SEED}:\n${report}`).toEqual([]);
      expect(summary.iterations).toBe(ITERATIONS);
      expect(summary.endToEndRuns).toBe(ITERATIONS / END_TO_END_EVERY);
      expect(run.code).toBe(0);
    },
    DEADLINE_MS + 10_000,
  );
});
