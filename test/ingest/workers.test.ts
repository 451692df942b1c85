import { createHook } from 'node:async_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventIndex as SourceEventIndex } from '../../source/index/index.js';
import { loadSources as sourceLoadSources } from '../../source/ingest/index.js';
import { iamUser, makeRecord, recordsJson, tempTree, type TestRecord } from '../helpers/records.js';

type LoadModule = typeof import('../../source/ingest/load.js');
type IndexModule = typeof import('../../source/index/event-index.js');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILES = 50;
const PER_FILE = 100;
const tree = tempTree('workers');
afterAll(() => tree.remove());

let load: LoadModule;
let indexModule: IndexModule;

beforeAll(async () => {
  // Worker threads run the compiled worker file: use the loader from dist (test/global-setup.ts builds it).
  const dist = (file: string) => pathToFileURL(path.join(ROOT, 'dist', file)).href;
  load = (await import(dist('ingest/load.js'))) as LoadModule;
  indexModule = (await import(dist('index/event-index.js'))) as IndexModule;

  // 50 files × 100 records, times interleaved across files (file f holds seconds ≡ f mod 50),
  // ~2 kB per record so the tree spans several parse jobs.
  const t0 = Date.parse('2024-12-01T00:00:00Z');
  const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const all: TestRecord[] = [];
  for (let f = 0; f < FILES; f++) {
    const records = Array.from({ length: PER_FILE }, (_, i) =>
      makeRecord({
        eventTime: new Date(t0 + (i * FILES + f) * 1000).toISOString(),
        eventSource: 'iam.amazonaws.com',
        eventName: `PutRolePolicy-${f}-${i}`,
        userIdentity: iamUser(`user${f % 7}`),
        requestParameters: { roleName: `role-${f}`, policyDocument: policy.repeat(12) },
      }),
    );
    all.push(...records);
    const name = `AWSLogs/111122223333/CloudTrail/us-east-1/2024/12/01/file-${String(f).padStart(2, '0')}.json`;
    tree.write(name, f % 2 ? gzipSync(recordsJson(records)) : recordsJson(records));
  }
  // One redelivered file (duplicates) and one bad file.
  tree.write('AWSLogs/redelivered.json', recordsJson(all.slice(0, 10)));
  const gz = gzipSync(recordsJson(all.slice(0, 50)));
  tree.write('AWSLogs/broken.json.gz', gz.subarray(0, gz.length >> 1));
}, 130_000);

async function run(workers: number) {
  const index = new indexModule.EventIndex();
  // Count the worker threads this load starts.
  let threads = 0;
  const hook = createHook({ init: (_id, type) => void (type === 'WORKER' && threads++) }).enable();
  const result = await load
    .loadSources([{ path: tree.root }], { sink: index, workers })
    .finally(() => hook.disable());
  const rows = [...index.order()];
  return {
    threads,
    result,
    size: index.size,
    duplicates: index.duplicates,
    times: rows.map((row) => index.time(row)),
    names: rows.map((row) => index.value(row, 'eventName')),
    principals: rows.map((row) => index.value(row, 'principal')),
  };
}

describe('parse workers', () => {
  it('2 worker threads and 0 give identical results', async () => {
    const inline = await run(0);
    const threaded = await run(2);

    expect(inline.size).toBe(FILES * PER_FILE);
    expect(inline.duplicates).toBe(10);
    expect(inline.times.every((t, i) => i === 0 || t > inline.times[i - 1]!)).toBe(true);

    // Real worker threads were used (and none died and was replaced), or none at all.
    expect(inline.threads).toBe(0);
    expect(threaded.threads).toBe(2);

    expect(threaded.size).toBe(inline.size);
    expect(threaded.duplicates).toBe(inline.duplicates);
    expect(threaded.times).toEqual(inline.times);
    expect(threaded.names).toEqual(inline.names);
    expect(threaded.principals).toEqual(inline.principals);
    expect(threaded.result.reports).toEqual(inline.result.reports);
    expect(threaded.result.progress).toEqual(inline.result.progress);

    const failed = threaded.result.reports.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      path: path.join(tree.root, 'AWSLogs/broken.json.gz'),
      reason: expect.stringMatching(/^truncated or corrupt gzip/),
    });
    expect(threaded.result.progress).toMatchObject({
      filesTotal: FILES + 2,
      filesDone: FILES + 2,
      events: FILES * PER_FILE + 10,
      failed: 1,
      done: true,
    });
  });

  it('a worker that cannot run fails its files instead of hanging the load', async () => {
    // From the TypeScript sources there is no compiled parse-worker.js beside load.ts, so each
    // worker dies at start; more jobs than one worker keeps in flight must still all be answered.
    const padding = ' '.repeat(3 * 1024 * 1024);
    const paths = ['a', 'b', 'c', 'd'].map((name) =>
      tree.write(`no-worker/${name}.json`, recordsJson([makeRecord()]) + padding),
    );
    const index = new SourceEventIndex();
    const result = await sourceLoadSources(
      paths.map((p) => ({ path: p })),
      { sink: index, workers: 1 },
    );
    expect(result.reports.map((r) => r.path)).toEqual(paths);
    for (const report of result.reports) {
      expect(report).toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/^parser crashed/),
      });
    }
    expect(result.progress).toMatchObject({ filesDone: 4, failed: 4, done: true });
  });
});
