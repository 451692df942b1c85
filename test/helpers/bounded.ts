import { execFileSync, spawnSync } from 'node:child_process';
import { CLI } from './cli.js';

export interface BoundedRun {
  status: number;
  stdout: string;
  stderr: string;
  /** The child's peak resident memory in MB, when it was run with `measure`. */
  peakMb?: number;
}

export interface BoundedOptions {
  /** The hard bound (default 15 s). */
  ms?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Report the child's peak RSS (a preload prints it as the process exits). */
  measure?: boolean;
}

const PEAK_RSS =
  'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\npeak-rss-kb ${process.resourceUsage().maxRSS}\\n`))';

/**
 * Runs a child with a hard bound: past it the child is killed and the test fails saying so, so a
 * hang is a failed test, never a stuck suite.
 */
export function boundedRun(
  command: string,
  args: string[],
  options: BoundedOptions = {},
): BoundedRun {
  const ms = options.ms ?? 15_000;
  const run = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: ms,
    killSignal: 'SIGKILL',
    env: { ...process.env, ...options.env },
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  if (run.status === null) {
    throw new Error(
      `${[command, ...args].join(' ')} did not end within ${ms} ms (${run.signal ?? run.error?.message}); stderr: ${run.stderr}`,
    );
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `node ARGS` under boundedRun; with `measure`, its peak RSS too. */
export function boundedNode(args: string[], options: BoundedOptions = {}): BoundedRun {
  const preload = options.measure ? ['--import', PEAK_RSS] : [];
  const run = boundedRun(process.execPath, [...preload, ...args], options);
  if (!options.measure) return run;
  const match = /\npeak-rss-kb (\d+)\n$/.exec(run.stderr);
  if (!match) throw new Error(`no peak RSS reported; stderr: ${run.stderr}`);
  return { ...run, stderr: run.stderr.slice(0, match.index), peakMb: Number(match[1]) / 1024 };
}

/** `trailhound ARGS` under boundedNode. */
export function boundedCli(args: string[], options: BoundedOptions = {}): BoundedRun {
  return boundedNode([CLI, ...args], options);
}

/** A FIFO at `path` (mkfifo(1): Node has no call for it). */
export function mkfifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}
