/**
 * planS3 over many windows against an in-memory bucket (a fake S3 client answering HeadBucket
 * and ListObjectsV2 as S3 does: sorted keys, prefix, delimiter, pages of MaxKeys): for each window,
 * the plan holds exactly the objects whose delivery time can hold the window's records (found by
 * brute force over the whole bucket), and no listing ever reaches outside the window's folders.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { DELIVERY_DELAY_BOUND_MS, dayRange } from '../../../source/ingest/s3/delivery.js';
import { planS3, type PlanOptions } from '../../../source/ingest/s3/plan.js';
import type { S3Window } from '../../../source/ingest/s3/types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ORG = 'o-zz99yy88xx';
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const REGIONS = ['ap-south-1', 'eu-west-1', 'us-east-1'];
const NOW = Date.parse('2025-01-01T00:00:00Z');

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Listed {
  prefix: string;
  delimiter: string | undefined;
}

function fakeBucket(keys: string[], listed: Listed[], pageSize = 1000): S3Client {
  const sorted = [...keys].sort();
  const send = async (command: {
    constructor: { name: string };
    input: Record<string, unknown>;
  }) => {
    if (command.constructor.name === 'HeadBucketCommand') return { BucketRegion: 'eu-west-1' };
    if (command.constructor.name !== 'ListObjectsV2Command') throw new Error('unexpected call');
    const prefix = String(command.input['Prefix'] ?? '');
    const delimiter = command.input['Delimiter'] as string | undefined;
    listed.push({ prefix, delimiter });
    const maxKeys = Math.min(Number(command.input['MaxKeys'] ?? pageSize), pageSize);
    const start = Number(command.input['ContinuationToken'] ?? 0);
    const entries: { key?: string; folder?: string }[] = [];
    const folders = new Set<string>();
    // The first key at or after the prefix (keys are sorted): a listing costs what it returns.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < sorted.length; index++) {
      const key = sorted[index]!;
      if (!key.startsWith(prefix)) break;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut >= 0) {
        const folder = key.slice(0, cut + 1);
        if (!folders.has(folder)) (entries.push({ folder }), folders.add(folder));
      } else entries.push({ key });
    }
    const page = entries.slice(start, start + maxKeys);
    const more = start + maxKeys < entries.length;
    return {
      Contents: page
        .filter((entry) => entry.key)
        .map((entry) => ({
          Key: entry.key,
          Size: 100,
          ETag: '"0123456789abcdef0123456789abcdef"',
        })),
      CommonPrefixes: page
        .filter((entry) => entry.folder)
        .map((entry) => ({ Prefix: entry.folder })),
      IsTruncated: more,
      ...(more ? { NextContinuationToken: String(start + maxKeys) } : {}),
    };
  };
  return { send } as unknown as S3Client;
}

function stamp(time: number): { day: string; name: string } {
  const iso = new Date(time).toISOString();
  return {
    day: iso.slice(0, 10).replace(/-/g, '/'),
    name: `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`,
  };
}

describe('planS3 over many windows', () => {
  // Two months of an organization trail (and one account outside it), a few deliveries a day at
  // random minutes, some right after midnight; digests and stray files beside them.
  const rng = random(16);
  const logs: { key: string; account: string; region: string; deliveredAt: number }[] = [];
  const extra: string[] = [];
  const first = Date.parse('2024-01-27T00:00:00Z');
  for (const account of [...ACCOUNTS, '444444444444']) {
    const base = account === '444444444444' ? 'trail/AWSLogs/' : `trail/AWSLogs/${ORG}/`;
    for (const region of REGIONS) {
      for (let day = 0; day < 40; day++) {
        const times = [
          Math.floor(rng() * 20),
          Math.floor(rng() * 1440),
          1439 - Math.floor(rng() * 20),
        ];
        for (const minute of times) {
          const deliveredAt = first + day * DAY + minute * MINUTE;
          const { day: folder, name } = stamp(deliveredAt);
          const unique = Math.floor(rng() * 1e9)
            .toString(36)
            .padStart(6, '0');
          const key = `${base}${account}/CloudTrail/${region}/${folder}/${account}_CloudTrail_${region}_${name}_${unique}.json.gz`;
          logs.push({ key, account, region, deliveredAt });
        }
        const { day: folder } = stamp(first + day * DAY);
        extra.push(`${base}${account}/CloudTrail-Digest/${region}/${folder}/digest.json.gz`);
      }
    }
  }
  extra.push(
    'trail/readme.txt',
    'other/AWSLogs/555555555555/CloudTrail/us-east-1/2024/02/01/x.json.gz',
  );
  const keys = [...logs.map((log) => log.key), ...extra];

  const windows: { name: string; window: S3Window }[] = [];
  for (let i = 0; i < 24; i++) {
    const since = first + Math.floor(rng() * 42 * 24 * 60) * MINUTE - DAY;
    let until = since + Math.floor(rng() * (i % 4 === 0 ? 40 : 3) * 24 * 60) * MINUTE;
    // Every fourth window ends within the delivery bound before a midnight.
    if (i % 4 === 3) until = Math.ceil(until / DAY) * DAY - Math.floor(rng() * 16) * MINUTE;
    const window: S3Window = { since, until };
    if (i % 3 === 1) window.regions = REGIONS.filter(() => rng() < 0.5);
    if (i % 5 === 2) window.accounts = ['444444444444', ...ACCOUNTS].filter(() => rng() < 0.6);
    windows.push({
      name: `${new Date(since).toISOString()} … ${new Date(until).toISOString()}`,
      window,
    });
  }

  it.each(windows)(
    '$name: exactly the objects that can hold it, only its folders listed',
    async ({ window }) => {
      const listed: Listed[] = [];
      const client = fakeBucket(keys, listed, 50);
      const options: PlanOptions = {
        client: () => client,
        homeRegion: 'us-east-1',
        window,
        concurrency: 8,
        cache: { dir: undefined },
        now: NOW,
      };
      const plan = await planS3({ bucket: 'b12', prefix: 'trail/' }, options);
      const expected = logs
        .filter(
          (log) =>
            log.deliveredAt >= window.since &&
            log.deliveredAt <= window.until + DELIVERY_DELAY_BOUND_MS &&
            (!window.regions || window.regions.includes(log.region)) &&
            (!window.accounts || window.accounts.includes(log.account)),
        )
        .map((log) => log.key)
        .sort();
      expect(plan.objects.map((object) => object.key).sort()).toEqual(expected);
      expect(plan.listCalls).toBe(listed.length);

      // Every listing without a delimiter is a day or month folder of the window; every other is
      // a discovery level (AWSLogs/, the organization, an account's CloudTrail/).
      const range = dayRange(window, NOW);
      const inWindow = (folder: string) => {
        const [year, month, day] = folder.split('/').map(Number) as [number, number, number?];
        if (day !== undefined) {
          const at = Date.UTC(year, month - 1, day) / DAY;
          return at >= range.first && at <= range.last;
        }
        const monthFirst = Date.UTC(year, month - 1, 1) / DAY;
        const monthLast = Date.UTC(year, month, 1) / DAY - 1;
        return monthFirst >= range.first && monthLast <= range.last;
      };
      for (const { prefix, delimiter } of listed) {
        if (delimiter === '/') {
          expect(prefix).toMatch(
            /^trail\/AWSLogs\/((o-zz99yy88xx\/)|(o-zz99yy88xx\/)?\d{12}\/CloudTrail\/)?$/,
          );
        } else {
          const match =
            /^trail\/AWSLogs\/(?:o-zz99yy88xx\/)?\d{12}\/CloudTrail\/[a-z0-9-]+\/(\d{4}\/\d{2}(?:\/\d{2})?)\/$/.exec(
              prefix,
            );
          expect(match, prefix).not.toBeNull();
          expect(inWindow(match![1]!), prefix).toBe(true);
        }
      }
      // No folder listed twice.
      expect(new Set(listed.map((entry) => `${entry.prefix}|${entry.delimiter}`)).size).toBe(
        listed.length,
      );
    },
  );

  it('refuses a plan of more objects than the cap, and stops at an abort', async () => {
    const listed: Listed[] = [];
    const options: PlanOptions = {
      client: () => fakeBucket(keys, listed),
      homeRegion: 'us-east-1',
      window: { since: first, until: first + 39 * DAY },
      concurrency: 4,
      cache: { dir: undefined },
      now: NOW,
      caps: { objects: 100 },
    };
    const refused = await planS3({ bucket: 'b12', prefix: 'trail/' }, options);
    expect(refused.objects).toEqual([]);
    expect(refused.problems).toEqual([
      's3://b12/trail/: the window holds more than 100 objects, more than one plan may hold. Narrow it with --since/--until, --accounts or --regions.',
    ]);
    // Past the cap only once the regions are known: refused after listing them, before any day.
    listed.length = 0;
    const regionsTooMany = await planS3(
      { bucket: 'b12', prefix: 'trail/' },
      { ...options, caps: { prefixes: 300 } },
    );
    expect(regionsTooMany.problems).toEqual([
      's3://b12/trail/: 40 days × 12 regions of 4 accounts is 480 day folders to list, more than 300. Narrow it with --since/--until, --accounts or --regions.',
    ]);
    expect(listed.every((entry) => entry.delimiter === '/')).toBe(true);
    const controller = new AbortController();
    controller.abort();
    await expect(
      planS3(
        { bucket: 'b12', prefix: 'trail/' },
        { ...options, caps: {}, signal: controller.signal },
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('counts what the cache holds, and the bucket region found', async () => {
    const plan = await planS3(
      { bucket: 'b12', prefix: 'trail/AWSLogs/444444444444/CloudTrail/us-east-1/' },
      {
        client: () => fakeBucket(keys, []),
        homeRegion: 'us-east-1',
        window: { since: first, until: first + 2 * DAY - 1 },
        concurrency: 4,
        cache: { dir: undefined },
        now: NOW,
        isCached: (object) => object.key.includes('_20240127T'),
      },
    );
    expect(plan.bucketRegion).toBe('eu-west-1');
    const expected = logs.filter(
      (log) =>
        log.account === '444444444444' &&
        log.region === 'us-east-1' &&
        log.deliveredAt <= first + 2 * DAY - 1 + DELIVERY_DELAY_BOUND_MS,
    );
    expect(plan.objects.map((object) => object.key)).toEqual(expected.map((log) => log.key));
    expect(plan.cached).toBe(3);
    expect(plan.bytes).toBe(100 * expected.length);
  });
});
