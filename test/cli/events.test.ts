import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';
import {
  iamUser,
  lookupEventsJson,
  makeRecord,
  tempTree,
  type TestRecord,
} from '../helpers/records.js';
import {
  byEventId,
  byTime,
  cliTime,
  field,
  flaws2Records,
  lines,
  parseCsv,
  stratusRecords,
  type Raw,
} from './fixture-records.js';

const STRATUS = fixture('stratus');
const stratus = stratusRecords();
const iam = stratus.filter((r) => field(r, 'eventSource') === 'iam.amazonaws.com');
const tree = tempTree('cli-events');
afterAll(() => tree.remove());

/** The table's fixed-width cell: padded, or cut with an ellipsis. */
const cell = (value: string, width: number) =>
  value.length <= width ? value.padEnd(width) : `${value.slice(0, width - 1)}…`;

function expectTimeOrder(times: number[]): void {
  times.forEach((time, i) => {
    if (i > 0) expect(time).toBeGreaterThanOrEqual(times[i - 1]!);
  });
}

describe('trailhound events (table)', { timeout: 60_000 }, () => {
  it('prints the one CreateUser event of the stratus set as an exact table line', async () => {
    const expected = stratus.filter((r) => field(r, 'eventName').toLowerCase() === 'createuser');
    expect(expected).toHaveLength(1);
    const r = expected[0]!;
    const run = await runCli(['events', STRATUS, '--filter', 'event:CreateUser']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(lines(run.stdout)).toEqual([
      [
        cell(cliTime(r), 20),
        cell(field(r, 'userIdentity', 'userName'), 32),
        cell('CreateUser', 32),
        cell(field(r, 'sourceIPAddress'), 24),
        cell(field(r, 'awsRegion'), 14),
      ]
        .join('  ')
        .trimEnd(),
    ]);
  });

  it('prints every IAM event of the stratus set, in time order', async () => {
    const run = await runCli(['events', STRATUS, '--filter', 'source:iam.amazonaws.com']);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(iam.length).toBeGreaterThan(5);
    expect(out).toHaveLength(iam.length);
    const times = out.map((line) => line.slice(0, 20).trim());
    expect(times).toEqual(iam.map(cliTime).sort());
    expectTimeOrder(times.map((t) => Date.parse(t)));
    const names = out.map((line) => line.split(/\s{2,}/)[2]).sort();
    expect(names).toEqual(iam.map((r) => field(r, 'eventName')).sort());
  });

  it('counts the flaws2 attacker IP exactly as the gzipped S3 tree holds it', async () => {
    const expected = flaws2Records().filter(
      (r) => field(r, 'sourceIPAddress') === '104.102.221.250',
    );
    expect(expected.length).toBeGreaterThan(0);
    const run = await runCli(['events', fixture('flaws2'), '--filter', 'ip:104.102.221.250']);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out).toHaveLength(expected.length);
    for (const line of out) expect(line.split(/\s{2,}/)[3]).toBe('104.102.221.250');
    expect(out.map((line) => line.slice(0, 20).trim())).toEqual(expected.map(cliTime).sort());
  });
});

describe('trailhound events --format jsonl', { timeout: 60_000 }, () => {
  it('prints the original records of a filter, in time order', async () => {
    const run = await runCli([
      'events',
      STRATUS,
      '--filter',
      'source:iam.amazonaws.com',
      '--format',
      'jsonl',
    ]);
    expect(run.code).toBe(0);
    const out = lines(run.stdout).map((line) => JSON.parse(line) as Raw);
    expectTimeOrder(out.map((r) => Date.parse(field(r, 'eventTime'))));
    expect([...out].sort(byEventId)).toEqual([...iam].sort(byEventId));
  });

  it('reads a lookup-events document from stdin with -', async () => {
    const records = stratus
      .filter((r) => field(r, 'eventSource') === 'secretsmanager.amazonaws.com')
      .slice(0, 6);
    expect(records.length).toBeGreaterThan(1);
    const stdin = lookupEventsJson(records as TestRecord[]);
    const table = await runCli(['events', '-'], { stdin });
    expect(table.code).toBe(0);
    expect(lines(table.stdout)).toHaveLength(records.length);
    const jsonl = await runCli(['events', '-', '--format', 'jsonl'], { stdin });
    expect(jsonl.code).toBe(0);
    const out = lines(jsonl.stdout).map((line) => JSON.parse(line) as Raw);
    expect([...out].sort(byEventId)).toEqual([...records].sort(byEventId));
    expect(out.map(cliTime)).toEqual([...records].sort(byTime).map(cliTime));
  });
});

describe('trailhound events --format csv', { timeout: 60_000 }, () => {
  it('has a header and one row per event', async () => {
    const run = await runCli([
      'events',
      STRATUS,
      '--filter',
      'source:iam.amazonaws.com',
      '--format',
      'csv',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(run.stdout);
    expect(rows[0]).toEqual([
      'eventTime',
      'principal',
      'principalArn',
      'identityType',
      'eventName',
      'eventSource',
      'sourceIPAddress',
      'awsRegion',
      'account',
      'accessKeyId',
      'userAgent',
      'error',
      'resources',
    ]);
    expect(rows).toHaveLength(iam.length + 1);
    for (const row of rows.slice(1)) expect(row).toHaveLength(13);
    expect(rows.slice(1).map((row) => row[0])).toEqual(iam.map(cliTime).sort());
    expect(rows.slice(1).map((row) => row[5])).toEqual(iam.map(() => 'iam.amazonaws.com'));
  });

  it('quotes commas and quotes, and neutralizes formula injection', async () => {
    const records = [
      ['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0"],
      ['@SUM(1)', '-2+3'],
      ['plain', 'Boto3/1.34 (linux, "x86")'],
    ].map(([userName, userAgent], i) =>
      makeRecord({
        userIdentity: { ...iamUser('x'), userName, arn: `arn:aws:iam::111122223333:user/u${i}` },
        userAgent,
        eventTime: `2024-03-01T10:0${i}:00Z`,
      }),
    );
    const file = tree.write('injection.jsonl', records.map((r) => JSON.stringify(r)).join('\n'));
    const run = await runCli(['events', file, '--format', 'csv']);
    expect(run.code).toBe(0);
    const rows = parseCsv(run.stdout).slice(1);
    expect(rows.map((row) => [row[1], row[10]])).toEqual([
      [`'=HYPERLINK("http://evil")`, `'+cmd|' /C calc'!A0`],
      [`'@SUM(1)`, `'-2+3`],
      ['plain', 'Boto3/1.34 (linux, "x86")'],
    ]);
    expect(run.stdout).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(run.stdout).toContain(`"Boto3/1.34 (linux, ""x86"")"`);
    for (const row of rows) for (const value of row) expect(value).not.toMatch(/^\s*[=+\-@]/);
  });
});
