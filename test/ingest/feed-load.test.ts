import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { EventIndex } from '../../source/index/index.js';
import { loadSources, RecordReader, type SourceFile } from '../../source/ingest/index.js';
import type { FeedFile, FileFeed } from '../../source/ingest/feed.js';
import type { EventBatch } from '../../source/trail/batch.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

const tree = tempTree('feed-load');
afterAll(() => tree.remove());

const OBJECTS = 6;
const PER_OBJECT = 5;

/** Objects as a bucket would hand them over: gzipped, on disk, named by where they came from. */
function objects(label: string): FeedFile[] {
  return Array.from({ length: OBJECTS }, (_, n) => {
    const records = makeRecords(PER_OBJECT, `2025-03-0${n + 1}T00:00:00Z`, `${label}${n}-`);
    const key = `AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/0${n + 1}/obj-${n}.json.gz`;
    const bytes = gzipSync(recordsJson(records));
    return {
      path: `s3://trail-bucket/${key}`,
      at: tree.write(`${label}/${n}.gz`, bytes),
      size: bytes.length,
    };
  });
}

/**
 * A feed that gives one file, then each next only when `gate` lets it: the test decides when
 * objects "arrive". `problems` are what it met outside any object.
 */
function fakeFeed(
  files: FeedFile[],
  gate: (given: number) => Promise<void>,
  problems: string[] = [],
): FileFeed & { given: () => number; ended: () => boolean } {
  let given = 0;
  let ended = false;
  return {
    shown: 's3://trail-bucket',
    files: (async function* () {
      try {
        for (const file of files) {
          await gate(given);
          given++;
          yield file;
        }
      } finally {
        ended = true;
      }
    })(),
    problems: () => problems,
    given: () => given,
    ended: () => ended,
  };
}

/** A sink that records when each batch came, relative to how many objects the feed had given. */
function watchedIndex(feed: { given: () => number; ended: () => boolean }) {
  const index = new EventIndex();
  const appended: { given: number; ended: boolean; count: number }[] = [];
  let onAppend: () => void = () => undefined;
  const sink = {
    append: (batch: EventBatch) => {
      index.append(batch);
      appended.push({ given: feed.given(), ended: feed.ended(), count: batch.count });
      onAppend();
    },
    reserve: (rows: number) => index.reserve(rows),
  };
  const nextAppend = () => new Promise<void>((resolve) => (onAppend = resolve));
  return { index, sink, appended, nextAppend };
}

