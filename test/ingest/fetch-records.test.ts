import { createHook } from 'node:async_hooks';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventIndex } from '../../source/index/index.js';
import {
  fetchRecords,
  type FetchedRecords,
  type FetchOptions,
  type FetchRequest,
} from '../../source/ingest/fetch-records.js';
import { RecordReader, type SourceFile } from '../../source/ingest/index.js';
import { recordSpans } from '../../source/ingest/record-spans.js';
import type { RawRecord } from '../../source/trail/event.js';
import { fixture } from '../helpers/fixtures.js';
import { loadIndex } from '../helpers/load.js';
import { makeRecord, makeRecords, recordsJson, tempTree } from '../helpers/records.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Worker threads run compiled code: the fetch worker from dist (test/global-setup.ts builds it). */
const WORKER_URL = pathToFileURL(path.join(ROOT, 'dist/ingest/fetch-worker.js'));

/** Worker threads alive in this process right now. */
const liveWorkers = new Set<number>();
let workersStarted = 0;
const hook = createHook({
  init: (id, type) => {
    if (type !== 'WORKER') return;
    liveWorkers.add(id);
    workersStarted++;
  },
  destroy: (id) => void liveWorkers.delete(id),
});

const tree = tempTree('fetch');
beforeAll(() => void hook.enable());
afterAll(() => {
  hook.disable();
  tree.remove();
});

/** Requests for the given rows (all rows by default), grouped by file, indexes ascending. */
function requestsFor(index: EventIndex, rows?: Iterable<number>): FetchRequest[] {
  const byFile = new Map<number, number[]>();
  for (const row of rows ?? index.order()) {
    const { fileId, recordIndex } = index.location(row);
    const list = byFile.get(fileId) ?? [];
    list.push(recordIndex);
    byFile.set(fileId, list);
  }
  return [...byFile].map(([fileId, list]) => ({
    fileId,
    recordIndexes: Uint32Array.from(list).sort(),
  }));
}

async function fetchAll(
  files: readonly SourceFile[],
  requests: readonly FetchRequest[],
  options: Partial<FetchOptions> = {},
) {
  const batches: FetchedRecords[] = [];
  const result = await fetchRecords(files, requests, {
    workers: 2,
    workerUrl: WORKER_URL,
    onRecords: (batch) => batches.push(batch),
    ...options,
  });
  return { result, batches };
}

/** Every fetched record is what the one-at-a-time reader returns for the same place. */
async function expectSameAsReader(files: readonly SourceFile[], batches: FetchedRecords[]) {
  const reader = new RecordReader(files);
  for (const batch of batches) {
    expect(batch.records).toHaveLength(batch.recordIndexes.length);
    for (const [i, recordIndex] of batch.recordIndexes.entries()) {
      expect(batch.records[i]).toEqual(await reader.read(batch.fileId, recordIndex));
    }
  }
}

/** The indexes delivered per file, concatenated in arrival order. */
function deliveredIndexes(batches: FetchedRecords[]): Map<number, number[]> {
  const byFile = new Map<number, number[]>();
  for (const batch of batches) {
    byFile.set(batch.fileId, [...(byFile.get(batch.fileId) ?? []), ...batch.recordIndexes]);
  }
  return byFile;
}

function wantedIndexes(requests: readonly FetchRequest[]): Map<number, number[]> {
  return new Map(requests.map((request) => [request.fileId, [...request.recordIndexes]]));
}

