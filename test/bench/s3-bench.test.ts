/**
 * `npm run bench -- s3` end to end on a tiny tree, so the bench cannot rot: moto started and
 * stopped by the bench, the tree uploaded, the disk load, the cold pull (every object fetched)
 * and the warm reopen (no GetObject at all) each loading every event, and the figures printed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { describeWithMoto } from '../helpers/moto.js';

const run = promisify(execFile);
const BENCH = fileURLToPath(new URL('../../dist/bench/run.js', import.meta.url));
const trees = mkdtempSync(join(tmpdir(), 'trailhound-s3-bench-test-'));
afterAll(() => rmSync(trees, { recursive: true, force: true }));

async function bench(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout } = await run(process.execPath, [BENCH, 's3', ...args], {
      env: { ...process.env, TRAILHOUND_BENCH_DIR: trees, ...env },
      timeout: 110_000,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The number after `label` on the line starting with `line`. */
function figure(stdout: string, line: string, label: RegExp): string | undefined {
  const found = stdout.split('\n').findIndex((text) => text.trimStart().startsWith(line));
  // A result's details run over the two lines after its first.
  const text = stdout
    .split('\n')
    .slice(found, found + 3)
    .join('\n');
  return found < 0 ? undefined : label.exec(text)?.[1];
}

it('says in one line that moto is missing, and fails', async () => {
  const { code, stdout } = await bench(['400', '--runs', '1'], {
    TRAILHOUND_MOTO_PYTHON: join(trees, 'no-such-python'),
  });
  expect(code).toBe(1);
  expect(stdout).toMatch(/^s3 bench: not run: moto's S3 is needed and .*no-such-python/m);
  expect(stdout).not.toMatch(/^\s+at /m);
});

describeWithMoto('npm run bench -- s3 on a tiny tree', () => {
  it('pulls every event cold, reopens with no GetObject, and prints both against disk', async () => {
    const { code, stdout } = await bench(['900', '--runs', '1']);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^machine: \d+ × /m);
    const objects = Number(/(\d+) objects, \d+ MiB gzipped/.exec(stdout)?.[1]);
    expect(objects).toBeGreaterThan(1);
    expect(figure(stdout, 'disk load', /([\d,]+) events/)).toBe('900');
    // Every object fetched once, cold; none at all from the cache.
    expect(figure(stdout, 'cold pull', /GetObject (\d+)/)).toBe(String(objects));
    expect(figure(stdout, 'cold pull', /(\d+) cached/)).toBe('0');
    expect(figure(stdout, 'warm reopen', /GetObject (\d+)/)).toBe('0');
    expect(figure(stdout, 'warm reopen', /(\d+) cached/)).toBe(String(objects));
    for (const line of ['cold pull', 'warm reopen']) {
      expect(figure(stdout, line, /([\d.]+) × disk/)).toMatch(/^\d+\.\d\d$/);
      expect(figure(stdout, line, /peak RSS (\d+) MB/)).toMatch(/^\d+$/);
    }
    // A pull that lost or failed anything says so with !!!: none here.
    expect(stdout).not.toContain('!!!');
  }, 120_000);
});
