import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCase } from '../../source/case/index.js';
import { CLI } from '../helpers/cli.js';
import { tempTree } from '../helpers/records.js';

const tree = tempTree('write-paths');
afterAll(() => tree.remove());

/** `trailhound ARGS` killed after `seconds`: a hang fails the test with a clear message. */
function bounded(args: string[], seconds: number) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: seconds * 1000,
    killSignal: 'SIGKILL',
  });
  const hung = run.signal === 'SIGKILL';
  return { ...run, hung, seconds: (Date.now() - started) / 1000 };
}

describe('hostile write paths end with one clear line', { timeout: 60_000 }, () => {
  it.each([
    [
      '/proc/nope',
      'cannot create folder /proc/nope: this file system does not allow creating it (ENOENT)',
    ],
  ])('demo --write %s', (dir, line) => {
    const run = bounded(['demo', '--write', dir], 20);
    // Before: Node's recursive mkdir retried ENOENT under /proc forever.
    expect(run.hung, `demo --write ${dir} still running after 20 s`).toBe(false);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`trailhound: ${line}\n`);
  });
});

describe('report --out through the atomic writer', { timeout: 60_000 }, () => {
  it('a link planted at --out to the analyst notes: the notes keep their bytes', () => {
    const casePath = join(tree.root, 'case.json');
    createCase(casePath, { title: 'planted link', sources: [] });
    const notes = tree.write('notes.md', '# analyst notes\nkeep me\n');
    const out = join(tree.root, 'case.report.md');
    symlinkSync(notes, out);
    const run = bounded(['report', '--case', casePath, '--out', out], 30);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(notes, 'utf8')).toBe('# analyst notes\nkeep me\n');
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(readFileSync(out, 'utf8')).toContain('planted link');
  });
});
