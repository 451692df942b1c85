/**
 * The live reader's own status (what the TUI shows) against a hostile endpoint, in process:
 * a repeated token and a silent endpoint each end the region with one line, the events read
 * before them indexed. And every client aws/connect builds carries the connect and request
 * timeouts of the limits in force.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../source/aws/connect.js';
import { describeAwsError } from '../../source/aws/errors.js';
import { BoundedHttpHandler, boundedHandler } from '../../source/aws/http-handler.js';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpointOptions,
} from '../../source/bench/cloudtrail-endpoint.js';
import { liveRecords } from '../../source/bench/live-records.js';
import { EventIndex } from '../../source/index/index.js';
import { LiveReader } from '../../source/ingest/live/index.js';
import { setLimits } from '../../source/trail/limits.js';
import { FAKE_KEY, FAKE_SECRET, fakeAwsEnv, type FakeAwsEnv } from '../aws/fake-aws-env.js';
import { tempDir } from './live-helpers.js';

let aws: FakeAwsEnv;
beforeAll(() => {
  aws = fakeAwsEnv();
});
afterAll(() => {
  setLimits({});
  aws.restore();
});

async function readAgainst(options: CloudTrailEndpointOptions, regions = ['us-east-1']) {
  const records = liveRecords({ regions, perRegion: 150 });
  const endpoint = await startCloudTrailEndpoint({ records, ratePerSecond: 50, ...options });
  const cache = tempDir();
  const clients = new Map<string, CloudTrailClient>();
  const client = (region: string) => {
    let found = clients.get(region);
    if (!found)
      clients.set(
        region,
        (found = new CloudTrailClient({
          region,
          endpoint: endpoint.url,
          maxAttempts: 2,
          credentials: { accessKeyId: FAKE_KEY, secretAccessKey: FAKE_SECRET },
          requestHandler: boundedHandler({ connectTimeout: 300, requestTimeout: 300 }),
        })),
      );
    return found;
  };
  try {
    const index = new EventIndex();
    const reader = await LiveReader.open({
      client,
      regions,
      cacheDir: cache.dir,
      sink: index,
      ratePerSecond: 40,
    });
    const started = performance.now();
    const result = await reader.load({ since: Date.now() - 2 * 86_400_000 });
    return { result, index, ms: performance.now() - started, requests: endpoint.requests.length };
  } finally {
    for (const each of clients.values()) each.destroy();
    cache.remove();
    await endpoint.close();
  }
}

describe('live reader bounds', () => {
  it('tokens going round: the region stops with a line, its first page indexed', async () => {
    const { result, index, requests } = await readAgainst({
      misbehave: (request) => ({ kind: 'token', token: request.token === 'A' ? 'B' : 'A' }),
    });
    expect(requests).toBe(3);
    expect(result.errors).toEqual([]);
    expect(result.stops).toHaveLength(1);
    expect(result.stops[0]!.message).toMatch(
      /^us-east-1: LookupEvents stopped after 3 pages: the endpoint sent a NextToken it had sent before, which would page forever; 50 events loaded, back to \d{4}-\d\d-\d\dT\d\d:\d\dZ$/,
    );
    expect(result.progress.regions[0]!.stopped).toBe(result.stops[0]!.message);
    expect(index.size).toBe(50);
  }, 10_000);

  it('a silent endpoint: a timeout error with what was kept, 100 events indexed', async () => {
    const { result, index, ms } = await readAgainst({
      misbehave: (_request, served) => (served >= 2 ? { kind: 'silent' } : undefined),
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.loaded).toMatch(/^100 events loaded, back to /);
    setLimits({ requestTimeout: 300 });
    expect(
      describeAwsError(result.errors[0]!.error, {
        call: 'cloudtrail:LookupEvents',
        region: 'us-east-1',
      }),
    ).toMatch(/did not answer within 300 ms \(request timeout, 2 attempts\)/);
    expect(index.size).toBe(100);
    // Two attempts of 300 ms and a back-off, not forever.
    expect(ms).toBeLessThan(5000);
  }, 10_000);

  it('a region cut short by another region failing says so, with what it kept', async () => {
    const { result, index } = await readAgainst(
      {
        // us-east-1 fails on its second page; eu-west-1's second page is still dripping then.
        misbehave: (request, served) =>
          served < 1
            ? undefined
            : request.region === 'us-east-1'
              ? { kind: 'not-json' }
              : { kind: 'drip', everyMs: 50 },
      },
      ['eu-west-1', 'us-east-1'],
    );
    expect(result.errors.map((error) => error.region)).toEqual(['us-east-1']);
    expect(result.stops.map((stop) => stop.message)).toEqual([
      expect.stringMatching(
        /^eu-west-1: LookupEvents stopped when us-east-1 failed; 50 events loaded, back to /,
      ),
    ]);
    expect(index.size).toBe(100);
  }, 10_000);

  it('an answer past response-bytes ends the region with a line, not the process', async () => {
    setLimits({ responseBytes: 512 * 1024 });
    try {
      const { result, index } = await readAgainst({
        misbehave: (_request, served) =>
          served >= 1 ? { kind: 'huge', bytes: 64 * 1024 * 1024 } : undefined,
      });
      expect(index.size).toBe(50);
      expect(result.errors).toHaveLength(1);
      expect(
        describeAwsError(result.errors[0]!.error, {
          call: 'cloudtrail:LookupEvents',
          region: 'us-east-1',
        }),
      ).toMatch(
        /^cloudtrail:LookupEvents in us-east-1: the endpoint 127\.0\.0\.1:\d+ sent an answer larger than 512 KiB, more than AWS sends for this call\. Check --endpoint-url, or allow more with --limit response-bytes=1MiB\.$/,
      );
    } finally {
      setLimits({});
    }
  }, 10_000);

  it('every client of a connection carries the connect and request timeouts in force', async () => {
    setLimits({ connectTimeout: 1234, requestTimeout: 5678, responseBytes: 4096 });
    const connection = await connect({ region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:9' });
    try {
      for (const handler of [
        connection.cloudTrail('eu-west-1').config.requestHandler,
        connection.sts().config.requestHandler,
        connection.clientConfig('us-east-1').requestHandler,
      ]) {
        expect(handler).toBeInstanceOf(BoundedHttpHandler);
        expect((handler as BoundedHttpHandler).bounds).toEqual({
          connectTimeout: 1234,
          requestTimeout: 5678,
          responseBytes: 4096,
        });
      }
    } finally {
      connection.destroy();
      setLimits({});
    }
  });
});
