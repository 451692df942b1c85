import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a load-only measurement process reports: the load's time, peak RSS and CPU. */
export interface LoadMeasurement {
  loadSeconds: number;
  peakRssMb: number;
  /** The process's user + system CPU up to the end of the load (parse threads included). */
  cpuSeconds: number;
  /** When the stream first had an event to show. */
  firstEventSeconds?: number;
  events: number;
  files: number;
}

/**
 * Runs one of the bench's measurement scripts (next to this file) in a fresh process, so its
 * peak RSS is its own load's alone, and returns what it printed.
 */
export async function measureProcess(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  // TRAILHOUND_BENCH_PROFILE=DIR: each measured process (and its threads) writes a CPU profile.
  const profile = process.env['TRAILHOUND_BENCH_PROFILE'];
  const node = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  // Production React, as the `trailhound` command runs it.
  const { stdout } = await run(process.execPath, [...node, path, ...args], {
    maxBuffer: 1 << 24,
    env: { ...env, NODE_ENV: 'production' },
  });
  return stdout;
}

/** A tree on disk loaded through the store with the App on screen, as the TUI loads it. */
export async function measureLoadOnly(dir: string): Promise<LoadMeasurement> {
  return JSON.parse(await measureProcess('./measure.js', [dir, '--load-only'])) as LoadMeasurement;
}
