import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCase, type CaseStore } from '../../source/case/index.js';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { runCli } from '../helpers/cli.js';
import { runInPty } from '../helpers/pty.js';
import { tempTree } from '../helpers/records.js';
import { lines } from './fixture-records.js';

const tree = tempTree('cases');
afterAll(() => tree.remove());
const env = { XDG_STATE_HOME: tree.root };
const folder = join(tree.root, 'trailhound', 'cases');

/** Three cases, changed in the order older, other, newer (a suspect marked in `newer` last). */
function seed(): Record<'older' | 'other' | 'newer', CaseStore> {
  // Each case's clock moves on by five minutes a change: `newer`'s later change comes last.
  const at = (minute: number) => {
    let now = minute;
    return () => new Date(Date.UTC(2026, 11, 7, 9, (now += 5)));
  };
  const make = (name: string, minute: number, sources: string[]) =>
    createCase(
      join(folder, `${name}.json`),
      { title: `case ${name}`, sources: sources.map((value) => ({ kind: 'path', value })) },
      { clock: at(minute) },
    );
  const newer = make('20261207T090000Z-aaaaaaaa', 0, [DEMO_DATA_FILE]);
  const older = make('20261207T090100Z-bbbbbbbb', 1, ['/gone/trail']);
  const other = make('20261207T090200Z-cccccccc', 2, [DEMO_DATA_FILE, '/gone/trail']);
  return { older, other, newer };
}
const cases = seed();
cases.newer.update(
  (draft) => {
    draft.suspects.push({
      kind: 'principal',
      value: 'KeyHunter',
      markedAt: '2026-12-07T09:05:00Z',
      note: '',
    });
  },
  { action: 'marked suspect', detail: 'KeyHunter' },
);

describe('trailhound cases', { timeout: 60_000 }, () => {
  it('lists the cases folder newest change first: number, name, sources, suspects, path', async () => {
    const run = await runCli(['cases'], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = lines(run.stdout);
    expect(out[0]).toMatch(
      /^ {2}1 {2}20261207T090000Z-aaaaaaaa {2}case 20261207T090000Z-aaaaaaaa {2}changed 2026-12-07 \d\d:\d\d UTC$/,
    );
    expect(out[1]).toBe(`     1 suspect(s), 0 pinned, 0 step(s) done · ${DEMO_DATA_FILE}`);
    expect(out[2]).toBe(`     ${join(folder, '20261207T090000Z-aaaaaaaa.json')}`);
    expect(out[3]).toMatch(/^ {2}2 {2}20261207T090200Z-cccccccc /);
    expect(out[4]).toContain(`${DEMO_DATA_FILE} (+1 more)`);
    expect(out[6]).toMatch(/^ {2}3 {2}20261207T090100Z-bbbbbbbb /);
    expect(out.at(-1)).toBe(
      `3 case(s) in ${folder}; open one with trailhound --case NUMBER or NAME`,
    );
  });

  it('as JSON', async () => {
    const run = await runCli(['cases', '--format', 'json'], { env });
    const json = JSON.parse(run.stdout) as {
      cases: { number: number; name: string; suspects: number }[];
    };
    expect(json.cases.map((entry) => [entry.number, entry.name, entry.suspects])).toEqual([
      [1, '20261207T090000Z-aaaaaaaa', 1],
      [2, '20261207T090200Z-cccccccc', 0],
      [3, '20261207T090100Z-bbbbbbbb', 0],
    ]);
  });

  it('says so when there are none', async () => {
    const run = await runCli(['cases'], { env: { XDG_STATE_HOME: join(tree.root, 'none') } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^no cases yet in /);
  });
});

describe('--case takes an entry of that list', { timeout: 60_000 }, () => {
  it('by number and by name', async () => {
    const first = await runCli(['report', '--case', '1', '--format', 'json'], { env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      caseId: cases.newer.current.id,
    });
    const named = await runCli(
      ['report', '--case', '20261207T090100Z-bbbbbbbb', '--format', 'json'],
      { env },
    );
    expect(JSON.parse(named.stdout)).toMatchObject({
      caseId: cases.older.current.id,
    });
  });

  it('a number past the list is a usage error', async () => {
    const run = await runCli(['report', '--case', '9'], { env });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'trailhound: --case: no case 9: trailhound cases lists 3 (see trailhound --help)',
    ]);
  });
});

describe('the TUI says which case it opened', { timeout: 60_000 }, () => {
  it('reopened, by number', () => {
    const run = runInPty(['--case', '1'], { env, settle: 8, keys: 'q', columns: 160 });
    expect(run.code).toBe(0);
    expect(run.output).toContain('reopened case 20261207T090000Z-aaaaaaaa');
  });

  it('new, without --case', () => {
    const run = runInPty([DEMO_DATA_FILE], { env, settle: 8, keys: 'q', columns: 160 });
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/new case \d{8}T\d{6}Z-[0-9a-f]{8}/);
  });
});
