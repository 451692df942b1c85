import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readStdin } from '../../source/cli/read-inputs.js';
import { fetchRecords, RecordReader } from '../../source/ingest/index.js';
import { setLimits } from '../../source/trail/limits.js';
import { loadIndex } from '../helpers/load.js';
import { makeRecord, type TestRecord } from '../helpers/records.js';

/**
 * A file over `read-whole` is read in pieces and its records re-read from where they lie: the
 * path a 1.5 GB file takes, here with a few hundred KB and a bound of 4 KB (pieces of 4 KB, so
 * records span pieces and the last one ends the file).
 */
const dir = mkdtempSync(join(tmpdir(), 'trailhound-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setLimits({}));

function records(count: number): TestRecord[] {
  return Array.from({ length: count }, (_, i) =>
    makeRecord({
      eventTime: `2024-03-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      eventName: `Call${i}`,
      requestParameters: { note: `record ${i} "quoted" \\ é` },
    }),
  );
}

async function readAll(reader: RecordReader, count: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) out.push(await reader.read(0, i));
  return out;
}

describe('a file over read-whole', () => {
  const all = records(300);
  const shapes: [string, string | Buffer][] = [
    ['a Records document', JSON.stringify({ Records: all })],
    ['JSON lines (CRLF, no final line end)', all.map((r) => JSON.stringify(r)).join('\r\n')],
    ['a gzipped Records document', gzipSync(JSON.stringify({ Records: all }))],
  ];
  for (const [name, content] of shapes) {
    it(`loads every record of ${name} and re-reads any of them by offset`, async () => {
      const path = join(
        dir,
        `${name.replaceAll(/\W/g, '-')}.json${typeof content === 'string' ? '' : '.gz'}`,
      );
      writeFileSync(path, content);
      setLimits({ readWhole: 4096 });
      const { index, result } = await loadIndex([path]);
      expect(result.reports[0]).toMatchObject({ status: 'loaded', events: 300, malformed: 0 });
      expect(index.size).toBe(300);
      const file = result.files[0]!;
      expect(file.places?.starts).toHaveLength(300);
      // The detail pane's way: one record, from the middle, then the last.
      const reader = new RecordReader(result.files);
      expect(await reader.read(0, 150)).toEqual(all[150]);
      expect(await reader.read(0, 299)).toEqual(all[299]);
      expect(await readAll(reader, 300)).toEqual(all);
      // The fetch threads' way (here on this thread): only the wanted records.
      const got: unknown[] = [];
      const fetched = await fetchRecords(
        result.files,
        [{ fileId: 0, recordIndexes: Uint32Array.from([0, 150, 299]) }],
        { workers: 0, onRecords: (batch) => got.push(...batch.records) },
      );
      expect(fetched.failures).toEqual([]);
      expect(got).toEqual([all[0], all[150], all[299]]);
    });
  }

  it('counts and names a record over record-bytes; the others load', async () => {
    const big = makeRecord({ requestParameters: { blob: 'x'.repeat(10_000) } });
    const path = join(dir, 'one-big-record.json');
    writeFileSync(path, JSON.stringify({ Records: [all[0], big, all[1]] }));
    setLimits({ readWhole: 4096, recordBytes: 8192 });
    const { result } = await loadIndex([path]);
    expect(result.reports[0]).toMatchObject({ status: 'loaded', events: 2, malformed: 1 });
    expect(result.reports[0]!.reason).toBe(
      '1 record(s) larger than 8 KiB (--limit record-bytes) counted as malformed',
    );
    const reader = new RecordReader(result.files);
    expect(await reader.read(0, 2)).toEqual(all[1]);
  });

  it('refuses to re-read a file that changed size since it was loaded', async () => {
    const path = join(dir, 'changes.jsonl');
    writeFileSync(path, all.map((r) => JSON.stringify(r)).join('\n'));
    setLimits({ readWhole: 4096 });
    const { result } = await loadIndex([path]);
    appendFileSync(path, '\n{}');
    await expect(new RecordReader(result.files).read(0, 5)).rejects.toThrow(
      /changed since it was loaded/,
    );
  });
});

describe('standard input over read-whole', () => {
  it('is spooled to a 0600 file in a private directory, loaded like a file, removed after', async () => {
    const all = records(200);
    const text = all.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const parent = mkdtempSync(join(dir, 'tmp-'));
    // Many small chunks, as a pipe delivers them.
    const chunks = text.match(/[\s\S]{1,1000}/g)!.map((chunk) => Buffer.from(chunk));
    const { input, spool } = await readStdin(Readable.from(chunks), 8192, parent);
    expect(input).toMatchObject({ path: '-', size: Buffer.byteLength(text) });
    expect(spool).toBeDefined();
    expect(statSync(spool!.dir).mode & 0o777).toBe(0o700);
    expect(statSync(spool!.path).mode & 0o777).toBe(0o600);
    setLimits({ readWhole: 8192 });
    const { index, result } = await loadIndex([input]);
    expect(index.size).toBe(200);
    expect(result.sources[0]).toMatchObject({ source: '-', events: 200 });
    expect(result.files[0]!.path).toBe('-');
    expect(await new RecordReader(result.files).read(0, 100)).toEqual(all[100]);
    spool!.remove();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('is held in memory up to read-whole, as before', async () => {
    const { input, spool } = await readStdin(Readable.from([Buffer.from('{"a":1}\n')]), 8192);
    expect(spool).toBeUndefined();
    expect('bytes' in input && Buffer.from(input.bytes).toString()).toBe('{"a":1}\n');
  });
});
