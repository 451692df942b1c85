/**
 * Planning an s3:// source against moto's S3, through the counting proxy: the bucket's region,
 * discovery one folder level at a time, only the window's day folders listed (counted), the
 * edges trimmed by delivery time, prefixes inside AWSLogs/, "did you mean", denials as one line.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeDemoTree } from '../../../source/demo/index.js';
import { describeS3Error } from '../../../source/ingest/s3/errors.js';
import { planS3, planSummary, type PlanOptions } from '../../../source/ingest/s3/plan.js';
import type { S3Location, S3Window } from '../../../source/ingest/s3/types.js';
import { describeWithMoto, isolateAws, startMoto, type Moto } from '../../helpers/moto.js';
import { startS3Proxy, type S3Proxy } from '../../helpers/s3-proxy.js';
import {
  createBucket,
  motoS3Client,
  putTrailObject,
  trailRecord,
  uploadLocalTree,
  uploadS3Trail,
  type UploadedTrail,
} from '../../helpers/s3-trail.js';

const ORG = 'o-abcdef1234';
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const REGIONS = ['eu-west-1', 'us-east-1'];
const ONE = '444455556666';
const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);
const KEY =
  /^(?:[a-z]+\/)?AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json\.gz$/;

describeWithMoto('planS3 against moto', () => {
  let moto: Moto;
  let proxy: S3Proxy;
  let direct: S3Client;
  let restore: () => void;
  let org: UploadedTrail;
  let single: UploadedTrail;
  const edgeKeys: Record<string, string> = {};
  const regionsAsked: string[] = [];
  const clients = new Map<string, S3Client>();

  beforeAll(async () => {
    restore = isolateAws();
    moto = await startMoto();
    proxy = await startS3Proxy(moto.endpoint);
    direct = motoS3Client(moto.endpoint);
    // The organization trail: 3 accounts × 2 regions × 90 days, one small object a day each.
    org = await uploadS3Trail(direct, {
      bucket: 'org-trail',
      prefix: 'logs/',
      organizationId: ORG,
      accounts: ACCOUNTS,
      regions: REGIONS,
      days: 90,
      start: '2024-01-01T00:00:00Z',
    });
    // Beside the logs, what a real trail also writes: digests, and a non-trail folder.
    await direct.send(
      new PutObjectCommand({
        Bucket: 'org-trail',
        Key: `logs/AWSLogs/${ORG}/${ACCOUNTS[0]}/CloudTrail-Digest/us-east-1/2024/02/10/d.json.gz`,
        Body: gzipSync('{}'),
      }),
    );
    // One account in eu-west-1's bucket, with no prefix: 3 days of 4 deliveries, 2 events each.
    single = await uploadS3Trail(direct, {
      bucket: 'one-account',
      bucketRegion: 'eu-west-1',
      accounts: [ONE],
      regions: ['us-east-1'],
      days: 3,
      objectsPerDay: 4,
      eventsPerObject: 2,
      start: '2024-03-01T00:00:00Z',
    });
    // Objects at the window's edges (see the trimming test).
    const edge = async (name: string, deliveredAt: number, bucket = 'edges') => {
      const { key } = await putTrailObject(direct, bucket, {
        account: ONE,
        region: 'us-east-1',
        deliveredAt,
        records: [trailRecord(ONE, 'us-east-1', deliveredAt - 4 * MINUTE)],
      });
      edgeKeys[name] = key;
    };
    await createBucket(direct, 'edges');
    await Promise.all([
      edge('beforeSince', at('2024-03-05T09:59:00Z')),
      edge('atSince', at('2024-03-05T10:00:00Z')),
      edge('afterSince', at('2024-03-05T10:03:00Z')),
      edge('lastDay', at('2024-03-05T23:50:00Z')),
      edge('afterMidnight', at('2024-03-06T00:10:00Z')),
      edge('tooLate', at('2024-03-06T00:20:00Z')),
      edge('nextDayNoon', at('2024-03-06T12:00:00Z')),
    ]);
    await direct.send(
      new PutObjectCommand({
        Bucket: 'edges',
        Key: `AWSLogs/${ONE}/CloudTrail/us-east-1/2024/03/05/notes.txt`,
        Body: 'not a log',
      }),
    );
  }, 120_000);

  afterAll(async () => {
    for (const client of clients.values()) client.destroy();
    direct?.destroy();
    await proxy?.close();
    await moto?.stop();
    restore?.();
  });

  const options = (window: S3Window, extra: Partial<PlanOptions> = {}): PlanOptions => ({
    client: (region) => {
      regionsAsked.push(region);
      let client = clients.get(region);
      if (!client) clients.set(region, (client = motoS3Client(proxy.endpoint, region)));
      return client;
    },
    homeRegion: 'us-east-1',
    window,
    concurrency: 16,
    cache: { dir: undefined },
    now: at('2025-01-01T00:00:00Z'),
    ...extra,
  });
  const plan = (location: S3Location, window: S3Window, extra: Partial<PlanOptions> = {}) => {
    proxy.clear();
    proxy.inject(undefined);
    return planS3(location, options(window, extra));
  };
  const lists = () =>
    proxy.received
      .filter((request) => request.operation === 'ListObjectsV2')
      .map((request) => ({
        prefix: request.query.get('prefix') ?? '',
        delimited: request.query.get('delimiter') === '/',
      }));

  it('the helper uploaded the organization trail in the real key layout', async () => {
    expect(org.keys).toHaveLength(540);
    expect(new Set(org.eventIds).size).toBe(540);
    expect(org.perAccount).toEqual(Object.fromEntries(ACCOUNTS.map((account) => [account, 180])));
    expect(org.perAccountRegion[`${ACCOUNTS[1]}/eu-west-1`]).toBe(90);
    for (const key of org.keys) {
      const match = KEY.exec(key);
      expect(match, key).not.toBeNull();
      // The folder's day is the day in the name.
      expect(match!.slice(3, 6).join('')).toBe(match!.slice(6, 9).join(''));
    }
    const object = single.objects[5]!;
    const body = await direct.send(
      new GetObjectCommand({ Bucket: 'one-account', Key: object.key }),
    );
    const parsed = JSON.parse(
      gunzipSync(Buffer.from(await body.Body!.transformToByteArray())).toString('utf8'),
    ) as { Records: { eventTime: string; eventID: string; recipientAccountId: string }[] };
    expect(parsed.Records.map((record) => record.eventID)).toEqual(object.eventIds);
    for (const record of parsed.Records) {
      const lag = object.deliveredAt - Date.parse(record.eventTime);
      expect(lag).toBeGreaterThan(0);
      expect(lag).toBeLessThanOrEqual(15 * MINUTE);
      expect(record.recipientAccountId).toBe(ONE);
    }
  });

  it('plans a tree written on disk (demo --write) and uploaded as it lies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trailhound-s3plan-tree-'));
    try {
      const records = [
        trailRecord(ONE, 'us-east-1', at('2024-04-01T10:01:00Z')),
        trailRecord(ONE, 'us-east-1', at('2024-04-01T10:07:00Z')),
        trailRecord(ONE, 'eu-west-1', at('2024-04-02T23:58:00Z')),
      ];
      await writeDemoTree(records, dir);
      const uploaded = await uploadLocalTree(direct, 'demo-tree', dir, { prefix: 'ct/' });
      expect(uploaded.keys).toHaveLength(3);
      const result = await plan(
        { bucket: 'demo-tree', prefix: 'ct/' },
        { since: at('2024-04-01T00:00:00Z'), until: at('2024-04-02T23:59:00Z') },
      );
      expect(result.problems).toEqual([]);
      expect(result.objects.map((object) => object.key).sort()).toEqual(uploaded.keys);
      // The last record's object was delivered after midnight, in the next day's folder.
      expect(result.objects.at(-1)!.key).toContain('/eu-west-1/2024/04/03/');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plans one account in a bucket of another region: every object, the bucket region found', async () => {
    regionsAsked.length = 0;
    const result = await plan(
      { bucket: 'one-account', prefix: '' },
      { since: at('2024-03-01T00:00:00Z'), until: at('2024-03-03T23:00:00Z') },
    );
    expect(result.problems).toEqual([]);
    expect(result.bucketRegion).toBe('eu-west-1');
    expect(regionsAsked).toEqual(['us-east-1', 'eu-west-1']);
    expect(result.objects.map((object) => object.key).sort()).toEqual(single.keys);
    expect(result.bytes).toBe(single.bytes);
    expect(result.objects.every((object) => /^"[0-9a-f]{32}"$/.test(object.etag))).toBe(true);
    expect(result.prefixes.map((prefix) => prefix.day)).toEqual([
      '2024/03/01',
      '2024/03/02',
      '2024/03/03',
    ]);
    // AWSLogs/, the account's regions, three days.
    expect(result.listCalls).toBe(5);
    expect(proxy.count('ListObjectsV2')).toBe(5);
  });

  it('plans the organization trail of 3 accounts × 2 regions × 90 days with the right objects', async () => {
    const result = await plan(
      { bucket: 'org-trail', prefix: 'logs/' },
      { since: at('2024-01-01T00:00:00Z'), until: at('2024-03-31T23:00:00Z') },
    );
    expect(result.problems).toEqual([]);
    expect(result.objects).toHaveLength(540);
    expect(result.objects.map((object) => object.key).sort()).toEqual(org.keys);
    const perAccount: Record<string, number> = {};
    for (const object of result.objects) {
      const account = /\/(\d{12})\/CloudTrail\//.exec(object.key)![1]!;
      perAccount[account] = (perAccount[account] ?? 0) + 1;
    }
    expect(perAccount).toEqual(Object.fromEntries(ACCOUNTS.map((account) => [account, 180])));
    expect(result.prefixes).toHaveLength(6 * 91);
    expect(result.prefixes.every((prefix) => prefix.organizationId === ORG)).toBe(true);
    // Oldest delivery first, across accounts and regions.
    const days = result.objects.map((object) => /\/(2024\/\d\d\/\d\d)\//.exec(object.key)![1]);
    expect(days).toEqual([...days].sort());
    // AWSLogs/, the organization, 3 accounts' regions, then each region's January, February and
    // March whole (the window covers them), one listing each; never a digest folder.
    expect(result.listCalls).toBe(1 + 1 + 3 + 6 * 3);
    expect(
      lists()
        .filter((list) => !list.delimited)
        .every((list) => /\/2024\/0[123]\/$/.test(list.prefix)),
    ).toBe(true);
    expect(lists().some((list) => list.prefix.includes('Digest'))).toBe(false);
    expect(planSummary(result)).toBe(
      `546 prefixes · 540 objects · ${(org.bytes / 1000).toFixed(1)} KB · 540 GET requests`,
    );
  });

  it('a one-day window lists only that day: discovery levels, then 6 day folders', async () => {
    const result = await plan(
      { bucket: 'org-trail', prefix: 'logs/' },
      { since: at('2024-02-10T00:00:00Z'), until: at('2024-02-10T20:00:00Z') },
    );
    expect(result.problems).toEqual([]);
    expect(proxy.count('ListObjectsV2')).toBe(11);
    expect(result.listCalls).toBe(11);
    const listed = lists();
    expect(
      listed
        .filter((list) => list.delimited)
        .map((list) => list.prefix)
        .sort(),
    ).toEqual([
      'logs/AWSLogs/',
      `logs/AWSLogs/${ORG}/`,
      ...ACCOUNTS.map((account) => `logs/AWSLogs/${ORG}/${account}/CloudTrail/`),
    ]);
    const days = listed.filter((list) => !list.delimited).map((list) => list.prefix);
    expect(days).toHaveLength(6);
    for (const prefix of days)
      expect(prefix).toMatch(
        /^logs\/AWSLogs\/o-abcdef1234\/\d{12}\/CloudTrail\/[a-z0-9-]+\/2024\/02\/10\/$/,
      );
    expect(result.objects).toHaveLength(6);
    expect(result.objects.every((object) => object.key.includes('/2024/02/10/'))).toBe(true);
  });

  it('--regions and --accounts narrow the listing: given regions are not listed', async () => {
    const result = await plan(
      { bucket: 'org-trail', prefix: 'logs/' },
      {
        since: at('2024-02-10T00:00:00Z'),
        until: at('2024-02-10T20:00:00Z'),
        regions: ['eu-west-1'],
        accounts: [ACCOUNTS[1]!],
      },
    );
    expect(result.problems).toEqual([]);
    expect(lists().map((list) => list.prefix)).toEqual([
      'logs/AWSLogs/',
      `logs/AWSLogs/${ORG}/`,
      `logs/AWSLogs/${ORG}/${ACCOUNTS[1]}/CloudTrail/eu-west-1/2024/02/10/`,
    ]);
    expect(result.objects.map((object) => object.key)).toEqual(
      org.objects
        .filter(
          (o) => o.account === ACCOUNTS[1] && o.region === 'eu-west-1' && o.day === '2024/02/10',
        )
        .map((o) => o.key),
    );
    // An account asked for that the trail does not have: one line, the rest planned.
    const missing = await plan(
      { bucket: 'org-trail', prefix: 'logs/' },
      {
        since: at('2024-02-10T00:00:00Z'),
        until: at('2024-02-10T20:00:00Z'),
        regions: ['us-east-1'],
        accounts: [ACCOUNTS[0]!, '999999999999'],
      },
    );
    expect(missing.objects).toHaveLength(1);
    expect(missing.problems).toEqual([
      `--accounts 999999999999: not in the trail at s3://org-trail/logs/AWSLogs/ (it holds ${ACCOUNTS.join(', ')}).`,
    ]);
  });

  it('trims the edges by the delivery time in each name, and lists the next day when until is near midnight', async () => {
    const result = await plan(
      { bucket: 'edges', prefix: '' },
      { since: at('2024-03-05T10:00:00Z'), until: at('2024-03-05T23:59:00Z') },
    );
    expect(result.problems).toEqual([]);
    expect(result.prefixes.map((prefix) => prefix.day)).toEqual(['2024/03/05', '2024/03/06']);
    expect(result.objects.map((object) => object.key)).toEqual([
      edgeKeys['atSince'],
      edgeKeys['afterSince'],
      edgeKeys['lastDay'],
      edgeKeys['afterMidnight'],
    ]);
    // An until far from midnight lists one day and drops what came later.
    const early = await plan(
      { bucket: 'edges', prefix: '' },
      { since: at('2024-03-05T00:00:00Z'), until: at('2024-03-05T10:01:00Z') },
    );
    expect(early.prefixes.map((prefix) => prefix.day)).toEqual(['2024/03/05']);
    expect(early.objects.map((object) => object.key)).toEqual([
      edgeKeys['beforeSince'],
      edgeKeys['atSince'],
      edgeKeys['afterSince'],
    ]);
  });

  it('starts from where a prefix inside AWSLogs/ points: an account, a region, a day', async () => {
    const window = { since: at('2024-02-01T00:00:00Z'), until: at('2024-02-03T12:00:00Z') };
    const account = await plan(
      { bucket: 'org-trail', prefix: `logs/AWSLogs/${ORG}/${ACCOUNTS[2]}/` },
      window,
    );
    expect(account.problems).toEqual([]);
    expect(
      lists()
        .filter((list) => list.delimited)
        .map((list) => list.prefix),
    ).toEqual([`logs/AWSLogs/${ORG}/${ACCOUNTS[2]}/CloudTrail/`]);
    expect(account.objects).toHaveLength(6);
    const region = await plan(
      { bucket: 'org-trail', prefix: `logs/AWSLogs/${ORG}/${ACCOUNTS[2]}/CloudTrail/us-east-1/` },
      window,
    );
    expect(region.listCalls).toBe(3);
    expect(region.objects).toHaveLength(3);
    const day = await plan(
      {
        bucket: 'org-trail',
        prefix: `logs/AWSLogs/${ORG}/${ACCOUNTS[2]}/CloudTrail/us-east-1/2024/02/02/`,
      },
      window,
    );
    expect(lists().map((list) => list.prefix)).toEqual([
      `logs/AWSLogs/${ORG}/${ACCOUNTS[2]}/CloudTrail/us-east-1/2024/02/02/`,
    ]);
    expect(day.objects).toHaveLength(1);
    const organization = await plan(
      { bucket: 'org-trail', prefix: `logs/AWSLogs/${ORG}/` },
      window,
    );
    expect(organization.objects).toHaveLength(18);
    const digest = await plan(
      { bucket: 'org-trail', prefix: `logs/AWSLogs/${ORG}/${ACCOUNTS[0]}/CloudTrail-Digest/` },
      window,
    );
    expect(digest.objects).toEqual([]);
    expect(digest.listCalls).toBe(0);
    expect(digest.problems).toEqual([
      `s3://org-trail/logs/AWSLogs/${ORG}/${ACCOUNTS[0]}/CloudTrail-Digest/ holds digest files, not the trail's logs: did you mean s3://org-trail/logs/AWSLogs/${ORG}/${ACCOUNTS[0]}/CloudTrail/?`,
    ]);
  });

  it('a prefix with no AWSLogs/ under it: one line saying where it is', async () => {
    const window = { since: at('2024-02-01T00:00:00Z'), until: at('2024-02-01T12:00:00Z') };
    const root = await plan({ bucket: 'org-trail', prefix: '' }, window);
    expect(root.objects).toEqual([]);
    expect(root.problems).toEqual([
      's3://org-trail/ holds no AWSLogs/ folder: did you mean s3://org-trail/logs/?',
    ]);
    const deeper = await plan({ bucket: 'org-trail', prefix: 'logs/2024/' }, window);
    expect(deeper.problems).toEqual([
      's3://org-trail/logs/2024/ holds no AWSLogs/ folder: did you mean s3://org-trail/logs/?',
    ]);
    // Bounded: AWSLogs/ under the prefix, its first folders, two parents.
    expect(deeper.listCalls).toBeLessThanOrEqual(4);
    const above = await plan({ bucket: 'one-account', prefix: 'elsewhere/' }, window);
    expect(above.problems).toEqual([
      's3://one-account/elsewhere/ holds no AWSLogs/ folder: did you mean s3://one-account/?',
    ]);
    const nowhere = await plan({ bucket: 'org-trail', prefix: 'nothing/here/' }, window);
    expect(nowhere.problems).toEqual([
      `s3://org-trail/nothing/here/ holds no AWSLogs/ folder; neither do the 2 folders above it. Give the trail's folder: its S3 key prefix is S3KeyPrefix in "aws cloudtrail describe-trails".`,
    ]);
  });

  it('AccessDenied on ListObjectsV2 is one line naming s3:ListBucket, the bucket and the prefix', async () => {
    proxy.clear();
    proxy.inject((request) =>
      request.operation === 'ListObjectsV2'
        ? { status: 403, code: 'AccessDenied', message: 'Access Denied' }
        : undefined,
    );
    const result = await planS3(
      { bucket: 'org-trail', prefix: 'logs/' },
      options({ since: at('2024-02-01T00:00:00Z'), until: at('2024-02-01T12:00:00Z') }),
    );
    proxy.inject(undefined);
    expect(result.objects).toEqual([]);
    expect(result.problems).toEqual([
      'ListObjectsV2 on s3://org-trail/logs/AWSLogs/: access denied: the identity in use is not allowed s3:ListBucket on the bucket org-trail. Grant s3:ListBucket on arn:aws:s3:::org-trail (a prefix condition must allow logs/AWSLogs/), or use a profile that has it.',
    ]);
    expect(proxy.faulted.map((request) => request.query.get('prefix'))).toEqual(['logs/AWSLogs/']);
  });

  it('a KMS refusal and a plain refusal of GetObject are told apart', async () => {
    const key = org.keys[0]!;
    const client = motoS3Client(proxy.endpoint);
    const errorOf = async () => {
      try {
        await client.send(new GetObjectCommand({ Bucket: 'org-trail', Key: key }));
      } catch (error) {
        return error;
      }
      throw new Error('GetObject did not fail');
    };
    proxy.inject(() => ({
      status: 403,
      code: 'AccessDenied',
      message:
        'User: arn:aws:iam::123456789012:user/ana is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab because no identity-based policy allows the kms:Decrypt action',
    }));
    const kms = describeS3Error(await errorOf(), { call: 'GetObject', bucket: 'org-trail', key });
    proxy.inject(() => ({ status: 403, code: 'AccessDenied', message: 'Access Denied' }));
    const plain = describeS3Error(await errorOf(), { call: 'GetObject', bucket: 'org-trail', key });
    proxy.inject(undefined);
    client.destroy();
    expect(kms).toBe(
      `GetObject on s3://org-trail/${key}: the object is encrypted with a KMS key (SSE-KMS) (arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab) the identity in use may not decrypt with. Grant kms:Decrypt on the trail's KMS key (in the key policy or an IAM policy), then try again.`,
    );
    expect(plain).toContain('s3:GetObject on arn:aws:s3:::org-trail/logs/AWSLogs/');
    expect(plain).not.toContain('kms');
    expect(plain.split('\n')).toHaveLength(1);
  });

  it('refuses a window of too many day folders before listing every account', async () => {
    const result = await plan(
      { bucket: 'org-trail', prefix: 'logs/' },
      { since: at('2022-01-01T00:00:00Z'), until: at('2024-03-30T00:00:00Z') },
      { caps: { prefixes: 1000 } },
    );
    expect(result.objects).toEqual([]);
    expect(result.listCalls).toBe(2);
    expect(result.problems).toEqual([
      's3://org-trail/logs/: 820 days × 3 accounts × at least 1 regions is at least 2,460 day folders to list, more than 1,000. Narrow it with --since/--until, --accounts or --regions.',
    ]);
  });
});
