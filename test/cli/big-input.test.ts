import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRecord, type TestRecord } from '../helpers/records.js';

/**
 * What a 1.5 GB JSON file, a 600 MB JSON lines file and gigabytes on stdin go through, with
 * `--limit read-whole=8KB` standing in for their size: read in 8 KB pieces, every record
 * exported by `events --format jsonl` re-read from its offset, stdin spooled and removed.
 */
const dir = mkdtempSync(join(tmpdir(), 'trailhound-big-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNT = 400;
const all: TestRecord[] = Array.from({ length: COUNT }, (_, i) =>
  makeRecord({
    // One event a second, so time order is file order.
    eventTime: new Date(Date.UTC(2024, 2, 1, 10) + i * 1000).toISOString().replace('.000Z', 'Z'),
    eventName: `Call${i}`,
  }),
);
const SMALL = ['--limit', 'read-whole=8KB'];

function jsonl(stdout: string): unknown[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('big but honest input (bounded pieces)', () => {
  it('exports every record of a Records document and of JSON lines read in pieces', async () => {
    // Half in each file, one record over record-bytes among the lines: named, and the only loss.
    const doc = join(dir, 'trail.json');
    writeFileSync(doc, JSON.stringify({ Records: all.slice(0, COUNT / 2) }));
    const lines = join(dir, 'trail.jsonl');
    const big = makeRecord({ eventName: 'Huge', requestParameters: { blob: 'x'.repeat(20_000) } });
    const rest = all.slice(COUNT / 2);
    writeFileSync(
      lines,
      [...rest.slice(0, 10), big, ...rest.slice(10)].map((r) => JSON.stringify(r)).join('\r\n'),
    );
    const limits = [...SMALL, '--limit', 'record-bytes=16KB'];
    const run = await runCli(['events', '--format', 'jsonl', ...limits, doc, lines]);
    expect(run.code).toBe(0);
    expect(jsonl(run.stdout)).toEqual(all);
    expect(run.stderr).toBe(
      `trailhound: ${lines}: 1 record(s) larger than 16 KiB (--limit record-bytes) counted as malformed\n` +
        'trailhound: 1 malformed record(s) skipped\n',
    );
    const stats = await runCli(['stats', ...limits, doc, lines]);
    expect(stats.stdout).toContain('files: 2 read, 0 skipped, 0 failed');
    expect(stats.stdout).toContain(`events: ${COUNT}\n`);
    expect(stats.stdout).toContain('malformed records: 1\n');
  }, 60_000);

  it('spools standard input to a private temp file, reads it, and removes it', async () => {
    const spoolParent = mkdtempSync(join(dir, 'tmp-'));
    const text = all.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const run = await runCli(['events', '--format', 'jsonl', ...SMALL, '-'], {
      stdin: text,
      env: { TMPDIR: spoolParent },
    });
    expect(run.stderr).toBe('');
    expect(jsonl(run.stdout)).toEqual(all);
    expect(readdirSync(spoolParent)).toEqual([]);
  }, 60_000);
});
