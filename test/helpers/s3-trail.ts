/**
 * A CloudTrail bucket in moto's S3, built through the real SDK: gzipped `{"Records":[...]}`
 * objects under the key layout CloudTrail writes,
 * `[PREFIX]AWSLogs/[o-id/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_<unique>.json.gz`,
 * each object's records happening a few minutes before the delivery time in its name (CloudTrail
 * delivers ~5 minutes after, up to 15). Returns what it uploaded so tests can assert exact counts.
 *
 * Also uploads a prepared local tree (`node dist/cli.js demo --write DIR`, the bench's tree) as it
 * lies on disk, keys = paths relative to the folder.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { TEST_KEY, TEST_SECRET } from './moto.js';
import { iamUser, makeRecord, type TestRecord } from './records.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An S3 client for moto (or the counting proxy in front of it): path-style, fake keys, no retries. */
export function motoS3Client(endpoint: string, region = 'us-east-1', maxAttempts = 1): S3Client {
  return new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    followRegionRedirects: true,
    credentials: { accessKeyId: TEST_KEY, secretAccessKey: TEST_SECRET },
    maxAttempts,
  });
}

/** Creates the bucket (in `region`: outside us-east-1 it carries a LocationConstraint). */
export async function createBucket(
  client: S3Client,
  bucket: string,
  region = 'us-east-1',
): Promise<void> {
  await client.send(
    new CreateBucketCommand({
      Bucket: bucket,
      ...(region === 'us-east-1'
        ? {}
        : {
            CreateBucketConfiguration: {
              LocationConstraint: region as BucketLocationConstraint,
            },
          }),
    }),
  );
}

export interface TrailObjectSpec {
  account: string;
  region: string;
  /** Epoch ms, the time in the object's name (and its day folder). */
  deliveredAt: number;
  records: TestRecord[];
  organizationId?: string;
  /** The bucket prefix before `AWSLogs/` ('' or ending in '/'). */
  prefix?: string;
  /** Seed of the random-looking suffix (defaults to a counter). */
  unique?: string;
}

let serial = 0;

/** CloudTrail's 16-character suffix, derived from a seed so reruns are stable. */
function suffixOf(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += ALNUM.charAt((digest[i] ?? 0) % ALNUM.length);
  return out;
}

