import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fetchRecords } from '../../source/ingest/fetch-records.js';
import { fetchFromFile } from '../../source/ingest/fetch-job.js';
import { RecordReader } from '../../source/ingest/index.js';
import { bombReason, inflate, inflatedCap } from '../../source/ingest/inflate.js';
import { DEFAULT_LIMITS, setLimits, type Limits } from '../../source/trail/limits.js';
import { gzipBomb, multiMemberBomb } from '../helpers/bombs.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { loadIndex } from '../helpers/load.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

const MiB = 1024 * 1024;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tree = tempTree('bomb-units');
afterAll(() => tree.remove());
afterEach(() => void setLimits({}));

const bounds = (changes: Partial<Limits>): Limits => ({ ...DEFAULT_LIMITS, ...changes });

describe('the inflated-size cap', () => {
  it('is min(inflated-max, max(inflated-floor, compressed size × inflated-ratio))', () => {
    // Defaults: 4 GiB, 200×, 8 MiB.
    expect(inflatedCap(1000)).toBe(8 * MiB);
    expect(inflatedCap(4 * MiB)).toBe(800 * MiB);
    expect(inflatedCap(100 * MiB)).toBe(4 * 1024 * MiB);
    expect(inflatedCap(1000, bounds({ inflatedFloor: MiB, inflatedRatio: 10 }))).toBe(MiB);
    expect(inflatedCap(MiB, bounds({ inflatedFloor: MiB, inflatedRatio: 10 }))).toBe(10 * MiB);
    expect(inflatedCap(MiB, bounds({ inflatedMax: 5 * MiB, inflatedRatio: 10 }))).toBe(5 * MiB);
  });

  it('names the bound that set it, the one to change for an honest file', () => {
    expect(bombReason(100 * MiB, bounds({ inflatedMax: 2 * 1024 * MiB }))).toBe(
      'expands beyond 2 GiB (decompression bomb); --limit inflated-max=SIZE allows more',
    );
    expect(bombReason(4 * MiB)).toBe(
      'expands beyond 800 MiB (decompression bomb, over 200× its 4 MiB); --limit inflated-ratio=N allows more',
    );
    expect(bombReason(1000)).toBe(
      'expands beyond 8 MiB (decompression bomb); --limit inflated-floor=SIZE allows more',
    );
  });

  it('leaves honest files alone: every real log and the demo inflate far below the ratio', () => {
    const gz: string[] = [path.join(ROOT, 'data/demo-case.json.gz')];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.gz')) gz.push(full);
      }
    };
    walk(FIXTURES);
    expect(gz.length).toBeGreaterThan(5);
    for (const file of gz) {
      const bytes = readFileSync(file);
      const inflated = inflate(bytes);
      expect(inflated, file).toHaveProperty('bytes');
      // Real CloudTrail measured 1.5–13×; the demo 13×.
      expect((inflated as { bytes: Uint8Array }).bytes.length / bytes.length).toBeLessThan(20);
    }
    // The most repetitive honest file: one demo record 2,000 times, only its ids and time
    // changing (measured ~34× at 20,000 copies): the default ratio leaves it 5× of room.
    const demo = JSON.parse(gunzipSync(readFileSync(gz[0]!)).toString('utf8')) as {
      Records: Record<string, unknown>[];
    };
    const base = demo.Records.find((record) => record.eventName === 'GetObject')!;
    const copies = Array.from({ length: 2000 }, (_, i) => ({
      ...base,
      eventID: randomUUID(),
      requestID: randomUUID(),
      eventTime: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    }));
    const text = recordsJson(copies);
    const packed = gzipSync(text, { level: 9 });
    expect(text.length / packed.length).toBeLessThan(DEFAULT_LIMITS.inflatedRatio / 5);
    expect(inflate(packed)).toHaveProperty('bytes');
  });

  it('refuses a small bomb with the default limits (the floor is no way past the ratio)', () => {
    // 16 MiB from ~16 KB: past 200× its size, and past the 8 MiB floor.
    expect(inflate(gzipBomb(16))).toEqual({
      error: 'expands beyond 8 MiB (decompression bomb); --limit inflated-floor=SIZE allows more',
    });
    // 64 MiB from ~66 KB: past 200× its size (13 MB), which is above the floor.
    expect(inflate(gzipBomb(64))).toHaveProperty(
      'error',
      expect.stringMatching(/^expands beyond 12\.\d MiB \(decompression bomb, over 200× its/),
    );
  });

  it('stops inflating at the cap, counting every member of a multi-member file', () => {
    const capped = bounds({ inflatedMax: 8 * MiB });
    expect(inflate(gzipBomb(64), capped)).toEqual({
      error: 'expands beyond 8 MiB (decompression bomb); --limit inflated-max=SIZE allows more',
    });
    // 12 members of 1 MiB: each alone under the cap, together past it.
    expect(inflate(multiMemberBomb(12), capped)).toHaveProperty(
      'error',
      expect.stringMatching(/decompression bomb/),
    );
    // An honest multi-member file under the cap inflates whole.
    const members = Buffer.concat([gzipSync('{"Records":['), gzipSync(']}')]);
    expect(Buffer.from((inflate(members, capped) as { bytes: Uint8Array }).bytes).toString()).toBe(
      '{"Records":[]}',
    );
    // A broken gzip is still said to be one.
    const broken = gzipSync(recordsJson(makeRecords(3, '2024-03-01T10:00:00Z'))).subarray(0, 60);
    expect(inflate(broken)).toHaveProperty(
      'error',
      expect.stringMatching(/^truncated or corrupt gzip/),
    );
  });
});

describe('every other way in to a bomb is capped too', () => {
  const bomb = gzipBomb(64);
  const file = tree.write('bomb.json.gz', bomb);
  const source = { id: 0, path: file, size: bomb.length };

  it('standard input', async () => {
    setLimits({ inflatedMax: 8 * MiB });
    const { result } = await loadIndex([{ path: '-', bytes: bomb }]);
    expect(result.reports[0]).toMatchObject({
      path: '-',
      status: 'failed',
      reason: 'expands beyond 8 MiB (decompression bomb); --limit inflated-max=SIZE allows more',
    });
  });

  it("the detail pane's re-read of a record", async () => {
    setLimits({ inflatedMax: 8 * MiB });
    await expect(new RecordReader([source]).read(0, 0)).rejects.toThrow(
      `${file}: expands beyond 8 MiB (decompression bomb)`,
    );
  });

  it('fetching records, on this thread and in a fetch thread (which gets the limits in force)', async () => {
    setLimits({ inflatedMax: 8 * MiB });
    const job = { fileId: 0, path: file, size: bomb.length, recordIndexes: Uint32Array.of(0) };
    expect(fetchFromFile(job)).toEqual({
      reason: expect.stringMatching(/^expands beyond 8 MiB \(decompression bomb\)/),
    });
    const result = await fetchRecords([source], [{ fileId: 0, recordIndexes: Uint32Array.of(0) }], {
      workers: 1,
      workerUrl: pathToFileURL(path.join(ROOT, 'dist/ingest/fetch-worker.js')),
      onRecords: () => {},
    });
    expect(result.failures).toEqual([
      {
        fileId: 0,
        path: file,
        reason: 'expands beyond 8 MiB (decompression bomb); --limit inflated-max=SIZE allows more',
      },
    ]);
  });
});