async function waitForNoWorkers(): Promise<number> {
  for (let tries = 0; tries < 50 && liveWorkers.size > 0; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return liveWorkers.size;
}

/** A tree of `count` files of `perFile` records (~2 kB each), gzipped or not by turns. */
function writeTree(folder: string, count: number, perFile: number): string {
  const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  for (let f = 0; f < count; f++) {
    const records = makeRecords(perFile, '2024-12-01T00:00:00Z', `Put${f}-`).map((record) => ({
      ...record,
      requestParameters: { policyDocument: policy.repeat(20) },
    }));
    const name = `${folder}/file-${String(f).padStart(3, '0')}.json${f % 2 ? '.gz' : ''}`;
    tree.write(name, f % 2 ? gzipSync(recordsJson(records)) : recordsJson(records));
  }
  return path.join(tree.root, folder);
}

describe('fetchRecords: what arrives', () => {
  it('gives the same records as the reader across the gzipped flaws2 tree', async () => {
    const { index, result: load } = await loadIndex([fixture('flaws2')]);
    const requests = requestsFor(index);
    const { result, batches } = await fetchAll(load.files, requests);

    expect(result).toEqual({ failures: [], records: index.size, files: requests.length });
    expect(deliveredIndexes(batches)).toEqual(wantedIndexes(requests));
    await expectSameAsReader(load.files, batches);
  });

  it('gives the same records as the reader from the stratus JSON arrays', async () => {
    const { index, result: load } = await loadIndex([fixture('stratus')]);
    // Every other row: gaps inside files as well as whole files.
    const rows = [...index.order()].filter((_, i) => i % 2 === 0);
    const requests = requestsFor(index, rows);
    const { result, batches } = await fetchAll(load.files, requests);

    expect(result).toEqual({ failures: [], records: rows.length, files: requests.length });
    expect(deliveredIndexes(batches)).toEqual(wantedIndexes(requests));
    await expectSameAsReader(load.files, batches);
  });

  it('keeps a file’s order, within a batch and over the batches a large file is split into', async () => {
    const dir = writeTree('large', 2, 700);
    const { index, result: load } = await loadIndex([dir]);
    const requests = requestsFor(index);
    const { result, batches } = await fetchAll(load.files, requests);

    expect(result.records).toBe(1400);
    // 700 wanted records from one file do not travel as one reply.
    expect(batches.length).toBeGreaterThan(2);
    for (const batch of batches) {
      const sorted = [...batch.recordIndexes].sort((a, b) => a - b);
      expect(batch.recordIndexes).toEqual(sorted);
    }
    expect(deliveredIndexes(batches)).toEqual(wantedIndexes(requests));
    await expectSameAsReader(load.files, batches);
  });

  it('serves files held in memory on this thread, without a worker', async () => {
    const jsonl = fs.readFileSync(fixture('awsdocs', 'awsdocs_cloudtrail_examples.jsonl'));
    const { index, result: load } = await loadIndex([{ path: '-', bytes: jsonl }]);
    const requests = requestsFor(index);
    const before = workersStarted;
    const { result, batches } = await fetchAll(load.files, requests);

    expect(workersStarted).toBe(before);
    expect(result).toEqual({ failures: [], records: index.size, files: 1 });
    expect(batches.every((batch) => batch.fileId === 0)).toBe(true);
    await expectSameAsReader(load.files, batches);
  });

  it('with no workers, reads files on disk on this thread to the same result', async () => {
    const { index, result: load } = await loadIndex([fixture('flaws2'), fixture('edge-cases')]);
    const requests = requestsFor(index);
    const before = workersStarted;
    const { result, batches } = await fetchAll(load.files, requests, { workers: 0 });

    expect(workersStarted).toBe(before);
    expect(result).toEqual({ failures: [], records: index.size, files: requests.length });
    await expectSameAsReader(load.files, batches);
  });
});

describe('fetchRecords: files that went bad', () => {
  it('names a deleted, an overwritten and a truncated file; the other files still arrive', async () => {
    const dir = writeTree('bad', 6, 40);
    const { index, result: load } = await loadIndex([dir]);
    const requests = requestsFor(index);
    const pathOf = (name: string) => path.join(dir, name);
    fs.rmSync(pathOf('file-000.json'));
    fs.writeFileSync(pathOf('file-002.json'), recordsJson([makeRecord()]));
    const gz = fs.readFileSync(pathOf('file-003.json.gz'));
    fs.writeFileSync(pathOf('file-003.json.gz'), gz.subarray(0, gz.length - 100));
    // Same size, other bytes: only gzip's checksum can tell.
    const flipped = fs.readFileSync(pathOf('file-005.json.gz'));
    for (let i = 100; i < 140; i++) flipped[i] = flipped[i]! ^ 0xff;
    fs.writeFileSync(pathOf('file-005.json.gz'), flipped);
    const { result, batches } = await fetchAll(load.files, requests);

    const failures = [...result.failures].sort((a, b) => a.path.localeCompare(b.path));
    expect(failures).toEqual([
      {
        fileId: expect.any(Number),
        path: pathOf('file-000.json'),
        reason: 'no such file or directory',
      },
      {
        fileId: expect.any(Number),
        path: pathOf('file-002.json'),
        reason: expect.stringMatching(/^changed since it was loaded \(\d+ bytes, was \d+\)$/),
      },
      {
        fileId: expect.any(Number),
        path: pathOf('file-003.json.gz'),
        reason: expect.stringMatching(/^changed since it was loaded/),
      },
      {
        fileId: expect.any(Number),
        path: pathOf('file-005.json.gz'),
        reason: expect.stringMatching(/^truncated or corrupt gzip/),
      },
    ]);
    for (const failure of failures) expect(load.files[failure.fileId]!.path).toBe(failure.path);
    const failed = new Set(failures.map((failure) => failure.fileId));
    const good = requests.filter((request) => !failed.has(request.fileId));
    expect(result.files).toBe(2);
    expect(result.records).toBe(2 * 40);
    expect(deliveredIndexes(batches)).toEqual(wantedIndexes(good));
    await expectSameAsReader(load.files, batches);
  });

  it('fails a whole file when a wanted record is past its end (it is not the file indexed)', async () => {
    const { index, result: load } = await loadIndex([fixture('flaws2')]);
    const requests = requestsFor(index);
    const target = requests[0]!;
    const rest = requests.slice(1);
    const beyond = {
      ...target,
      recordIndexes: Uint32Array.from([...target.recordIndexes, 99_999]),
    };
    const { result, batches } = await fetchAll(load.files, [beyond, ...rest]);

    expect(result.failures).toEqual([
      {
        fileId: target.fileId,
        path: load.files[target.fileId]!.path,
        reason: expect.stringMatching(
          /^changed since it was loaded \(record 99999 wanted, it holds \d+\)$/,
        ),
      },
    ]);
    expect(batches.some((batch) => batch.fileId === target.fileId)).toBe(false);
    expect(deliveredIndexes(batches)).toEqual(wantedIndexes(rest));
  });

  it('fails the files of a thread that cannot run instead of hanging', async () => {
    const { index, result: load } = await loadIndex([fixture('flaws2')]);
    const requests = requestsFor(index);
    const missing = pathToFileURL(path.join(tree.root, 'no-such-worker.js'));
    const { result, batches } = await fetchAll(load.files, requests, { workerUrl: missing });

    expect(batches).toEqual([]);
    expect(result.records).toBe(0);
    expect(result.failures.map((failure) => failure.fileId).sort()).toEqual(
      requests.map((request) => request.fileId).sort(),
    );
    for (const failure of result.failures) {
      expect(failure.reason).toMatch(/^fetch thread died/);
    }
    expect(await waitForNoWorkers()).toBe(0);
  });
});

describe('fetchRecords: stopping and threads', () => {
  it('stops early when aborted, delivers nothing after, and ends its threads', async () => {
    const dir = writeTree('abort', 40, 200);
    const { index, result: load } = await loadIndex([dir]);
    const requests = requestsFor(index);
    const controller = new AbortController();
    const seen: FetchedRecords[] = [];
    let resolved = false;
    let afterResolve = 0;
    const { result } = await fetchAll(load.files, requests, {
      signal: controller.signal,
      onRecords: (batch) => {
        if (resolved) afterResolve++;
        seen.push(batch);
        controller.abort();
      },
    });
    resolved = true;
    expect(await waitForNoWorkers()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(afterResolve).toBe(0);
    expect(seen).toHaveLength(1);
    expect(result.records).toBe(seen[0]!.records.length);
    expect(result.records).toBeLessThan(index.size);
  });

  it('does nothing when aborted before it starts', async () => {
    const { index, result: load } = await loadIndex([fixture('flaws2')]);
    const before = workersStarted;
    const { result, batches } = await fetchAll(load.files, requestsFor(index), {
      signal: AbortSignal.abort(),
    });
    expect(result).toEqual({ failures: [], records: 0, files: 0 });
    expect(batches).toEqual([]);
    expect(workersStarted).toBe(before);
  });

  it('ends its threads when done: a process that fetches exits by itself', async () => {
    // The default worker beside the compiled module, and no process.exit: a thread left
    // running would keep the child alive until the timeout kills it.
    const script = `
      const { loadSources } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/ingest/load.js')).href)});
      const { fetchRecords } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/ingest/fetch-records.js')).href)});
      const locations = [];
      const sink = { append: (batch) => { for (let i = 0; i < batch.count; i++) locations.push([batch.fileId[i], batch.recordIndex[i]]); } };
      const { files } = await loadSources([{ path: ${JSON.stringify(fixture('flaws2'))} }], { sink, workers: 0 });
      const byFile = new Map();
      for (const [fileId, recordIndex] of locations) byFile.set(fileId, [...(byFile.get(fileId) ?? []), recordIndex]);
      const requests = [...byFile].map(([fileId, list]) => ({ fileId, recordIndexes: Uint32Array.from(list).sort() }));
      const result = await fetchRecords(files, requests, { workers: 2, onRecords: () => {} });
      console.log(JSON.stringify({ records: result.records, failures: result.failures.length }));
    `;
    // A file, not `-e`: threads inherit the parent's flags, and `--input-type` stops a worker.
    const file = tree.write('exits.mjs', script);
    const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 15_000 });
    expect(JSON.parse(stdout)).toEqual({ records: 37, failures: 0 });
  });

  it('rejects, and ends its threads, when the consumer throws', async () => {
    const { index, result: load } = await loadIndex([fixture('flaws2')]);
    const fetching = fetchAll(load.files, requestsFor(index), {
      onRecords: () => {
        throw new Error('consumer bug');
      },
    });
    await expect(fetching).rejects.toThrow('consumer bug');
    expect(await waitForNoWorkers()).toBe(0);
  });

  it('rejects requests that are the caller’s mistake', async () => {
    const { index, result: load } = await loadIndex([fixture('flaws2')]);
    const [first] = requestsFor(index);
    const unsorted = Uint32Array.from([2, 1]);
    await expect(
      fetchAll(load.files, [{ fileId: load.files.length, recordIndexes: unsorted }]),
    ).rejects.toThrow(RangeError);
    await expect(
      fetchAll(load.files, [{ fileId: first!.fileId, recordIndexes: unsorted }]),
    ).rejects.toThrow(/not sorted/);
    const plain = [1, 2] as unknown as Uint32Array;
    await expect(
      fetchAll(load.files, [{ fileId: first!.fileId, recordIndexes: plain }]),
    ).rejects.toThrow(TypeError);
  });
});

