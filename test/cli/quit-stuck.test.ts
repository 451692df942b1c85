import { execFileSync, spawn } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkfifo } from '../helpers/bounded.js';
import { runInPty } from '../helpers/pty.js';
import { runPtySteps } from '../helpers/pty-steps.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

/**
 * A FIFO among the TUI's sources used to leave a parse thread blocked in open(2): the screen
 * never came, `q` did nothing, and SIGTERM left a live process (process.exit waits for every
 * thread). The pty driver kills the TUI when its bound passes, so a hang is a failed test.
 */
const tree = tempTree('quit-stuck');
afterAll(() => tree.remove());
const env = { XDG_STATE_HOME: join(tree.root, 'state') };

describe('q never leaves a live process', { timeout: 60_000 }, () => {
  let trail: string;
  beforeAll(() => {
    tree.write('trail/good.json', recordsJson(makeRecords(3, '2024-05-01T00:00:00Z')));
    trail = join(tree.root, 'trail');
    mkfifo(join(trail, 'pipe.json'));
    // Named with a Latin-1 byte: shown escaped.
    execFileSync('sh', ['-c', 'mkfifo "$1$(printf "p\\351.json")"', 'sh', `${trail}/`]);
    symlinkSync('/dev/zero', join(trail, 'zero.json.gz'));
  });

  it('the TUI opens beside a FIFO and /dev/zero, names them, and q ends it', () => {
    // Each step waits for the screen (the load and detections done, then the overlay open).
    const run = runPtySteps(
      [trail],
      [
        { wait: 'no findings', keys: 'E' },
        { wait: 'is a character device', keys: 'q' },
        { wait: 'no findings', keys: 'q' },
      ],
      { env },
    );
    expect(run.code, 'the TUI did not end on q (killed when its bound passed)').toBe(0);
    expect(run.output).toContain('3 events');
    expect(run.output).toContain('3 bad files');
    // Each named in the errors overlay (E), with its kind.
    for (const name of ['pipe.json', 'p\\xe9.json', 'zero.json.gz'])
      expect(run.output).toContain(`${trail}/${name}`);
    expect(run.output).toContain('is a FIFO, not a regular file');
    expect(run.output).toContain('is a character device, not a regular file');
  });

  it('a --case that is a FIFO is refused before the screen is taken', () => {
    const fifo = mkfifo(join(tree.root, 'case.json'));
    const run = runInPty(['--case', fifo, trail], { env, limit: 20, columns: 200 });
    expect(run.code, 'the TUI did not end (killed when its bound passed)').toBe(1);
    expect(run.output).toContain(`cannot open case ${fifo}: it is a FIFO, not a regular file`);
  });

  it('its way out (SIGTERM, q) ends the process even with a thread stuck in a system call', async () => {
    // A thread blocked in open(2) on a FIFO with no writer: process.exit alone waits forever.
    const exitProcess = fileURLToPath(new URL('../../dist/cli/exit-process.js', import.meta.url));
    const script = join(tree.root, 'stuck.mjs');
    writeFileSync(
      script,
      `
import { Worker } from 'node:worker_threads';
import { exitProcess } from ${JSON.stringify(exitProcess)};
const worker = new Worker("require('fs').readFileSync(process.argv[2]); ", {
  eval: true,
  argv: [process.argv[2]],
});
worker.on('online', () => setTimeout(() => console.log('stuck'), 200));
process.once('SIGTERM', () => exitProcess(143, 500));
`,
    );
    const child = spawn(process.execPath, [script, mkfifo(join(tree.root, 'never-written'))], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(String(signal ?? code))),
    );
    const bound = (ms: number) =>
      new Promise<string>((resolve) => setTimeout(() => resolve('still running'), ms));
    const ready = new Promise<string>((resolve) =>
      child.stdout.once('data', () => resolve('ready')),
    );
    const state = await Promise.race([ready, exited, bound(10_000)]);
    expect(state, `the child did not get stuck as planned: ${stderr}`).toBe('ready');
    const started = Date.now();
    child.kill('SIGTERM');
    const ended = await Promise.race([exited, bound(10_000)]);
    if (ended === 'still running') child.kill('SIGKILL');
    expect(ended, 'the process outlived SIGTERM').toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(8000);
    expect(stderr).toBe(
      'trailhound: a thread was still busy 500 ms after quitting; ended it forcefully\n',
    );
  });
});
