/**
 * The test helper that builds a CloudTrail bucket in moto: the real key layout, gzipped
 * {"Records":[...]} bodies whose records precede the delivery time in the name, exact counts.
 */
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { expect, it } from 'vitest';
import { describeWithMoto, useMoto } from '../../helpers/moto.js';
import { motoS3Client, uploadS3Trail } from '../../helpers/s3-trail.js';

const KEY =
  /^(?:[a-z]+\/)?AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json\.gz$/;

describeWithMoto('s3-trail helper', () => {
  const context = useMoto();

  it('uploads an organization trail in the real key layout with exact counts', async () => {
    const client = motoS3Client(context.moto.endpoint);
    const trail = await uploadS3Trail(client, {
      bucket: 'org-trail',
      prefix: 'logs/',
      organizationId: 'o-abcdef1234',
      accounts: ['111111111111', '222222222222', '333333333333'],
      regions: ['us-east-1', 'eu-west-1'],
      days: 3,
      objectsPerDay: 2,
      eventsPerObject: 3,
      start: '2024-01-01T00:00:00Z',
      digests: true,
    });
    expect(trail.keys).toHaveLength(3 * 2 * 3 * 2);
    expect(trail.events).toBe(108);
    expect(new Set(trail.eventIds).size).toBe(108);
    expect(trail.perAccount).toEqual({
      '111111111111': 36,
      '222222222222': 36,
      '333333333333': 36,
    });
    expect(trail.perAccountRegion['222222222222/eu-west-1']).toBe(18);
    for (const key of trail.keys) {
      const match = KEY.exec(key);
      expect(match, key).not.toBeNull();
      // The folder's day is the day in the name.
      expect(match!.slice(3, 6).join('')).toBe(match!.slice(6, 9).join(''));
    }
    expect(trail.digestKeys).toHaveLength(18);

    const object = trail.objects[7]!;
    const body = await client.send(new GetObjectCommand({ Bucket: 'org-trail', Key: object.key }));
    const parsed = JSON.parse(
      gunzipSync(Buffer.from(await body.Body!.transformToByteArray())).toString('utf8'),
    ) as { Records: { eventTime: string; eventID: string; recipientAccountId: string }[] };
    expect(parsed.Records.map((record) => record.eventID)).toEqual(object.eventIds);
    for (const record of parsed.Records) {
      const lag = object.deliveredAt - Date.parse(record.eventTime);
      expect(lag).toBeGreaterThan(0);
      expect(lag).toBeLessThanOrEqual(15 * 60_000);
      expect(record.recipientAccountId).toBe(object.account);
    }
    const listed = await client.send(
      new ListObjectsV2Command({
        Bucket: 'org-trail',
        Prefix: 'logs/AWSLogs/o-abcdef1234/',
        Delimiter: '/',
      }),
    );
    expect(listed.CommonPrefixes?.map((p) => p.Prefix)).toEqual([
      'logs/AWSLogs/o-abcdef1234/111111111111/',
      'logs/AWSLogs/o-abcdef1234/222222222222/',
      'logs/AWSLogs/o-abcdef1234/333333333333/',
    ]);
  });
});
