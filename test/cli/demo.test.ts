import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { byEventId, field, lines, type Raw } from './fixture-records.js';

const DEMO_FILE = fileURLToPath(new URL('../../data/demo-case.json.gz', import.meta.url));
const DELIVERY =
  /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_(\d{8}T\d{4}Z)_[A-Za-z0-9]{16}\.json\.gz$/;

let dir = '';
let written = { code: null as number | null, stdout: '', stderr: '' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailhound-cli-demo-'));
  written = await runCli(['demo', '--write', dir]);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe('trailhound demo --write', { timeout: 60_000 }, () => {
  it('writes the demo case as an S3 delivery tree', () => {
    expect(written.code).toBe(0);
    expect(written.stderr).toBe('');
    const files = filesUnder(dir);
    expect(written.stdout).toBe(`wrote 3313 events in ${files.length} files under ${dir}\n`);
    expect(files.length).toBeGreaterThan(10);
    const records: Raw[] = [];
    for (const file of files) {
      const match = DELIVERY.exec(file);
      expect(match, file).not.toBeNull();
      const [, account, region, yyyy, mm, dd, stamp] = match!;
      expect(stamp!.slice(0, 8)).toBe(`${yyyy}${mm}${dd}`);
      const delivered = Date.parse(
        `${stamp!.slice(0, 4)}-${stamp!.slice(4, 6)}-${stamp!.slice(6, 8)}T${stamp!.slice(9, 11)}:${stamp!.slice(11, 13)}:00Z`,
      );
      const body = JSON.parse(gunzipSync(fs.readFileSync(path.join(dir, file))).toString('utf8'));
      expect(Object.keys(body)).toEqual(['Records']);
      for (const record of (body as { Records: Raw[] }).Records) {
        expect(field(record, 'recipientAccountId')).toBe(account);
        expect(field(record, 'awsRegion')).toBe(region);
        // Delivered after the event, within CloudTrail's usual quarter of an hour.
        const lag = delivered - Date.parse(field(record, 'eventTime'));
        expect(lag).toBeGreaterThan(0);
        expect(lag).toBeLessThanOrEqual(15 * 60_000);
        records.push(record);
      }
    }
    const original = (
      JSON.parse(gunzipSync(fs.readFileSync(DEMO_FILE)).toString('utf8')) as {
        Records: Raw[];
      }
    ).Records;
    expect(records).toHaveLength(3313);
    expect(records.sort(byEventId)).toEqual([...original].sort(byEventId));
  });

  it('reads back with the same stats as the bundled demo file', async () => {
    const [tree, file] = await Promise.all([
      runCli(['stats', dir, '--format', 'json']),
      runCli(['stats', DEMO_FILE, '--format', 'json']),
    ]);
    expect(tree.code).toBe(0);
    expect(file.code).toBe(0);
    const fromTree = JSON.parse(tree.stdout) as Record<string, unknown>;
    const fromFile = JSON.parse(file.stdout) as Record<string, unknown>;
    expect(fromTree.events).toBe(3313);
    expect(fromFile.events).toBe(3313);
    expect(fromTree.files).toEqual({ read: filesUnder(dir).length, skipped: 0, failed: 0 });
    expect(fromFile.files).toEqual({ read: 1, skipped: 0, failed: 0 });
    const { files: _a, ...treeRest } = fromTree;
    const { files: _b, ...fileRest } = fromFile;
    expect(treeRest).toEqual(fileRest);
  });

  it("finds KeyHunter's read of Threat Intelligence.docx", async () => {
    const filter = 'user:KeyHunter event:GetObject ip:102.88.109.159';
    const table = await runCli(['events', dir, '--filter', filter]);
    expect(table.code).toBe(0);
    const rows = lines(table.stdout);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.split(/\s{2,}/).slice(1, 4)).toEqual(['KeyHunter', 'GetObject', '102.88.109.159']);
    }
    const jsonl = await runCli(['events', dir, '--filter', filter, '--format', 'jsonl']);
    const records = lines(jsonl.stdout).map((line) => JSON.parse(line) as Raw);
    expect(records).toHaveLength(rows.length);
    const docx = records.filter(
      (r) => field(r, 'requestParameters', 'key') === 'Threat Intelligence.docx',
    );
    expect(docx).toHaveLength(1);
    expect(field(docx[0]!, 'requestParameters', 'bucketName')).toBe('dora-cloudbucket');
    expect(field(docx[0]!, 'userIdentity', 'userName')).toBe('KeyHunter');
    expect(field(docx[0]!, 'sourceIPAddress')).toBe('102.88.109.159');
    expect(rows.some((row) => row.startsWith(`${field(docx[0]!, 'eventTime')}  `))).toBe(true);
  });
});
