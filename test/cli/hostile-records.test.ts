import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { makeRecords, tempTree } from '../helpers/records.js';

const tree = tempTree('hostile-records');
afterAll(() => tree.remove());

/** A run of the built CLI that may not hang: killed at `ms`, and then the test fails saying so. */
function runBounded(
  args: string[],
  ms = 20_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`trailhound ${args.join(' ')} still running after ${ms} ms: killed`));
    }, ms);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const LEVELS = 5000;

/**
 * Good records around one whose requestParameters nests 5,000 objects deep, in CloudTrail's own
 * file shape. Written as text: JSON.stringify cannot write it.
 */
function deepTrail(): { file: string; good: string[] } {
  const good = makeRecords(4, '2025-01-01T10:00:00Z', 'Good');
  const deep = JSON.stringify({ ...good[0], eventID: 'deep-1', eventName: 'Deep', x: 0 }).replace(
    '"x":0',
    `"requestParameters":${'{"a":'.repeat(LEVELS)}"bottom"${'}'.repeat(LEVELS)}`,
  );
  const texts = good.map((record) => JSON.stringify(record));
  const file = tree.write(
    'deep/trail.json',
    `{"Records":[${texts[0]},${texts[1]},${deep},${texts[2]},${texts[3]}]}`,
  );
  return { file, good: good.map((record) => record.eventID as string) };
}

describe('a record nested 5,000 deep among good ones', () => {
  const { file, good } = deepTrail();

  it('events --format jsonl writes every record, the deep one whole; stats counts it', async () => {
    const run = await runBounded(['events', file, '--format', 'jsonl']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => record.eventID)).toEqual(expect.arrayContaining(good));
    // The evidence export keeps the record as it was logged: all 5,000 levels.
    const deep = lines.find((line) => line.includes('"deep-1"'))!;
    expect(deep).toContain(`"requestParameters":${'{"a":'.repeat(LEVELS)}"bottom"`);
    expect(records).toHaveLength(5);

    const stats = await runBounded(['stats', file, '--format', 'json']);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ events: 5, malformedRecords: 0 });
  });
});

describe('times that are not real instants in CloudTrail form', () => {
  const [first, bad, last] = makeRecords(3, '2025-01-01T10:00:00Z', 'Timed');
  const cases: [unknown, string][] = [
    ['0001-01-01T00:00:00Z', 'is outside the years CloudTrail can have written (2013-2099)'],
    ['0099-06-15T00:00:00Z', 'is outside the years CloudTrail can have written (2013-2099)'],
    ['2025-02-30T00:00:00Z', 'is not a real time'],
    ['12', 'is not a CloudTrail time (YYYY-MM-DDTHH:MM:SSZ)'],
    ['+275760-09-13T00:00:00Z', 'is not a CloudTrail time (YYYY-MM-DDTHH:MM:SSZ)'],
  ];
  const lines = [
    JSON.stringify(first),
    ...cases.map(([eventTime], i) => JSON.stringify({ ...bad, eventID: `bad-${i}`, eventTime })),
    JSON.stringify({ eventName: 'NoTime' }),
    JSON.stringify(last),
  ];
  const file = tree.write('dates/trail.jsonl', `${lines.join('\n')}\n`);
  const named = [
    ...cases.map(([time, why], i) => `record ${i + 2}: eventTime ${JSON.stringify(time)} ${why}`),
    'record 7: no eventTime',
  ];

  it('each is malformed and named; stats spans the good records only; outputs agree', async () => {
    const stats = await runBounded(['stats', file, '--format', 'json']);
    expect(stats.code).toBe(0);
    const json = JSON.parse(stats.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      events: 2,
      malformedRecords: 6,
      timeSpan: { first: '2025-01-01T10:00:00.000Z', last: '2025-01-01T10:02:00.000Z' },
    });
    // The first three of a file are named, the rest counted.
    expect(json.malformed).toEqual(named.slice(0, 3).map((reason) => ({ path: file, reason })));

    const events = await runBounded(['events', file, '--format', 'jsonl']);
    expect(events.code).toBe(0);
    const kept = events.stdout.trim().split('\n');
    expect(kept.map((line) => (JSON.parse(line) as { eventTime: string }).eventTime)).toEqual([
      '2025-01-01T10:00:00Z',
      '2025-01-01T10:02:00Z',
    ]);
    expect(events.stderr.trim().split('\n')).toEqual([
      ...named.slice(0, 3).map((reason) => `trailhound: ${file}: ${reason}`),
      `trailhound: ${file}: and 3 more malformed record(s)`,
      'trailhound: 6 malformed record(s) skipped',
    ]);
  });
});
