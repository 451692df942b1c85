/**
 * The s3:// planner's pure parts: URI parsing, the plan summary, delivery times and day folders,
 * where a prefix points in CloudTrail's layout, the error lines, and a listing's distrust of
 * what a bucket answers.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  dayRange,
  deliveredInWindow,
  deliveryTimeOf,
  folderSpans,
  pinnedDays,
} from '../../../source/ingest/s3/delivery.js';
import { describeS3Error } from '../../../source/ingest/s3/errors.js';
import { whereInLayout } from '../../../source/ingest/s3/layout.js';
import { S3Lister, S3ListingTooLongError } from '../../../source/ingest/s3/listing.js';
import { planSummary } from '../../../source/ingest/s3/plan.js';
import type { PlannedObject, PlannedPrefix, S3Plan } from '../../../source/ingest/s3/types.js';
import { parseS3Uri } from '../../../source/ingest/s3/uri.js';

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

describe('parseS3Uri', () => {
  it('reads a bucket and a prefix, the prefix normalised to end in "/"', () => {
    expect(parseS3Uri('s3://trail-bucket')).toEqual({ bucket: 'trail-bucket', prefix: '' });
    expect(parseS3Uri('s3://trail-bucket/')).toEqual({ bucket: 'trail-bucket', prefix: '' });
    expect(parseS3Uri('s3://trail.bucket-2/logs')).toEqual({
      bucket: 'trail.bucket-2',
      prefix: 'logs/',
    });
    expect(parseS3Uri('S3://b12/logs/AWSLogs/o-abcdef1234/')).toEqual({
      bucket: 'b12',
      prefix: 'logs/AWSLogs/o-abcdef1234/',
    });
  });

  it.each([
    ['/tmp/trail', 'it must start with s3://.'],
    ['s3://', 'the bucket name is missing'],
    ['s3://ab', 'a bucket name is 3 to 63 characters long'],
    [`s3://${'a'.repeat(64)}`, 'a bucket name is 3 to 63 characters long'],
    ['s3://My_Bucket/logs/', 'did you mean s3://my-bucket/?'],
    ['s3://-bucket', 'starts and ends with a letter or a digit'],
    ['s3://buck..et', 'no two dots in a row'],
    ['s3://192.168.1.10', 'not an IP address'],
    ['s3://bucket/logs%2FAWSLogs/', 'percent-escape'],
    ['s3://bucket/logs//AWSLogs/', 'an empty folder'],
    ['s3://bucket//logs/', 'an empty folder'],
    ['s3://bucket/logs/../x/', '"." and ".." are not folders'],
    ['s3://bucket/my logs/', 'spaces'],
    ['s3://bucket/logs/?versionId=1', '"?", "#"'],
    ['s3://bucket/logs\u001b[31m/', 'control characters'],
    [`s3://bucket/${'a/'.repeat(600)}`, '1024-byte key limit'],
    ['s3://bucket/AWSLogs/1/CloudTrail/x.json.gz', 'it names one object'],
  ])('refuses %j with a reason', (text, reason) => {
    const parsed = parseS3Uri(text);
    expect('error' in parsed && parsed.error).toContain(reason);
    if ('error' in parsed) expect(parsed.error).not.toMatch(/[\u0000-\u001f]/);
  });

  it('turns an https URL of a bucket into the s3:// it means', () => {
    const parsed = parseS3Uri('https://trail-bucket.s3.eu-west-1.amazonaws.com/logs/AWSLogs/');
    expect(parsed).toEqual({
      error:
        'https://trail-bucket.s3.eu-west-1.amazonaws.com/logs/AWSLogs/ is not an S3 location: write it as s3://BUCKET/PREFIX/ (did you mean s3://trail-bucket/logs/AWSLogs/?).',
    });
  });
});

describe('planSummary', () => {
  const planOf = (objects: number, bytes: number, cached = 0, prefixes = 412): S3Plan => ({
    location: { bucket: 'b', prefix: '' },
    bucketRegion: 'us-east-1',
    // Only the lengths are read: arrays of holes keep a million-object plan cheap.
    prefixes: new Array<PlannedPrefix>(prefixes),
    objects: new Array<PlannedObject>(objects),
    bytes,
    cached,
    listCalls: 0,
    problems: [],
  });

  it('reads prefixes, objects, bytes and GET requests (objects not cached)', () => {
    expect(planSummary(planOf(52_310, 6.1e9))).toBe(
      '412 prefixes · 52,310 objects · 6.1 GB · ~52k GET requests',
    );
    expect(planSummary(planOf(52_310, 6.1e9, 52_310))).toBe(
      '412 prefixes · 52,310 objects · 6.1 GB · 0 GET requests (52,310 cached)',
    );
    expect(planSummary(planOf(1, 2048, 0, 1))).toBe('1 prefix · 1 object · 2.0 KB · 1 GET request');
    expect(planSummary(planOf(0, 0, 0, 0))).toBe('0 prefixes · 0 objects · 0 B · 0 GET requests');
    expect(planSummary(planOf(1_250_000, 1.5e12, 10_000, 2))).toBe(
      '2 prefixes · 1,250,000 objects · 1.5 TB · ~1.2M GET requests (10,000 cached)',
    );
  });
});

describe('delivery times and day folders', () => {
  it('reads the delivery time in a CloudTrail name, and nothing from other names', () => {
    const key =
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/05/111122223333_CloudTrail_us-east-1_20240305T2350Z_AbCdEfGh12345678.json.gz';
    expect(deliveryTimeOf(key)).toBe(at('2024-03-05T23:50:00Z'));
    expect(deliveryTimeOf(key.replace('20240305', '20240231'))).toBeUndefined();
    expect(deliveryTimeOf(key.replace('T2350Z', 'T2460Z'))).toBeUndefined();
    expect(
      deliveryTimeOf('AWSLogs/1/CloudTrail/us-east-1/2024/03/05/notes.json.gz'),
    ).toBeUndefined();
  });

  it('keeps objects delivered from since to until + 15 minutes', () => {
    const window = { since: at('2024-03-05T10:00:00Z'), until: at('2024-03-05T12:00:00Z') };
    expect(deliveredInWindow(at('2024-03-05T09:59:00Z'), window)).toBe(false);
    expect(deliveredInWindow(at('2024-03-05T10:00:00Z'), window)).toBe(true);
    expect(deliveredInWindow(at('2024-03-05T12:15:00Z'), window)).toBe(true);
    expect(deliveredInWindow(at('2024-03-05T12:16:00Z'), window)).toBe(false);
  });

  it('lists the next day when until is within 15 minutes of midnight, and never the future', () => {
    const now = at('2030-01-01T00:00:00Z');
    const day = (iso: string) => at(iso) / DAY;
    expect(
      dayRange({ since: at('2024-03-05T10:00:00Z'), until: at('2024-03-05T23:44:00Z') }, now),
    ).toEqual({ first: day('2024-03-05'), last: day('2024-03-05') });
    expect(
      dayRange({ since: at('2024-03-05T10:00:00Z'), until: at('2024-03-05T23:46:00Z') }, now),
    ).toEqual({ first: day('2024-03-05'), last: day('2024-03-06') });
    expect(
      dayRange(
        { since: at('2024-03-05T00:00:00Z'), until: at('2024-03-20T00:00:00Z') },
        at('2024-03-07T12:00:00Z'),
      ),
    ).toEqual({ first: day('2024-03-05'), last: day('2024-03-07') });
  });

  it('lists a month the range covers whole as one folder, the edges day by day', () => {
    const day = (iso: string) => at(iso) / DAY;
    const spans = folderSpans({ first: day('2024-01-30'), last: day('2024-03-02') });
    expect(spans.map((span) => span.folder)).toEqual([
      '2024/01/30/',
      '2024/01/31/',
      '2024/02/',
      '2024/03/01/',
      '2024/03/02/',
    ]);
    expect(spans[2]!.days).toHaveLength(29);
    expect(folderSpans({ first: 5, last: 4 })).toEqual([]);
  });

  it('reads the days a YYYY[/MM[/DD]] prefix covers', () => {
    const day = (iso: string) => at(iso) / DAY;
    expect(pinnedDays(['2024'])).toEqual({ first: day('2024-01-01'), last: day('2024-12-31') });
    expect(pinnedDays(['2024', '02'])).toEqual({
      first: day('2024-02-01'),
      last: day('2024-02-29'),
    });
    expect(pinnedDays(['2024', '02', '30'])).toBeUndefined();
    expect(pinnedDays(['2024', '13'])).toBeUndefined();
    expect(pinnedDays(['24'])).toBeUndefined();
  });
});

describe('whereInLayout', () => {
  const where = (prefix: string) => whereInLayout({ bucket: 'b12', prefix });

  it('finds the root, the organization, the account, the region and the date', () => {
    expect(where('')).toEqual({ root: '' });
    expect(where('logs/')).toEqual({ root: 'logs/' });
    expect(where('logs/AWSLogs/')).toEqual({ root: 'logs/' });
    expect(where('AWSLogs/o-abcdef1234/')).toEqual({ root: '', organizationId: 'o-abcdef1234' });
    expect(where('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/')).toEqual({
      root: '',
      account: '111122223333',
      region: 'eu-west-1',
      days: pinnedDays(['2024', '03']),
      dateText: '2024/03',
    });
  });

  it('says what is wrong with a prefix inside AWSLogs/ that is not of the layout', () => {
    expect(where('AWSLogs/11112222/')).toEqual({
      error:
        's3://b12/AWSLogs/11112222/ is not a folder of CloudTrail\'s layout (AWSLogs/[o-id/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/): after s3://b12/AWSLogs/ comes an o-… organization id or a 12-digit account, not "11112222".',
    });
    expect(where('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/02/30/')).toHaveProperty('error');
    expect(where('AWSLogs/111122223333/CloudTrail-Insight/')).toEqual({
      error:
        "s3://b12/AWSLogs/111122223333/CloudTrail-Insight/ holds other files, not the trail's logs: did you mean s3://b12/AWSLogs/111122223333/CloudTrail/?",
    });
  });
});

describe('describeS3Error', () => {
  const s3Error = (code: string, status: number, message = code, extra = {}) =>
    Object.assign(new Error(message), {
      name: code,
      Code: code,
      $metadata: { httpStatusCode: status },
      ...extra,
    });

  it('tells s3:ListBucket, s3:GetObject and kms:Decrypt apart', () => {
    expect(
      describeS3Error(s3Error('AccessDenied', 403), {
        call: 'ListObjectsV2',
        bucket: 'b12',
        prefix: 'AWSLogs/',
      }),
    ).toContain('not allowed s3:ListBucket on the bucket b12');
    expect(
      describeS3Error(s3Error('AccessDenied', 403), {
        call: 'GetObject',
        bucket: 'b12',
        key: 'AWSLogs/1/x.json.gz',
      }),
    ).toContain(
      "not allowed s3:GetObject on the trail's objects. Grant s3:GetObject on arn:aws:s3:::b12/AWSLogs/1/*",
    );
    expect(
      describeS3Error(s3Error('KMS.DisabledException', 400, 'key disabled'), {
        call: 'GetObject',
        bucket: 'b12',
        key: 'k.json.gz',
      }),
    ).toContain('disabled, pending deletion or gone');
    expect(
      describeS3Error(
        s3Error(
          'AccessDenied',
          403,
          'The ciphertext refers to a customer master key that does not exist, or KMS access was denied',
        ),
        {
          call: 'GetObject',
          bucket: 'b12',
          key: 'k.json.gz',
        },
      ),
    ).toContain('Grant kms:Decrypt');
  });

  it('names a missing bucket, refused or expired credentials, throttling', () => {
    expect(describeS3Error(s3Error('NotFound', 404), { call: 'HeadBucket', bucket: 'b12' })).toBe(
      'HeadBucket on s3://b12/: there is no bucket named b12 (NoSuchBucket). Check the name, and the account, --profile and --endpoint-url in use.',
    );
    expect(
      describeS3Error(s3Error('InvalidAccessKeyId', 403), {
        call: 'ListObjectsV2',
        bucket: 'b12',
        prefix: '',
      }),
    ).toContain('credentials were refused (InvalidAccessKeyId');
    const missigned = describeS3Error(s3Error('SignatureDoesNotMatch', 403), {
      call: 'ListObjectsV2',
      bucket: 'b12',
    });
    expect(missigned).toContain('credentials were refused (SignatureDoesNotMatch');
    expect(missigned).not.toContain('access denied');
    expect(
      describeS3Error(s3Error('ExpiredToken', 400, 'The provided token has expired.'), {
        call: 'ListObjectsV2',
        bucket: 'b12',
      }),
    ).toContain('the session token has expired');
    expect(
      describeS3Error(s3Error('SlowDown', 503), { call: 'GetObject', bucket: 'b12', key: 'k' }),
    ).toContain('Lower --s3-concurrency');
    expect(
      describeS3Error(
        s3Error('PermanentRedirect', 301, 'x', {
          $response: { headers: { 'x-amz-bucket-region': 'eu-west-2' } },
        }),
        {
          call: 'ListObjectsV2',
          bucket: 'b12',
        },
      ),
    ).toContain('--region eu-west-2');
  });

  it('sanitises what S3 sends: one line, no terminal controls, no secrets', () => {
    const line = describeS3Error(
      s3Error('Weird\u001b[2J', 400, 'bad\nthing \u001b]0;owned\u0007 aws_secret_access_key=abcd'),
      { call: 'GetObject', bucket: 'b12', key: 'AWSLogs/\u001b[31mred.json.gz' },
    );
    expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(line).not.toContain('abcd');
    expect(line.split('\n')).toHaveLength(1);
  });
});

describe('S3Lister', () => {
  const fakeClient = (pages: object[]) => {
    let call = 0;
    return { send: async () => pages[Math.min(call++, pages.length - 1)] } as unknown as S3Client;
  };

  it('drops what a bucket answers outside the folder, nested deeper, or with control characters', async () => {
    const lister = new S3Lister(
      fakeClient([
        {
          Contents: [
            { Key: 'p/2024/01/01/a.json.gz', Size: 10, ETag: '"e"' },
            { Key: 'p/2024/01/01/../../x.json.gz', Size: 10, ETag: '"e"' },
            { Key: 'elsewhere/a.json.gz', Size: 10, ETag: '"e"' },
            { Key: 'p/2024/01/01/\u001b[2Jb.json.gz', Size: 10, ETag: '"e"' },
            { Key: 'p/2024/01/01/c.json.gz', Size: -5, ETag: 'x'.repeat(500) },
          ],
          CommonPrefixes: [],
        },
      ]),
      'b12',
    );
    expect(await lister.objects('p/2024/01/01/', 5)).toEqual([
      { key: 'p/2024/01/01/a.json.gz', size: 10, etag: '"e"' },
      { key: 'p/2024/01/01/c.json.gz', size: 0, etag: '' },
    ]);
    const folders = new S3Lister(
      fakeClient([
        {
          CommonPrefixes: [
            { Prefix: 'AWSLogs/111122223333/' },
            { Prefix: 'AWSLogs/../' },
            { Prefix: 'other/' },
            { Prefix: 'AWSLogs/a/b/' },
          ],
        },
      ]),
      'b12',
    );
    expect(await folders.folders('AWSLogs/', 5)).toEqual(['AWSLogs/111122223333/']);
  });

  it('stops a listing past its pages, or one that hands a token back twice', async () => {
    const looping = new S3Lister(
      fakeClient([{ Contents: [], IsTruncated: true, NextContinuationToken: 'same' }]),
      'b12',
    );
    await expect(looping.objects('p/', 100)).rejects.toBeInstanceOf(S3ListingTooLongError);
    expect(looping.calls).toBe(2);
    let n = 0;
    const endless = new S3Lister(
      {
        send: async () => ({ Contents: [], IsTruncated: true, NextContinuationToken: `t${n++}` }),
      } as unknown as S3Client,
      'b12',
    );
    await expect(endless.objects('p/', 7)).rejects.toBeInstanceOf(S3ListingTooLongError);
    expect(endless.calls).toBe(7);
  });
});