describe('recordSpans', () => {
  const spansOf = (text: string) => recordSpans(Buffer.from(text));
  const cut = (text: string): RawRecord[] | undefined => {
    const bytes = Buffer.from(text);
    const spans = recordSpans(bytes);
    return spans?.starts.map(
      (start, i) => JSON.parse(bytes.toString('utf8', start, spans.ends[i])) as RawRecord,
    );
  };

  it('finds every record, whatever their strings hold', () => {
    const tricky = [
      'quote " inside',
      'backslash at end \\',
      'two backslashes then quote \\\\"',
      'brackets ] } [ { in a string',
      `${'x'.repeat(23)}\\"${'y'.repeat(40)}\\\\`,
      `${'a'.repeat(22)}\\\\`,
      'unicode: ünïcødé 🔑 ключ',
      '},{"eventVersion":"1.09"',
    ];
    const records = tricky.map((userAgent, i) =>
      makeRecord({ userAgent, requestParameters: { list: [[i], { nested: [{}] }], empty: '' } }),
    );
    const text = recordsJson(records);
    expect(cut(text)).toEqual(JSON.parse(text).Records);
    // Pretty-printed, as a tool might rewrite it.
    const pretty = JSON.stringify({ Records: records }, null, 2);
    expect(cut(pretty)).toEqual(records);
  });

  it('declines what is not CloudTrail’s delivery shape, for the full parse to handle', () => {
    const record = JSON.stringify(makeRecord());
    for (const text of [
      `[${record}]`,
      `${record}\n${record}\n`,
      '{"Records":[]}',
      `{"Records":[null,${record}]}`,
      `{"Records":[${record},]}`,
      `{"Records":[${record}]}{"Records":[${record}]}`,
      `{"Records":[${record}],"Records":[]}`,
      `\ufeff{"Records":[${record}]}`,
      `{"Records":[${record.slice(0, -10)}`,
      `{"Events":[${record}]}`,
    ]) {
      expect(spansOf(text), text.slice(0, 40)).toBeUndefined();
    }
  });
});
