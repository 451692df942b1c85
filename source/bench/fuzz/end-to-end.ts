/**
 * The built CLI run as a user would, on one fuzz case's files, each in a child process killed at
 * a hard deadline: `events --format jsonl` and `csv`, `stats`, `findings`, `report`. Checks the
 * exit code, that no stack trace and no raw control character reaches stdout or stderr, and the
 * time.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyCase, serializeCase } from '../../case/index.js';
import { findRaw } from './hostile.js';

const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

/**
 * A child gets this long, then SIGKILL. One takes about 2 s of CPU (start, load, the geo tables);
 * the rest is room for a machine shared with other work.
 */
export const CHILD_MS = 60_000;

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

function runChild(args: string[], timeoutMs: number): Promise<ChildRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

const STACK = /\n\s+at .+:\d+:\d+\)?$/m;

export async function endToEnd(
  paths: string[],
  dir: string,
  timeoutMs = CHILD_MS,
): Promise<string[]> {
  const failures: string[] = [];
  const casePath = join(dir, 'end-to-end.case.json');
  const caseFile = emptyCase('fuzz-e2e', 'fuzz', new Date(0));
  caseFile.sources = paths.map((path) => ({ kind: 'path', value: path }));
  writeFileSync(casePath, serializeCase(caseFile));
  const runs: [string, string[]][] = [
    ['events jsonl', ['events', ...paths, '--format', 'jsonl']],
    ['events csv', ['events', ...paths, '--format', 'csv']],
    ['stats', ['stats', ...paths]],
    ['findings', ['findings', ...paths]],
    ['report', ['report', '--case', casePath, '--format', 'md']],
  ];
  for (const [name, args] of runs) {
    const run = await runChild(args, timeoutMs);
    const label = `end-to-end ${name}`;
    if (run.timedOut) {
      failures.push(`${label}: killed after ${timeoutMs} ms`);
      continue;
    }
    // 0, or 1 when no file gave an event (one line per file says why).
    if (run.code !== 0 && run.code !== 1)
      failures.push(`${label}: exit ${run.code}: ${run.stderr.slice(0, 300)}`);
    if (run.code === 1 && name !== 'report' && !/trailhound: /.test(run.stderr))
      failures.push(`${label}: exit 1 without a reason`);
    if (STACK.test(run.stderr)) failures.push(`${label}: stack trace on stderr`);
    const raw = findRaw(run.stdout.replaceAll('\r\n', '\n')) ?? findRaw(run.stderr);
    if (raw) failures.push(`${label}: ${raw}`);
  }
  return failures;
}
