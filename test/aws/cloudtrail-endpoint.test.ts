import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../source/bench/cloudtrail-endpoint.js';
import { liveRecords } from '../../source/bench/live-records.js';
import { FAKE_KEY, FAKE_SECRET, fakeAwsEnv, type FakeAwsEnv } from './fake-aws-env.js';

let aws: FakeAwsEnv;
let endpoint: CloudTrailEndpoint;
const records = liveRecords({ regions: ['us-east-1', 'eu-west-1'], perRegion: 120 });

function client(region: string): CloudTrailClient {
  return new CloudTrailClient({
    region,
    endpoint: endpoint.url,
    maxAttempts: 1,
    credentials: { accessKeyId: FAKE_KEY, secretAccessKey: FAKE_SECRET },
  });
}

beforeAll(async () => {
  aws = fakeAwsEnv();
  endpoint = await startCloudTrailEndpoint({ records, ratePerSecond: 1000 });
});
afterAll(async () => {
  await endpoint.close();
  aws.restore();
});

describe('local LookupEvents endpoint, through the real SDK client', () => {
  it('serves the signed region, 50 a page, newest first, the record as a JSON string', async () => {
    const output = await client('eu-west-1').send(new LookupEventsCommand({}));
    expect(output.Events).toHaveLength(50);
    expect(output.NextToken).toBeTypeOf('string');
    const times = output.Events!.map((event) => event.EventTime!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const first = output.Events![0]!;
    const record = JSON.parse(first.CloudTrailEvent!) as Record<string, unknown>;
    expect(record['awsRegion']).toBe('eu-west-1');
    expect(first.EventId).toBe(record['eventID']);
    expect(first.EventName).toBe(record['eventName']);
    expect(first.Username).toBe((record['userIdentity'] as { userName: string }).userName);
    expect(first.AccessKeyId).toMatch(/^AKIA/);
    expect(first.EventSource).toBe(record['eventSource']);
    expect(first.ReadOnly).toMatch(/^(true|false)$/);
  });

  it('pages to the end with NextToken, nothing twice', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await client('us-east-1').send(new LookupEventsCommand({ NextToken: token }));
      seen.push(...page.Events!.map((event) => event.EventId!));
      token = page.NextToken;
    } while (token);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it('filters by one attribute and by time', async () => {
    const user = await client('us-east-1').send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'bob' }],
      }),
    );
    expect(user.Events!.length).toBeGreaterThan(0);
    expect(user.Events!.every((event) => event.Username === 'bob')).toBe(true);
    const newest = Date.parse(String(records[0]!['eventTime']));
    const window = await client('us-east-1').send(
      new LookupEventsCommand({
        StartTime: new Date(newest - 3600_000),
        EndTime: new Date(newest),
      }),
    );
    expect(window.Events!.length).toBeGreaterThan(0);
    for (const event of window.Events!) {
      expect(event.EventTime!.getTime()).toBeGreaterThanOrEqual(newest - 3600_000);
      expect(event.EventTime!.getTime()).toBeLessThanOrEqual(newest);
    }
  });

  it('refuses what AWS refuses, with the errors the SDK knows', async () => {
    const us = client('us-east-1');
    await expect(us.send(new LookupEventsCommand({ MaxResults: 51 }))).rejects.toMatchObject({
      name: 'InvalidMaxResultsException',
    });
    await expect(
      us.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'Username', AttributeValue: 'bob' },
            { AttributeKey: 'EventName', AttributeValue: 'ListUsers' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidLookupAttributesException' });
    const first = await us.send(new LookupEventsCommand({}));
    await expect(
      us.send(new LookupEventsCommand({ NextToken: first.NextToken, MaxResults: 10 })),
    ).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
    await expect(us.send(new LookupEventsCommand({ NextToken: 'forged' }))).rejects.toMatchObject({
      name: 'InvalidNextTokenException',
    });
    await expect(
      us.send(new LookupEventsCommand({ StartTime: new Date(2000), EndTime: new Date(1000) })),
    ).rejects.toMatchObject({ name: 'InvalidTimeRangeException' });
  });

  it('throttles beyond 2 requests a second per region, and counts', async () => {
    const strict = await startCloudTrailEndpoint({ records });
    try {
      const eu = new CloudTrailClient({
        region: 'eu-west-1',
        endpoint: strict.url,
        maxAttempts: 1,
        credentials: { accessKeyId: FAKE_KEY, secretAccessKey: FAKE_SECRET },
      });
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map(() => eu.send(new LookupEventsCommand({ MaxResults: 1 }))),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
      const refused = results.filter((result) => result.status === 'rejected');
      expect(refused).toHaveLength(2);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      });
      expect(strict.counts('eu-west-1')).toEqual({ served: 2, throttled: 2, refused: 0 });
      // Another region has its own limit.
      const us = new CloudTrailClient({
        region: 'us-east-1',
        endpoint: strict.url,
        maxAttempts: 1,
        credentials: { accessKeyId: FAKE_KEY, secretAccessKey: FAKE_SECRET },
      });
      await expect(us.send(new LookupEventsCommand({ MaxResults: 1 }))).resolves.toBeDefined();
    } finally {
      await strict.close();
    }
  });
});
