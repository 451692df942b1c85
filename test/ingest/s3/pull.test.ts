/**
 * The pull against moto's S3 through the counting, fault-injecting proxy: what arrives, how many
 * GetObject calls moto received, and what the cache holds after.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { FeedFile } from '../../../source/ingest/feed.js';
import { openS3Cache, type S3Cache } from '../../../source/ingest/s3/cache.js';
import { openS3Source } from '../../../source/ingest/s3/index.js';
import { pullS3, type PullOptions } from '../../../source/ingest/s3/pull.js';
import type { PullProgress, S3Plan } from '../../../source/ingest/s3/types.js';
import {
  describeWithMoto,
  isolateAws,
  startMoto,
  TEST_KEY,
  TEST_SECRET,
  type Moto,
} from '../../helpers/moto.js';
import { startS3Proxy, type S3Proxy } from '../../helpers/s3-proxy.js';
import { uploadS3Trail } from '../../helpers/s3-trail.js';

/** A bucket of its own per test: cheaper than resetting moto (seconds, on a loaded machine). */
let BUCKET = 'trail-bucket';
let buckets = 0;
const PREFIX = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/07/';

describeWithMoto('pulling planned objects from S3', () => {
  let moto: Moto;
  let proxy: S3Proxy;
  let direct: S3Client;
  let client: S3Client;
  let restore: () => void;
  let root: string;
  const caches: S3Cache[] = [];

  beforeAll(async () => {
    restore = isolateAws();
    moto = await startMoto();
    proxy = await startS3Proxy(moto.endpoint);
    const config = {
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: TEST_KEY, secretAccessKey: TEST_SECRET },
    };
    direct = new S3Client({ ...config, endpoint: moto.endpoint });
    // The SDK's default 3 attempts: the pull must turn them off for GetObject itself.
    client = new S3Client({ ...config, endpoint: proxy.endpoint });
  }, 60_000);
  afterAll(async () => {
    client?.destroy();
    direct?.destroy();
    await proxy?.close();
    await moto?.stop();
    restore?.();
  });
  beforeEach(async () => {
    proxy.inject(undefined);
    proxy.clear();
    root = mkdtempSync(join(tmpdir(), 'th-s3pull-'));
    BUCKET = `trail-bucket-${++buckets}`;
    await direct.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  afterEach(() => {
    for (const cache of caches.splice(0)) cache.close();
    rmSync(root, { recursive: true, force: true });
  });

  const keyOf = (n: number) =>
    `${PREFIX}111122223333_CloudTrail_us-east-1_20261207T${String(n).padStart(4, '0')}Z_k${n}.json.gz`;
  const bodyOf = (n: number, version = 1) =>
    gzipSync(JSON.stringify({ Records: [{ eventID: `e-${n}-${version}`, eventName: 'X' }] }));

  async function upload(count: number): Promise<void> {
    await Promise.all(
      Array.from({ length: count }, (_, n) =>
        direct.send(new PutObjectCommand({ Bucket: BUCKET, Key: keyOf(n), Body: bodyOf(n) })),
      ),
    );
  }

  /** What the planner will hand over: here, simply every object of the bucket. */
  async function plan(): Promise<S3Plan> {
    const listed = await direct.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    const objects = (listed.Contents ?? []).map((item) => ({
      key: item.Key!,
      size: item.Size!,
      etag: item.ETag!,
    }));
    return {
      location: { bucket: BUCKET, prefix: '' },
      bucketRegion: 'us-east-1',
      prefixes: [
        { prefix: PREFIX, account: '111122223333', region: 'us-east-1', day: '2026/12/07' },
      ],
      objects,
      bytes: objects.reduce((sum, object) => sum + object.size, 0),
      cached: 0,
      listCalls: 1,
      problems: [],
    };
  }

  function cache(maxBytes?: number): S3Cache {
    const opened = openS3Cache({ dir: join(root, 's3'), ...(maxBytes ? { maxBytes } : {}) });
    caches.push(opened);
    return opened;
  }

  async function pull(
    thePlan: S3Plan,
    theCache: S3Cache,
    options: Partial<PullOptions> = {},
    onFile?: (file: FeedFile, index: number) => void,
  ) {
    const progress: PullProgress[] = [];
    const feed = pullS3(thePlan, theCache, {
      client: () => client,
      concurrency: 16,
      retry: { baseMs: 1, capMs: 20 },
      onProgress: (snapshot) => progress.push(snapshot),
      ...options,
    });
    const files: FeedFile[] = [];
    for await (const file of feed.files) {
      files.push(file);
      onFile?.(file, files.length);
    }
    return { files, progress, problems: feed.problems(), last: progress.at(-1)! };
  }

  const getsOf = (key: string) =>
    proxy.received.filter((request) => request.operation === 'GetObject' && request.key === key)
      .length;

  it('hands every object over once with its bytes; a second pull of the plan makes 0 GetObject calls', async () => {
    await upload(20);
    const thePlan = await plan();
    proxy.clear();
    const first = await pull(thePlan, cache());
    expect(first.problems).toEqual([]);
    expect(first.files.map((file) => file.path).sort()).toEqual(
      Array.from({ length: 20 }, (_, n) => `s3://${BUCKET}/${keyOf(n)}`).sort(),
    );
    for (const file of first.files) {
      const n = Number(/_k(\d+)\.json\.gz$/.exec(file.path)![1]);
      expect(readFileSync(file.at)).toEqual(bodyOf(n));
      expect(file.size).toBe(bodyOf(n).length);
    }
    expect(proxy.count('GetObject')).toBe(20);
    expect(first.last).toMatchObject({
      objectsDone: 20,
      objectsTotal: 20,
      fromCache: 0,
      done: true,
    });

    caches.splice(0).forEach((opened) => opened.close());
    proxy.clear();
    const second = await pull(thePlan, cache());
    expect(proxy.count('GetObject')).toBe(0);
    expect(second.files.map((file) => file.at).sort()).toEqual(
      first.files.map((file) => file.at).sort(),
    );
    expect(second.last).toMatchObject({ objectsDone: 20, fromCache: 20, done: true });
  });

  it('fetches again only an object whose ETag changed in S3', async () => {
    await upload(5);
    await pull(await plan(), cache());
    caches.splice(0).forEach((opened) => opened.close());
    await direct.send(new PutObjectCommand({ Bucket: BUCKET, Key: keyOf(3), Body: bodyOf(3, 2) }));
    proxy.clear();
    const again = await pull(await plan(), cache());
    expect(proxy.received.filter((r) => r.operation === 'GetObject').map((r) => r.key)).toEqual([
      keyOf(3),
    ]);
    const changed = again.files.find((file) => file.path.endsWith(keyOf(3)))!;
    expect(readFileSync(changed.at)).toEqual(bodyOf(3, 2));
    expect(again.files).toHaveLength(5);
    expect(again.last.fromCache).toBe(4);
  });

  it('takes an object replaced between the listing and the pull as it is now', async () => {
    await upload(3);
    const thePlan = await plan();
    await direct.send(new PutObjectCommand({ Bucket: BUCKET, Key: keyOf(1), Body: bodyOf(1, 2) }));
    proxy.clear();
    const pulled = await pull(thePlan, cache());
    expect(pulled.problems).toEqual([]);
    expect(pulled.files).toHaveLength(3);
    expect(readFileSync(pulled.files.find((f) => f.path.endsWith(keyOf(1)))!.at)).toEqual(
      bodyOf(1, 2),
    );
    // If-Match refused it once (412), then it was read as it is.
    expect(getsOf(keyOf(1))).toBe(2);
    expect(pulled.last.retries).toBe(1);
    // And the cache now knows it by its new ETag.
    caches.splice(0).forEach((opened) => opened.close());
    proxy.clear();
    await pull(await plan(), cache());
    expect(proxy.count('GetObject')).toBe(0);
  });

  it('under SlowDown narrows the pull and loses or repeats nothing', async () => {
    await upload(30);
    const thePlan = await plan();
    proxy.clear();
    let gets = 0;
    proxy.inject((request) => {
      if (request.operation !== 'GetObject') return undefined;
      gets++;
      // Every 3rd GetObject of the first 36 is turned away.
      return gets <= 36 && gets % 3 === 0
        ? { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' }
        : undefined;
    });
    const pulled = await pull(thePlan, cache(), { concurrency: 8 });
    expect(pulled.problems).toEqual([]);
    const paths = pulled.files.map((file) => file.path);
    expect(new Set(paths).size).toBe(30);
    expect(paths).toHaveLength(30);
    for (const file of pulled.files) {
      const n = Number(/_k(\d+)\.json\.gz$/.exec(file.path)![1]);
      expect(readFileSync(file.at)).toEqual(bodyOf(n));
    }
    // Each object reached moto once; every SlowDown was seen by the pull (none retried inside
    // the SDK) and retried.
    expect(proxy.count('GetObject')).toBe(30);
    expect(proxy.faulted.length).toBeGreaterThanOrEqual(10);
    expect(pulled.last.slowDowns).toBe(proxy.faulted.length);
    expect(pulled.last.retries).toBe(proxy.faulted.length);
    const widths = pulled.progress.map((snapshot) => snapshot.concurrency ?? 8);
    expect(Math.min(...widths)).toBeLessThanOrEqual(4);
    expect(Math.max(...pulled.progress.map((snapshot) => snapshot.inFlight))).toBeLessThanOrEqual(
      8,
    );
  });

  it('names an object denied for good in one line and delivers the rest', async () => {
    await upload(6);
    const thePlan = await plan();
    proxy.clear();
    proxy.inject((request) =>
      request.operation === 'GetObject' && request.key === keyOf(2)
        ? { status: 403, code: 'AccessDenied', message: 'Access Denied' }
        : undefined,
    );
    const pulled = await pull(thePlan, cache());
    expect(pulled.files).toHaveLength(5);
    expect(pulled.files.some((file) => file.path.endsWith(keyOf(2)))).toBe(false);
    expect(pulled.problems).toHaveLength(1);
    expect(pulled.problems[0]).toContain(`s3://${BUCKET}/${keyOf(2)}`);
    expect(pulled.problems[0]).toMatch(/GetObject/);
    expect(pulled.problems[0]).not.toContain('\n');
    // Not retried: a denial does not change by asking again.
    expect(proxy.faulted).toHaveLength(1);
  });

  it('stops on abort, keeps what came, and a reopen fetches only the rest', async () => {
    await upload(20);
    const thePlan = await plan();
    proxy.clear();
    const stop = new AbortController();
    const pulled = await pull(thePlan, cache(), { concurrency: 2, signal: stop.signal }, (_, n) => {
      if (n === 5) stop.abort();
    });
    const got = pulled.files.length;
    expect(got).toBeGreaterThanOrEqual(5);
    expect(got).toBeLessThan(20);
    for (const file of pulled.files) expect(readFileSync(file.at).length).toBe(file.size);
    expect(pulled.problems).toEqual([
      `s3://${BUCKET}: stopped with ${20 - got} of 20 objects not fetched; open it again to fetch the rest`,
    ]);
    expect(pulled.last.done).toBe(true);

    caches.splice(0).forEach((opened) => opened.close());
    proxy.clear();
    const rest = await pull(thePlan, cache());
    expect(rest.files).toHaveLength(20);
    expect(rest.last.fromCache).toBe(got);
    // Only the rest was asked for (a request cancelled by the stop may reach the proxy late).
    const kept = new Set(pulled.files.map((file) => file.path));
    const asked = proxy.received.filter((request) => request.operation === 'GetObject');
    expect(asked.filter((request) => kept.has(`s3://${BUCKET}/${request.key}`))).toEqual([]);
    expect(new Set(asked.map((request) => request.key)).size).toBe(20 - got);
  });

  it('makes room under --cache-max from older objects, never from those of the pull', async () => {
    await upload(8);
    const all = await plan();
    const size = Math.max(...all.objects.map((object) => object.size));
    const older = { ...all, objects: all.objects.slice(0, 4) };
    const newer = { ...all, objects: all.objects.slice(4) };
    await pull(older, cache(size * 6));
    caches.splice(0).forEach((opened) => opened.close());

    // Room for 6: the 4 new ones come in, 2 of the older ones (the least recently used) go.
    const second = cache(size * 6);
    const pulled = await pull(newer, second);
    expect(pulled.files).toHaveLength(4);
    for (const file of pulled.files) expect(readFileSync(file.at).length).toBe(file.size);
    expect(second.size()).toBeLessThanOrEqual(6);
    expect(newer.objects.every((object) => second.isCached(BUCKET, object))).toBe(true);
    expect(older.objects.filter((object) => second.isCached(BUCKET, object))).toHaveLength(
      second.size() - 4,
    );
    // Past the limit with only this pull's objects: they stay, and the excess is said.
    const tiny = cache(size);
    const held = await pull(newer, tiny);
    expect(held.files).toHaveLength(4);
    expect(newer.objects.every((object) => tiny.isCached(BUCKET, object))).toBe(true);
    expect(held.problems.join('\n')).toMatch(
      /past --cache-max: the objects this session reads are kept/,
    );
  });

  it('opens an s3:// source: plan, pull, per-account records; a reopen plans it all cached and makes 0 GetObject', async () => {
    const trail = await uploadS3Trail(direct, {
      bucket: `${BUCKET}-org`,
      organizationId: 'o-abc123def4',
      accounts: ['111111111111', '222222222222', '333333333333'],
      regions: ['us-east-1', 'eu-west-1'],
      days: 2,
      eventsPerObject: 2,
    });
    const options = {
      client: () => client,
      homeRegion: 'us-east-1',
      window: {
        since: Date.parse('2024-03-01T00:00:00Z'),
        until: Date.parse('2024-03-02T23:59:59Z'),
      },
      concurrency: 16,
      cache: { dir: join(root, 's3') },
    };
    const open = async () => {
      const source = await openS3Source(`s3://${BUCKET}-org/`, options);
      if ('error' in source) throw new Error(source.error);
      return source;
    };
    proxy.clear();
    const first = await open();
    expect(first.plan.objects).toHaveLength(12);
    expect(first.plan.cached).toBe(0);
    const perAccount: Record<string, number> = {};
    const feed = first.feed();
    const paths: string[] = [];
    for await (const file of feed.files) {
      paths.push(file.path);
      const { Records } = JSON.parse(gunzipSync(readFileSync(file.at)).toString()) as {
        Records: { recipientAccountId: string }[];
      };
      for (const record of Records)
        perAccount[record.recipientAccountId] = (perAccount[record.recipientAccountId] ?? 0) + 1;
    }
    expect(feed.problems()).toEqual([]);
    expect(paths.sort()).toEqual(trail.keys.map((key) => `s3://${BUCKET}-org/${key}`).sort());
    expect(perAccount).toEqual(trail.perAccount);
    expect(proxy.count('GetObject')).toBe(12);
    first.close();

    proxy.clear();
    const second = await open();
    expect(second.plan.cached).toBe(12);
    let again = 0;
    for await (const file of second.feed().files) again += file.size > 0 ? 1 : 0;
    expect(again).toBe(12);
    expect(proxy.count('GetObject')).toBe(0);
    second.close();

    // --no-cache: a private folder for the session, gone when the source closes.
    const temporary = await openS3Source(`s3://${BUCKET}-org/`, {
      ...options,
      cache: { dir: undefined },
    });
    if ('error' in temporary) throw new Error(temporary.error);
    for await (const file of temporary.feed().files)
      expect(file.at.startsWith(temporary.cache.dir)).toBe(true);
    expect(statSync(temporary.cache.dir).mode & 0o777).toBe(0o700);
    temporary.close();
    expect(() => statSync(temporary.cache.dir)).toThrow();

    expect(await openS3Source('s3://Bad_Bucket/', options)).toEqual({
      error: expect.stringMatching(/not an S3 location/),
    });
  });
});
