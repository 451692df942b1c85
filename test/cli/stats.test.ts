import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture, FIXTURES } from '../helpers/fixtures.js';
import { makeRecord, makeRecords, recordsJson, tempTree } from '../helpers/records.js';
import { allFixtureRecords, countBy, field, lines } from './fixture-records.js';

interface Stats {
  files: { read: number; skipped: number; failed: number };
  failures: { path: string; reason: string }[];
  skipped: { path: string; reason: string }[];
  events: number;
  matching: number;
  duplicatesDropped: number;
  malformedRecords: number;
  malformed: { path: string; reason: string }[];
  timeSpan: { first: string; last: string } | null;
  topPrincipals: { value: string; count: number }[];
  topSourceIps: { value: string; count: number }[];
  topEventNames: { value: string; count: number }[];
}

const records = allFixtureRecords();
/** Four fixture records (Insight fragments, a trimmed sample) have no eventTime: not events. */
const all = records.filter((r) => field(r, 'eventTime') !== '');
const tree = tempTree('cli-stats');
afterAll(() => tree.remove());

describe('trailhound stats on every shared fixture', { timeout: 60_000 }, () => {
  const times = all.map((r) => Date.parse(field(r, 'eventTime'))).filter((t) => !Number.isNaN(t));
  const first = new Date(Math.min(...times)).toISOString();
  const last = new Date(Math.max(...times)).toISOString();
  const ips = countBy(all, (r) => field(r, 'sourceIPAddress'));
  const names = countBy(all, (r) => field(r, 'eventName'));
  // The Stratus detonations come from many accounts, each with its own christophe: the fixtures
  // are a trail of several accounts, so principals are counted per account (ACCOUNT/name).
  const christophes = countBy(
    all.filter((r) => field(r, 'userIdentity', 'userName') === 'christophe'),
    (r) => `${field(r, 'userIdentity', 'accountId')}/christophe`,
  );
  const [busiest, busiestCount] = [...christophes].sort((a, b) => b[1] - a[1])[0]!;
  const christophe = { value: busiest, count: busiestCount };

  it('reports files, events and the top values as JSON', async () => {
    expect(records).toHaveLength(372);
    expect(all).toHaveLength(368);
    // No record is delivered twice (AWS's doc samples reuse eventIDs, but for different events).
    expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(368);
    const run = await runCli(['stats', FIXTURES, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const stats = JSON.parse(run.stdout) as Stats;
    // 35 stratus files, 8 flaws2 .json.gz, 2 JSON lines files; the .yml rules and README ignored.
    expect(stats.files).toEqual({ read: 45, skipped: 0, failed: 0 });
    expect(stats.failures).toEqual([]);
    expect(stats.events).toBe(368);
    expect(stats.matching).toBe(368);
    expect(stats.duplicatesDropped).toBe(0);
    expect(stats.malformedRecords).toBe(4);
    expect(stats.malformed.map((m) => m.reason.replace(/\d+/, 'N'))).toEqual(
      Array(4).fill('record N: no eventTime'),
    );
    expect(stats.timeSpan).toEqual({ first, last });
    expect(stats.topSourceIps).toHaveLength(10);
    for (const { value, count } of stats.topSourceIps) expect(count).toBe(ips.get(value));
    const ipCounts = [...ips.values()].sort((a, b) => b - a).slice(0, 10);
    expect(stats.topSourceIps.map((v) => v.count)).toEqual(ipCounts);
    for (const { value, count } of stats.topEventNames) expect(count).toBe(names.get(value));
    const nameCounts = [...names.values()].sort((a, b) => b - a).slice(0, 10);
    expect(stats.topEventNames.map((v) => v.count)).toEqual(nameCounts);
    expect(christophes.size).toBeGreaterThan(1);
    expect(stats.topPrincipals[0]).toEqual(christophe);
  });

  it('says the same as text', async () => {
    const run = await runCli(['stats', FIXTURES]);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out.slice(0, 5)).toEqual([
      'files: 45 read, 0 skipped, 0 failed',
      'events: 368',
      'duplicates dropped: 0',
      'malformed records: 4',
      expect.stringMatching(/^  malformed: .*: record \d+: no eventTime$/),
    ]);
    expect(out).toContain(`time span: ${first} .. ${last}`);
    const section = (title: string) => {
      const start = out.indexOf(`${title}:`);
      expect(start).toBeGreaterThan(0);
      const rows = [];
      for (const line of out.slice(start + 1)) {
        const match = /^\s+(\d+)\s{2}(.*)$/.exec(line);
        if (!match) break;
        rows.push({ count: Number(match[1]), value: match[2] });
      }
      return rows;
    };
    expect(section('top principals')[0]).toEqual(christophe);
    const topIps = section('top source IPs');
    expect(topIps).toHaveLength(10);
    for (const { value, count } of topIps) expect(count).toBe(ips.get(value!));
    expect(section('top event names')[0]).toEqual({
      value: 'DescribeInstanceInformation',
      count: names.get('DescribeInstanceInformation'),
    });
  });

  it('counts what the filter matches', async () => {
    const run = await runCli(['stats', fixture('flaws2'), '--filter', 'ip:104.102.221.250']);
    const expected = all.filter((r) => field(r, 'sourceIPAddress') === '104.102.221.250');
    expect(lines(run.stdout)[1]).toBe(`events: 37 (${expected.length} match the filter)`);
  });
});

describe('trailhound stats on a directory with broken files', { timeout: 60_000 }, () => {
  const [a, b, c] = makeRecords(3, '2024-05-01T08:00:00Z', 'Broken');
  const root = path.join(tree.root, 'mixed');
  tree.write('mixed/one.json', recordsJson([a, b]));
  // b again, as CloudTrail may deliver a record twice in two files.
  tree.write('mixed/two.json.gz', gzipSync(recordsJson([b, c])));
  const big = gzipSync(recordsJson(makeRecords(200, '2024-05-02T00:00:00Z')));
  tree.write('mixed/truncated.json.gz', big.subarray(0, Math.floor(big.length / 2)));
  tree.write('mixed/invalid.json', '{"Records": [{"eventID": ');
  tree.write('mixed/empty.json', '');
  tree.write('mixed/lines.jsonl', `${JSON.stringify(makeRecord())}\n{"eventName": oops\n`);
  tree.write('mixed/notes.md', 'not a log');
  tree.write(
    'mixed/111122223333_CloudTrail-Digest_us-east-1_20240501T0800Z.json.gz',
    gzipSync('{"digestStartTime":"2024-05-01T07:00:00Z"}'),
  );
  const failures = [
    [path.join(root, 'empty.json'), 'empty file'],
    [path.join(root, 'invalid.json'), /^invalid JSON/],
    [path.join(root, 'truncated.json.gz'), /^truncated or corrupt gzip/],
  ] as const;

  it('names each failed file with its reason; exit 0, or 1 under --strict', async () => {
    const run = await runCli(['stats', root, '--format', 'json']);
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout) as Stats;
    expect(stats.files).toEqual({ read: 3, skipped: 1, failed: 3 });
    expect(stats.failures.map((f) => f.path).sort()).toEqual(failures.map(([p]) => p));
    for (const [file, reason] of failures) {
      expect(stats.failures.find((f) => f.path === file)?.reason).toMatch(reason);
    }
    expect(stats.skipped).toEqual([
      {
        path: path.join(root, '111122223333_CloudTrail-Digest_us-east-1_20240501T0800Z.json.gz'),
        reason: 'CloudTrail digest file',
      },
    ]);
    expect(stats.events).toBe(4);
    expect(stats.duplicatesDropped).toBe(1);
    expect(stats.malformedRecords).toBe(1);
    expect((await runCli(['stats', root, '--strict', '--format', 'json'])).code).toBe(1);

    const text = await runCli(['stats', root]);
    expect(text.code).toBe(0);
    const out = lines(text.stdout);
    expect(out[0]).toBe('files: 3 read, 1 skipped, 3 failed');
    for (const [file] of failures) {
      expect(out.some((line) => line.startsWith(`  failed: ${file}: `))).toBe(true);
    }
    expect(out).toContain('duplicates dropped: 1');
    expect(out).toContain('malformed records: 1');
    expect((await runCli(['stats', root, '--strict'])).code).toBe(1);
  });

  it('events prints the good events and the failures on stderr; exit 1 only under --strict', async () => {
    const run = await runCli(['events', root]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(4);
    const errors = lines(run.stderr);
    for (const [file] of failures) {
      expect(errors.some((line) => line.startsWith(`trailhound: ${file}: `))).toBe(true);
    }
    expect(errors).toContain('trailhound: 1 malformed record(s) skipped');
    // The malformed line of lines.jsonl, named with its file and why.
    expect(errors).toContain(
      `trailhound: ${path.join(root, 'lines.jsonl')}: record 2: not valid JSON (or null)`,
    );
    expect(errors).toHaveLength(5);
    expect((await runCli(['events', root, '--strict'])).code).toBe(1);
  });

  it('reads JSON lines from stdin with -', async () => {
    const records = makeRecords(5, '2024-06-01T00:00:00Z', 'Piped');
    const stdin = records.map((r) => JSON.stringify(r)).join('\n');
    const run = await runCli(['stats', '-', '--format', 'json'], { stdin });
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout) as Stats;
    expect(stats.events).toBe(5);
    expect(stats.files).toEqual({ read: 1, skipped: 0, failed: 0 });
    expect(stats.timeSpan).toEqual({
      first: '2024-06-01T00:00:00.000Z',
      last: '2024-06-01T00:04:00.000Z',
    });
    expect(stats.topEventNames.map((v) => v.value).sort()).toEqual(
      records.map((r) => r.eventName).sort(),
    );
  });
});