describe('the loader reads a feed while its files arrive', () => {
  it('rows from the first object before the feed ends, every event once, late files re-readable', async () => {
    const files = objects('arrive');
    let watched: ReturnType<typeof watchedIndex>;
    // Each next object only after the previous one's rows are in the index: a loader that waited
    // for the feed to end would never see the second object (the test would time out).
    const feed = fakeFeed(
      files,
      async (given) => {
        if (given > 0) await watched.nextAppend();
      },
      [
        's3:ListObjectsV2 on s3://trail-bucket/AWSLogs/222233334444/: AccessDenied; ask for s3:ListBucket',
      ],
    );
    watched = watchedIndex(feed);
    let reader: RecordReader | undefined;
    let known: readonly SourceFile[] = [];
    const progress: number[] = [];
    const result = await loadSources([{ feed }], {
      sink: watched.sink,
      workers: 0,
      onDiscovered: (list) => {
        known = list;
        reader = new RecordReader(list);
      },
      onProgress: (p) => progress.push(p.filesTotal),
    });
    const { index, appended } = watched;

    // The first batch came while the feed had given one object and had not ended.
    expect(appended[0]).toEqual({ given: 1, ended: false, count: PER_OBJECT });
    // Every object but the last was in the index before the feed ended (the last one's rows
    // come just after: the feed ends as soon as it has handed it over).
    expect(appended.filter((a) => !a.ended).length).toBe(OBJECTS - 1);
    expect(appended.map((a) => a.count)).toEqual(Array(OBJECTS).fill(PER_OBJECT));
    // Every event, once: no object parsed twice.
    expect(index.size).toBe(OBJECTS * PER_OBJECT);
    expect(index.duplicates).toBe(0);
    expect(result.files.map((file) => file.path)).toEqual(files.map((file) => file.path));
    expect(result.files.map((file) => file.at)).toEqual(files.map((file) => file.at));
    // The files arrived after onDiscovered (it saw none), yet the reader re-reads them: it holds
    // the load's own list, which grew.
    expect(known).toBe(result.files);
    const last = index.order()[index.size - 1]!;
    const where = index.location(last);
    expect(where.fileId).toBe(OBJECTS - 1);
    const record = await reader!.read(where.fileId, where.recordIndex);
    expect(record.eventName).toBe(`arrive${OBJECTS - 1}-${PER_OBJECT - 1}`);
    // Progress counted the objects as they came, then the problem.
    expect(progress.slice(0, 2)).toEqual([0, 1]);
    expect(result.progress).toMatchObject({
      filesTotal: OBJECTS + 1,
      filesDone: OBJECTS + 1,
      events: OBJECTS * PER_OBJECT,
      failed: 1,
      done: true,
    });
    // Each object's report names the object; the problem is a failed report of the source.
    expect(result.reports.slice(0, OBJECTS).map((r) => [r.path, r.status])).toEqual(
      files.map((file) => [file.path, 'loaded']),
    );
    expect(result.reports[OBJECTS]).toMatchObject({
      path: 's3://trail-bucket',
      status: 'failed',
      reason: expect.stringContaining('AccessDenied'),
    });
    expect(result.sources).toEqual([{ source: 's3://trail-bucket', events: OBJECTS * PER_OBJECT }]);
  });

  it('parse threads wait for more work while the feed is open', async () => {
    // The worker threads run the compiled worker file: the loader from dist (global setup builds it).
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const dist = (file: string) => pathToFileURL(path.join(root, 'dist', file)).href;
    const load = (await import(
      dist('ingest/load.js')
    )) as typeof import('../../source/ingest/load.js');
    const files = objects('threads');
    let watched: ReturnType<typeof watchedIndex>;
    const feed = fakeFeed(files, async (given) => {
      if (given > 0) await watched.nextAppend();
    });
    watched = watchedIndex(feed);
    const result = await load.loadSources([{ feed }], { sink: watched.sink, workers: 2 });
    expect(watched.appended[0]).toEqual({ given: 1, ended: false, count: PER_OBJECT });
    expect(watched.index.size).toBe(OBJECTS * PER_OBJECT);
    expect(result.reports.every((report) => report.status === 'loaded')).toBe(true);
  });

  it('reads a feed beside files given up front, and says why a feed gave nothing', async () => {
    const local = tree.write(
      'local/a.json',
      recordsJson(makeRecords(3, '2025-01-01T00:00:00Z', 'local-')),
    );
    const denied = fakeFeed([], async () => undefined, [
      's3:ListObjectsV2 on s3://trail-bucket: AccessDenied',
    ]);
    const quiet = fakeFeed([], async () => undefined);
    const index = new EventIndex();
    const result = await loadSources([{ path: local }, { feed: denied }, { feed: quiet }], {
      sink: index,
      workers: 0,
    });
    expect(index.size).toBe(3);
    expect(result.sources).toEqual([
      { source: local, events: 3 },
      {
        source: 's3://trail-bucket',
        events: 0,
        problem: 's3:ListObjectsV2 on s3://trail-bucket: AccessDenied',
      },
      {
        source: 's3://trail-bucket',
        events: 0,
        problem: 'no CloudTrail log objects in the window',
      },
    ]);
  });

  it('a feed that breaks off keeps what came and names why', async () => {
    const files = objects('broken');
    const feed: FileFeed = {
      shown: 's3://trail-bucket/x/',
      files: (async function* () {
        yield files[0]!;
        throw new Error('s3:GetObject on s3://trail-bucket/x/: connection reset; try again');
      })(),
      problems: () => [],
    };
    const index = new EventIndex();
    const result = await loadSources([{ feed }], { sink: index, workers: 0 });
    expect(index.size).toBe(PER_OBJECT);
    expect(result.reports.at(-1)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('connection reset'),
    });
  });

  it('stopped, it keeps what came and stops waiting for the feed', async () => {
    const files = objects('stopped');
    const stop = new AbortController();
    let watched: ReturnType<typeof watchedIndex>;
    // Two objects, then the feed hangs (a pull stuck on a slow object) until the load stops.
    const feed = fakeFeed(files, async (given) => {
      if (given === 1) await watched.nextAppend();
      if (given === 2) {
        stop.abort();
        await new Promise(() => undefined);
      }
    });
    watched = watchedIndex(feed);
    const started = Date.now();
    const result = await loadSources([{ feed }], {
      sink: watched.sink,
      workers: 0,
      signal: stop.signal,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    // The first object parsed; the second arrived as the load stopped: parsed or said cancelled,
    // never lost without a word, never read twice.
    expect(result.files).toHaveLength(2);
    expect(result.reports).toHaveLength(2);
    const loaded = result.reports.filter((r) => r.status === 'loaded').length;
    expect(watched.index.size).toBe(loaded * PER_OBJECT);
    expect(loaded).toBeGreaterThanOrEqual(1);
    expect(result.reports.filter((r) => r.status !== 'loaded').map((r) => r.reason)).toEqual(
      Array(2 - loaded).fill('load cancelled'),
    );
  });
});
