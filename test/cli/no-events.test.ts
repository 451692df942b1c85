import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';
import { runInPty } from '../helpers/pty.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';
import { lines } from './fixture-records.js';

const tree = tempTree('no-events');
afterAll(() => tree.remove());

const MISSING = path.join(tree.root, 'does-not-exist');
const EMPTY = path.join(tree.root, 'empty');
fs.mkdirSync(EMPTY);
const BROKEN = path.join(tree.root, 'broken');
tree.write('broken/a.json', '{"Records": [{"eventID": ');
tree.write('broken/b.json', '');
tree.write('broken/README.md', 'not a log');
const GOOD = tree.write('good.json', recordsJson(makeRecords(3, '2025-03-14T10:00:00Z', 'Good')));
const STACK_LINE = /^\s+at /m;

const EMPTY_LINE = `trailhound: ${EMPTY}: no CloudTrail log files in it (looked for .json, .jsonl, .ndjson, .gz too)`;
const MISSING_LINE = `trailhound: ${MISSING}: no such file or directory`;

describe.concurrent('sources that give no event: every subcommand says why and exits 1', () => {
  const commands: [string, string[]][] = [
    ['events', ['events']],
    ['stats', ['stats']],
    ['stats --format json', ['stats', '--format', 'json']],
    ['findings', ['findings']],
    ['findings --format json', ['findings', '--format', 'json']],
    ['principal', ['principal', 'KeyHunter']],
  ];
  it.each(commands)(
    '%s on a missing path and an empty folder',
    { timeout: 60_000 },
    async (_name, args) => {
      const run = await runCli([...args, MISSING, EMPTY]);
      expect(run.code).toBe(1);
      // Not "no findings", not an empty table: nothing on stdout at all.
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)).toEqual([MISSING_LINE, EMPTY_LINE]);
      expect(run.stderr).not.toMatch(STACK_LINE);
    },
  );

  it('findings on one missing path', { timeout: 60_000 }, async () => {
    const run = await runCli(['findings', MISSING]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('no findings');
    expect(lines(run.stderr)).toEqual([MISSING_LINE]);
  });

  it('a folder of broken files: each file, then the folder', { timeout: 60_000 }, async () => {
    const run = await runCli(['stats', BROKEN]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const errors = lines(run.stderr);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(new RegExp(`^trailhound: ${BROKEN}/a\\.json: invalid JSON`));
    expect(errors[1]).toBe(`trailhound: ${BROKEN}/b.json: empty file`);
    expect(errors[2]).toBe(
      `trailhound: ${BROKEN}: no CloudTrail events: 2 files could not be read`,
    );
  });

  it('empty standard input', { timeout: 60_000 }, async () => {
    const run = await runCli(['events', '-'], { stdin: '' });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['trailhound: stdin: empty file']);
  });
});

describe('good and bad sources together', { timeout: 60_000 }, () => {
  it('loads the good ones and names the bad ones; exit 0 (1 under --strict)', async () => {
    const run = await runCli(['events', GOOD, EMPTY, MISSING]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(3);
    expect(lines(run.stderr)).toEqual([MISSING_LINE, EMPTY_LINE]);
    expect((await runCli(['events', GOOD, MISSING, '--strict'])).code).toBe(1);
  });

  it('findings still lists what the good source shows', async () => {
    const run = await runCli(['findings', fixture('stratus'), EMPTY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/finding\(s\)/);
    expect(lines(run.stderr)).toEqual([EMPTY_LINE]);
  });
});

describe('the TUI on sources that give no event', { timeout: 60_000 }, () => {
  it('refuses to start, on a normal screen, with the same lines; exit 1; no case left', () => {
    const state = path.join(tree.root, 'state');
    const run = runInPty([MISSING, EMPTY], { env: { XDG_STATE_HOME: state } });
    expect(run.code).toBe(1);
    // The full screen was never taken.
    expect(run.output).not.toContain('\x1b[?1049h');
    expect(lines(run.output.replaceAll('\r', ''))).toEqual([MISSING_LINE, EMPTY_LINE]);
    expect(fs.existsSync(path.join(state, 'trailhound', 'cases'))).toBe(false);
  });

  it('opens on a good source beside a bad one, and names the bad one', () => {
    const state = path.join(tree.root, 'state-mixed');
    const run = runInPty([GOOD, MISSING], {
      env: { XDG_STATE_HOME: state },
      settle: 6,
      keys: 'q',
      columns: 200,
    });
    expect(run.code).toBe(0);
    expect(run.output).toContain('\x1b[?1049h');
    expect(run.output).toContain('no events from');
    expect(run.output).toContain('does-not-exist: no such file or directory');
  });
});
