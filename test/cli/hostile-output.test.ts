import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { iamUser, makeRecord, tempTree } from '../helpers/records.js';
import { byEventId, field, lines, parseCsv, type Raw } from './fixture-records.js';

/** Sets the terminal title, clears the screen, a one-byte CSI, a bidi override, NUL and DEL. */
const HOSTILE = 'a\x1b]0;pwned\x07b\x1b[2Jc\x9b31md\u202ee\x00f\x7fg';
/** The same text as trailhound shows it: every dangerous character as a visible escape. */
const SHOWN = String.raw`a\x1b]0;pwned\x07b\x1b[2Jc\x9b31md\u202ee\x00f\x7fg`;
const RAW_CHARACTERS = ['\x1b', '\x07', '\x9b', '\u202e', '\x00', '\x7f'];

const tree = tempTree('cli-hostile');
afterAll(() => tree.remove());

const records = [0, 1, 2].map((i) =>
  makeRecord({
    eventTime: `2024-04-01T12:0${i}:00Z`,
    eventName: 'GetObject',
    userIdentity: {
      ...iamUser('x'),
      userName: `${HOSTILE}${i}`,
      arn: `arn:aws:iam::1:user/${HOSTILE}`,
    },
    userAgent: HOSTILE,
    requestParameters: { bucketName: HOSTILE, key: 'report.pdf' },
  }),
);
const file = tree.write('hostile.jsonl', records.map((r) => JSON.stringify(r)).join('\n'));
// A file whose very name is hostile, and broken, so its name reaches the failure reports.
const badFile = tree.write(`bad\x1b[2J\u202e.json`, '{"Records": [');

function expectNoRawControls(text: string): void {
  expect(text.length).toBeGreaterThan(0);
  for (const char of RAW_CHARACTERS) expect(text.includes(char), JSON.stringify(char)).toBe(false);
}

describe('attacker-controlled strings never reach the terminal raw', { timeout: 60_000 }, () => {
  it('events (table) shows them as visible escapes', async () => {
    const run = await runCli(['events', file, badFile]);
    expect(run.code).toBe(0);
    expectNoRawControls(run.stdout);
    expectNoRawControls(run.stderr);
    expect(lines(run.stdout)).toHaveLength(3);
    // The principal cell is cut to its width, but the escapes it shows are visible text.
    expect(run.stdout).toContain(SHOWN.slice(0, 20));
    expect(run.stderr).toContain(String.raw`bad\x1b[2J\u202e.json`);
  });

  it('events --format csv escapes them in every cell', async () => {
    const run = await runCli(['events', file, '--format', 'csv']);
    expect(run.code).toBe(0);
    expectNoRawControls(run.stdout);
    const rows = parseCsv(run.stdout).slice(1);
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row[1])).toEqual([0, 1, 2].map((i) => `${SHOWN}${i}`));
    for (const row of rows) {
      expect(row[10]).toBe(SHOWN);
      expect(row[12]).toContain(SHOWN);
    }
  });

  it('events --format jsonl escapes them yet parses back to the original strings', async () => {
    const run = await runCli(['events', file, '--format', 'jsonl']);
    expect(run.code).toBe(0);
    expectNoRawControls(run.stdout);
    const out = lines(run.stdout).map((line) => JSON.parse(line) as Raw);
    expect(out.sort(byEventId)).toEqual([...records].sort(byEventId));
    expect(field(out[0]!, 'requestParameters', 'bucketName')).toBe(HOSTILE);
    expect(field(out[0]!, 'userAgent')).toBe(HOSTILE);
  });

  it('stats (text) shows them as visible escapes, file names included', async () => {
    const run = await runCli(['stats', file, badFile]);
    expect(run.code).toBe(0);
    expectNoRawControls(run.stdout);
    expect(lines(run.stdout)).toContain(`         1  ${SHOWN}0`);
    expect(run.stdout).toContain(
      String.raw`  failed: ${tree.root}/bad\x1b[2J\u202e.json: invalid JSON`,
    );
  });

  it('stats --format json escapes them yet parses back to the original strings', async () => {
    const run = await runCli(['stats', file, badFile, '--format', 'json']);
    expect(run.code).toBe(0);
    expectNoRawControls(run.stdout);
    const stats = JSON.parse(run.stdout) as {
      topPrincipals: { value: string; count: number }[];
      failures: { path: string }[];
    };
    expect(stats.topPrincipals.map((p) => p.value).sort()).toEqual(
      [0, 1, 2].map((i) => `${HOSTILE}${i}`),
    );
    expect(stats.failures.map((f) => f.path)).toEqual([badFile]);
  });
});