/** The key CloudTrail would give this object. */
export function trailObjectKey(spec: Omit<TrailObjectSpec, 'records'>): string {
  const iso = new Date(spec.deliveredAt).toISOString();
  const [yyyy, mm, dd] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  const stamp = `${yyyy}${mm}${dd}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  const org = spec.organizationId ? `${spec.organizationId}/` : '';
  const unique = suffixOf(spec.unique ?? `${spec.account}/${spec.region}/${iso}/${++serial}`);
  return (
    `${spec.prefix ?? ''}AWSLogs/${org}${spec.account}/CloudTrail/${spec.region}/${yyyy}/${mm}/${dd}/` +
    `${spec.account}_CloudTrail_${spec.region}_${stamp}_${unique}.json.gz`
  );
}

/** Puts one delivery object; returns its key and gzipped size. */
export async function putTrailObject(
  client: S3Client,
  bucket: string,
  spec: TrailObjectSpec,
): Promise<{ key: string; size: number }> {
  const key = trailObjectKey(spec);
  const body = gzipSync(JSON.stringify({ Records: spec.records }));
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return { key, size: body.length };
}

/** A record of `account` in `region` at `time` (epoch ms), with a fresh eventID. */
export function trailRecord(account: string, region: string, time: number): TestRecord {
  return makeRecord({
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    awsRegion: region,
    recipientAccountId: account,
    userIdentity: iamUser('alice', account),
    requestParameters: { Host: `s3.${region}.amazonaws.com` },
  });
}

export interface S3TrailOptions {
  bucket: string;
  /** Create the bucket first (default true), in this region (default us-east-1). */
  createBucket?: boolean;
  bucketRegion?: string;
  /** Before `AWSLogs/` ('' or ending in '/'). */
  prefix?: string;
  /** Default ['111122223333']. */
  accounts?: readonly string[];
  /** Default ['us-east-1']. */
  regions?: readonly string[];
  /** Days from `start` (default 1). */
  days?: number;
  /** Delivery objects per account, region and day (default 1), spread evenly over the day. */
  objectsPerDay?: number;
  /** Records in each object (default 1). */
  eventsPerObject?: number;
  /** An organization trail's `o-…` folder, or none. */
  organizationId?: string;
  /** Epoch ms or ISO text; the first day is the UTC day holding it (default 2024-03-01). */
  start?: number | string;
  /** How long before its delivery an object's newest record happened (default 5 min). */
  deliveryDelayMs?: number;
  /** Also put a digest object per account/region/day under CloudTrail-Digest/ (default false). */
  digests?: boolean;
  /** PutObject calls in flight (default 16). */
  concurrency?: number;
}

export interface UploadedObject {
  key: string;
  size: number;
  account: string;
  region: string;
  /** `YYYY/MM/DD` of the folder (the delivery day). */
  day: string;
  deliveredAt: number;
  eventIds: string[];
}

export interface UploadedTrail {
  bucket: string;
  /** Every log object key (digests excluded), sorted. */
  keys: string[];
  objects: UploadedObject[];
  /** Digest object keys, when asked for. */
  digestKeys: string[];
  events: number;
  eventIds: string[];
  /** Events per account. */
  perAccount: Record<string, number>;
  /** Events per `account/region`. */
  perAccountRegion: Record<string, number>;
  bytes: number;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inParallel<T>(
  tasks: readonly (() => Promise<T>)[],
  limit = 16,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Uploads a generated trail (see S3TrailOptions) and returns exactly what went up. */
export async function uploadS3Trail(
  client: S3Client,
  options: S3TrailOptions,
): Promise<UploadedTrail> {
  const accounts = options.accounts ?? ['111122223333'];
  const regions = options.regions ?? ['us-east-1'];
  const days = options.days ?? 1;
  const perDay = options.objectsPerDay ?? 1;
  const perObject = options.eventsPerObject ?? 1;
  const delay = options.deliveryDelayMs ?? 5 * MINUTE;
  const startAt =
    typeof options.start === 'string'
      ? Date.parse(options.start)
      : (options.start ?? Date.parse('2024-03-01T00:00:00Z'));
  const firstDay = Math.floor(startAt / DAY) * DAY;
  if (options.createBucket !== false)
    await createBucket(client, options.bucket, options.bucketRegion);

  const specs: (TrailObjectSpec & { day: string })[] = [];
  const digestSpecs: { key: string }[] = [];
  for (const account of accounts) {
    for (const region of regions) {
      for (let d = 0; d < days; d++) {
        const dayStart = firstDay + d * DAY;
        const day = new Date(dayStart).toISOString().slice(0, 10).replace(/-/g, '/');
        for (let j = 0; j < perDay; j++) {
          // Spread over the day, on whole minutes (the name carries minutes), never at midnight.
          const deliveredAt =
            dayStart + Math.floor(((j + 1) * DAY) / (perDay + 1) / MINUTE) * MINUTE;
          const records = Array.from({ length: perObject }, (_, k) =>
            trailRecord(account, region, deliveredAt - delay - k * 1000),
          );
          specs.push({
            account,
            region,
            deliveredAt,
            records,
            day,
            ...(options.organizationId ? { organizationId: options.organizationId } : {}),
            ...(options.prefix ? { prefix: options.prefix } : {}),
          });
        }
        if (options.digests) {
          const org = options.organizationId ? `${options.organizationId}/` : '';
          const stamp = `${day.replace(/\//g, '')}T0000Z`;
          digestSpecs.push({
            key: `${options.prefix ?? ''}AWSLogs/${org}${account}/CloudTrail-Digest/${region}/${day}/${account}_CloudTrail-Digest_${region}_trail_${region}_${stamp}.json.gz`,
          });
        }
      }
    }
  }

  const objects = await inParallel(
    specs.map((spec) => async (): Promise<UploadedObject> => {
      const { key, size } = await putTrailObject(client, options.bucket, spec);
      return {
        key,
        size,
        account: spec.account,
        region: spec.region,
        day: spec.day,
        deliveredAt: spec.deliveredAt,
        eventIds: spec.records.map((record) => String(record.eventID)),
      };
    }),
    options.concurrency ?? 16,
  );
  await inParallel(
    digestSpecs.map(({ key }) => async () => {
      await client.send(
        new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: gzipSync('{}') }),
      );
    }),
    options.concurrency ?? 16,
  );

  const perAccount: Record<string, number> = {};
  const perAccountRegion: Record<string, number> = {};
  for (const object of objects) {
    const n = object.eventIds.length;
    perAccount[object.account] = (perAccount[object.account] ?? 0) + n;
    const pair = `${object.account}/${object.region}`;
    perAccountRegion[pair] = (perAccountRegion[pair] ?? 0) + n;
  }
  const eventIds = objects.flatMap((object) => object.eventIds);
  return {
    bucket: options.bucket,
    keys: objects.map((object) => object.key).sort(),
    objects,
    digestKeys: digestSpecs.map(({ key }) => key).sort(),
    events: eventIds.length,
    eventIds,
    perAccount,
    perAccountRegion,
    bytes: objects.reduce((sum, object) => sum + object.size, 0),
  };
}

/**
 * Uploads every regular file under `dir` (a `demo --write DIR` tree, the bench's tree) to
 * `bucket` under `prefix`, keys = relative paths with '/'. Returns the keys, sorted.
 */
export async function uploadLocalTree(
  client: S3Client,
  bucket: string,
  dir: string,
  options: { prefix?: string; createBucket?: boolean; concurrency?: number } = {},
): Promise<{ keys: string[]; bytes: number }> {
  if (options.createBucket !== false) await createBucket(client, bucket);
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(dir);
  let bytes = 0;
  const keys = await inParallel(
    files.map((file) => async () => {
      const key = `${options.prefix ?? ''}${relative(dir, file).split(sep).join('/')}`;
      const body = readFileSync(file);
      bytes += body.length;
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      return key;
    }),
    options.concurrency ?? 16,
  );
  return { keys: keys.sort(), bytes };
}
