/**
 * What moto will not do: an S3 endpoint that cuts a body short, and objects past the size cap.
 * A small fake endpoint answers GetObject as told; the real SDK client talks to it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedFile } from '../../../source/ingest/feed.js';
import { openS3Cache, type S3Cache } from '../../../source/ingest/s3/cache.js';
import { pullS3 } from '../../../source/ingest/s3/pull.js';
import type { S3Plan } from '../../../source/ingest/s3/types.js';
import { isolateAws, TEST_KEY, TEST_SECRET } from '../../helpers/moto.js';

type Answer = 'whole' | 'cut' | 'huge';

describe('pulling from an endpoint that misbehaves', () => {
  let server: Server;
  let client: S3Client;
  let restore: () => void;
  let root: string;
  let cache: S3Cache;
  const body = Buffer.from('{"Records":[]}'.padEnd(400, ' '));
  const answers: Answer[] = [];
  const asked: string[] = [];

  beforeAll(async () => {
    restore = isolateAws();
    server = createServer((request, response) => {
      asked.push(decodeURIComponent(request.url ?? ''));
      const answer = answers.shift() ?? 'whole';
      const length = answer === 'huge' ? 10_000_000 : body.length;
      response.writeHead(200, { 'content-length': String(length), etag: '"e1"' });
      if (answer === 'whole') return response.end(body);
      // Half the body, then the connection goes.
      response.write(body.subarray(0, 200));
      setTimeout(() => response.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: TEST_KEY, secretAccessKey: TEST_SECRET },
    });
  });
  afterAll(async () => {
    client?.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    restore?.();
  });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'th-s3edges-'));
    cache = openS3Cache({ dir: join(root, 's3') });
    answers.length = 0;
    asked.length = 0;
  });
  afterEach(() => {
    cache.close();
    rmSync(root, { recursive: true, force: true });
  });

  const planOf = (objects: S3Plan['objects']): S3Plan => ({
    location: { bucket: 'b-1', prefix: '' },
    bucketRegion: 'us-east-1',
    prefixes: [],
    objects,
    bytes: 0,
    cached: 0,
    listCalls: 0,
    problems: [],
  });

  async function drain(plan: S3Plan, maxObjectBytes?: number) {
    const feed = pullS3(plan, cache, {
      client: () => client,
      concurrency: 4,
      retry: { baseMs: 1, capMs: 5 },
      ...(maxObjectBytes ? { maxObjectBytes } : {}),
    });
    const files: FeedFile[] = [];
    for await (const file of feed.files) files.push(file);
    return { files, problems: feed.problems(), progress: feed.progress() };
  }

  it('fetches again a body cut short of its Content-Length, and keeps only the whole one', async () => {
    answers.push('cut', 'cut');
    const pulled = await drain(planOf([{ key: 'k/one.json.gz', size: body.length, etag: '"e1"' }]));
    expect(pulled.problems).toEqual([]);
    expect(pulled.files).toHaveLength(1);
    expect(readFileSync(pulled.files[0]!.at)).toEqual(body);
    expect(asked).toHaveLength(3);
    expect(pulled.progress.retries).toBe(2);
  });

  it('refuses an object past the size cap, listed or declared, with a reason', async () => {
    answers.push('huge');
    const pulled = await drain(
      planOf([
        { key: 'listed-big', size: 5_000_000, etag: '"e1"' },
        { key: 'declared-big', size: 100, etag: '"e1"' },
        { key: 'fine', size: body.length, etag: '"e1"' },
      ]),
      1_000_000,
    );
    expect(pulled.files.map((file) => file.path)).toEqual(['s3://b-1/fine']);
    // The listed one is never asked for; the declared one once (not retried).
    expect(asked.filter((url) => url.includes('listed-big'))).toEqual([]);
    expect(asked.filter((url) => url.includes('declared-big'))).toHaveLength(1);
    expect(pulled.problems).toHaveLength(2);
    for (const line of pulled.problems)
      expect(line).toMatch(/GetObject s3:\/\/b-1\/\w+-big: the object is \d+ bytes, more than/);
  });

  it('hands nothing over twice when the plan names an object twice', async () => {
    const object = { key: 'twice', size: body.length, etag: '"e1"' };
    const pulled = await drain(planOf([object, object]));
    expect(pulled.files).toHaveLength(1);
    expect(asked).toHaveLength(1);
  });
});
