import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAwsError } from '../../source/aws/errors.js';
import { startCloudTrailEndpoint } from '../../source/bench/cloudtrail-endpoint.js';
import { liveRecords } from '../../source/bench/live-records.js';
import { EventIndex, filterRows } from '../../source/index/index.js';
import { follow, LiveReader, serverLookup } from '../../source/ingest/live/index.js';
import { parseQuery } from '../../source/trail/query/index.js';
import { fakeAwsEnv, type FakeAwsEnv } from '../aws/fake-aws-env.js';
import { clientsFor, indexedIds, tempDir } from './live-helpers.js';

let aws: FakeAwsEnv;
beforeAll(() => {
  aws = fakeAwsEnv();
});
afterAll(() => aws.restore());

const DAY = 24 * 3600 * 1000;

describe('live reader against the local LookupEvents endpoint', () => {
  it('reads 3 regions x 1,200 events side by side at the real 2 requests/s, nothing lost or repeated', async () => {
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
    const records = liveRecords({ regions, perRegion: 1200 });
    const endpoint = await startCloudTrailEndpoint({ records });
    const cache = tempDir();
    try {
      const index = new EventIndex();
      const reader = await LiveReader.open({
        client: clientsFor(endpoint.url),
        regions,
        cacheDir: cache.dir,
        sink: index,
      });
      const started = performance.now();
      const result = await reader.load({ since: Date.now() - 2 * DAY });
      const seconds = (performance.now() - started) / 1000;
      expect(result.errors).toEqual([]);
      expect(result.progress.events).toBe(3600);
      expect(result.progress.pages).toBe(72);
      expect(index.size).toBe(3600);
      expect(index.duplicates).toBe(0);
      const ids = await indexedIds(index, reader.files);
      expect(new Set(ids).size).toBe(3600);
      expect(new Set(ids)).toEqual(new Set(records.map((record) => record['eventID'])));
      // Regions ran side by side: 24 pages each at ~2/s is ~12 s, not 36.
      expect(seconds).toBeLessThan(20);
      for (const region of regions) {
        // The pacer keeps each region just under the limit; on a busy machine (this process
        // also runs the endpoint) a request may still land early and be refused, then retried.
        expect(endpoint.counts(region)).toMatchObject({ served: 24, refused: 0 });
        expect(endpoint.counts(region).throttled).toBeLessThanOrEqual(2);
      }
      expect(result.progress.throttles).toBe(endpoint.counts().throttled);
      const perRegion = result.progress.regions.find((r) => r.region === 'eu-west-1')!;
      expect(perRegion.oldest).toBeLessThan(perRegion.newest!);
    } finally {
      cache.remove();
      await endpoint.close();
    }
  }, 40_000);

  it('loses and repeats nothing with 20% of requests throttled (faster limit)', async () => {
    const regions = ['us-east-1', 'eu-west-1', 'us-west-2'];
    const records = liveRecords({ regions, perRegion: 600 });
    const endpoint = await startCloudTrailEndpoint({
      records,
      ratePerSecond: 25,
      throttleFraction: 0.2,
      seed: 7,
    });
    const cache = tempDir();
    try {
      const index = new EventIndex();
      const reader = await LiveReader.open({
        client: clientsFor(endpoint.url),
        regions,
        cacheDir: cache.dir,
        sink: index,
        ratePerSecond: 20,
      });
      const result = await reader.load({ since: Date.now() - 2 * DAY });
      expect(result.errors).toEqual([]);
      expect(endpoint.counts().throttled).toBeGreaterThan(5);
      expect(result.progress.throttles).toBe(endpoint.counts().throttled);
      expect(result.progress.duplicates).toBe(0);
      // Each region's 12 pages once, whichever attempts (the first page's too) were throttled.
      for (const region of regions) expect(endpoint.counts(region).served).toBe(12);
      expect(endpoint.counts().served).toBe(36);
      const ids = await indexedIds(index, reader.files);
      expect(ids).toHaveLength(1800);
      expect(new Set(ids).size).toBe(1800);
    } finally {
      cache.remove();
      await endpoint.close();
    }
  }, 30_000);

  it('a page refused after the SDK gives up is asked again with the same NextToken', async () => {
    const records = liveRecords({ regions: ['us-east-1'], perRegion: 500 });
    const endpoint = await startCloudTrailEndpoint({
      records,
      ratePerSecond: 50,
      throttleFraction: 0.4,
      seed: 3,
    });
    const cache = tempDir();
    try {
      const index = new EventIndex();
      const reader = await LiveReader.open({
        // One attempt a call: every retry here is the reader's own.
        client: clientsFor(endpoint.url, 1),
        regions: ['us-east-1'],
        cacheDir: cache.dir,
        sink: index,
        ratePerSecond: 40,
      });
      const result = await reader.load({ since: Date.now() - 2 * DAY });
      expect(result.errors).toEqual([]);
      const requests = endpoint.requests;
      const throttled = requests.filter((request) => request.outcome === 'throttled');
      expect(throttled.length).toBeGreaterThan(3);
      requests.forEach((request, i) => {
        if (request.outcome === 'throttled') expect(requests[i + 1]?.token).toBe(request.token);
      });
      const servedTokens = requests
        .filter((request) => request.outcome === 'served')
        .map((request) => request.token);
      expect(new Set(servedTokens).size).toBe(servedTokens.length);
      expect(servedTokens).toHaveLength(10);
      expect(index.size).toBe(500);
      expect(index.duplicates).toBe(0);
    } finally {
      cache.remove();
      await endpoint.close();
    }
  });

  it('a first page refused after the SDK gives up is asked again, not taken for an empty region', async () => {
    const records = liveRecords({ regions: ['us-east-1'], perRegion: 120 });
    let refused = 0;
    const endpoint = await startCloudTrailEndpoint({
      records,
      ratePerSecond: 50,
      // The region's first two requests (the first page, no NextToken yet) are throttled.
      fault: () =>
        refused++ < 2 ? { type: 'ThrottlingException', message: 'Rate exceeded' } : undefined,
    });
    const cache = tempDir();
    try {
      const index = new EventIndex();
      const reader = await LiveReader.open({
        // One attempt a call: each refusal reaches the reader.
        client: clientsFor(endpoint.url, 1),
        regions: ['us-east-1'],
        cacheDir: cache.dir,
        sink: index,
        ratePerSecond: 40,
      });
      const result = await reader.load({ since: Date.now() - 2 * DAY });
      expect(result.errors).toEqual([]);
      expect(endpoint.requests.map((request) => [request.token, request.outcome])).toEqual([
        [undefined, 'fault'],
        [undefined, 'fault'],
        [undefined, 'served'],
        [expect.any(String), 'served'],
        [expect.any(String), 'served'],
      ]);
      expect(result.progress.throttles).toBe(2);
      expect(result.progress.pages).toBe(3);
      expect(index.size).toBe(120);
      expect(new Set(await indexedIds(index, reader.files))).toEqual(
        new Set(records.map((record) => record['eventID'])),
      );
    } finally {
      cache.remove();
      await endpoint.close();
    }
  });

  it('always asks us-east-1, sends one lookup attribute and filters ip: locally', async () => {
    const records = liveRecords({ regions: ['us-east-1', 'eu-west-1'], perRegion: 300 });
    const endpoint = await startCloudTrailEndpoint({ records, ratePerSecond: 50 });
    const cache = tempDir();
    try {
      const parsed = parseQuery('user:KeyHunter ip:102.88.109.159 -error:*');
      if (!parsed.ok) throw new Error(parsed.error.message);
      const lookup = serverLookup(parsed.query);
      expect(lookup).toEqual({ key: 'Username', value: 'KeyHunter' });
      const index = new EventIndex();
      const reader = await LiveReader.open({
        client: clientsFor(endpoint.url),
        regions: ['eu-west-1'],
        lookup: lookup!,
        cacheDir: cache.dir,
        sink: index,
        ratePerSecond: 40,
      });
      const result = await reader.load({ since: Date.now() - 2 * DAY });
      expect(result.errors).toEqual([]);
      expect(new Set(endpoint.requests.map((request) => request.region))).toEqual(
        new Set(['eu-west-1', 'us-east-1']),
      );
      for (const request of endpoint.requests) {
        expect(request.attributes).toEqual([
          { AttributeKey: 'Username', AttributeValue: 'KeyHunter' },
        ]);
      }
      const keyHunter = records.filter(
        (record) => (record['userIdentity'] as { userName: string }).userName === 'KeyHunter',
      );
      expect(index.size).toBe(keyHunter.length);
      const rows = filterRows(index, parsed.query, index.order());
      const expected = keyHunter.filter((record) => record['sourceIPAddress'] === '102.88.109.159');
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(keyHunter.length);
      expect(rows.length).toBe(expected.length);
    } finally {
      cache.remove();
      await endpoint.close();
    }
  });

  it('cancel keeps what came; reopening the cache shows it at once and asks only for the rest', async () => {
    const regions = ['us-east-1'];
    // Older than the late-arrival margin, so a finished read counts as fully covered.
    const records = liveRecords({ regions, perRegion: 1000, end: Date.now() - 3600_000 });
    const endpoint = await startCloudTrailEndpoint({ records, ratePerSecond: 50 });
    const cache = tempDir();
    try {
      const since = Date.now() - 3 * DAY;
      const first = new EventIndex();
      const control = new AbortController();
      const reader = await LiveReader.open({
        client: clientsFor(endpoint.url),
        regions,
        cacheDir: cache.dir,
        sink: first,
        ratePerSecond: 40,
      });
      const result = await reader.load(
        { since },
        {
          signal: control.signal,
          onProgress: (progress) => {
            if (progress.pages >= 5) control.abort();
          },
        },
      );
      expect(result.cancelled).toBe(true);
      expect(result.errors).toEqual([]);
      expect(first.size).toBe(result.progress.events);
      expect(first.size).toBeGreaterThanOrEqual(250);
      expect(first.size).toBeLessThan(1000);
      const kept = first.size;
      const servedBefore = endpoint.counts().served;

      const second = new EventIndex();
      const reopened = await LiveReader.open({
        client: clientsFor(endpoint.url),
        regions,
        cacheDir: cache.dir,
        sink: second,
        ratePerSecond: 40,
      });
      const shown: number[] = [];
      const rest = await reopened.load({ since }, { onProgress: (p) => shown.push(p.cached) });
      expect(rest.progress.cached).toBe(kept);
      expect(rest.progress.events).toBe(1000 - kept);
      expect(second.size).toBe(1000);
      expect(second.duplicates).toBe(0);
      const ids = await indexedIds(second, reopened.files);
      expect(new Set(ids).size).toBe(1000);
      // The second read asked only for the older part the first never reached, plus one
      // (empty) page for the last quarter hour, never recorded as read (late arrivals).
      // Events sharing the cut's second are asked again and dropped by eventID.
      const asked = endpoint.counts().served - servedBefore;
      expect(asked).toBeGreaterThanOrEqual(Math.ceil((1000 - kept) / 50) + 1);
      expect(asked).toBeLessThanOrEqual(Math.ceil((1000 - kept + 5) / 50) + 1);

      // A third open of a fully read range asks AWS nothing old again.
      const third = new EventIndex();
      const again = await LiveReader.open({
        client: clientsFor(endpoint.url),
        regions,
        cacheDir: cache.dir,
        sink: third,
        ratePerSecond: 40,
      });
      const servedThen = endpoint.counts().served;
      const none = await again.load({ since, until: Date.now() - 2 * 3600_000 });
      expect(none.progress.cached).toBe(1000);
      expect(endpoint.counts().served).toBe(servedThen);
      expect(third.size).toBe(1000);
    } finally {
      cache.remove();
      await endpoint.close();
    }
  });

  it('pollNewer fetches only what arrived since the last read', async () => {
    const regions = ['us-east-1'];
    const records = liveRecords({ regions, perRegion: 120, end: Date.now() - 120_000 });
    const endpoint = await startCloudTrailEndpoint({ records, ratePerSecond: 50 });
    const cache = tempDir();
    try {
      const index = new EventIndex();
      const reader = await LiveReader.open({
        client: clientsFor(endpoint.url),
        regions,
        cacheDir: cache.dir,
        sink: index,
        ratePerSecond: 40,
      });
      await reader.load({ since: Date.now() - 2 * DAY });
      expect(index.size).toBe(120);
      const later = liveRecords({
        regions,
        perRegion: 3,
        end: Date.now() - 1000,
        spanMs: 30_000,
      }).map((record, i) => ({ ...record, eventID: `new-${i}`, sourceIPAddress: '6.6.6.6' }));
      endpoint.addRecords(later);
      const before = endpoint.requests.length;
      const poll = await reader.pollNewer();
      expect(poll.errors).toEqual([]);
      expect(poll.progress.events).toBe(3);
      expect(index.size).toBe(123);
      // One page: only the last quarter hour was asked for, not the whole day.
      expect(endpoint.requests.length - before).toBe(1);
      const asked = endpoint.requests[before]!;
      expect(asked.startTime! * 1000).toBeGreaterThan(Date.now() - 20 * 60_000);
      const quiet = await reader.pollNewer();
      expect(quiet.progress.events).toBe(0);
      expect(index.size).toBe(123);

      // After containment, follow mode watches one key: the attribute goes to the server.
      const watched = { key: 'AccessKeyId' as const, value: 'AKIAIOSFODNN7EXAMPLE' };
      endpoint.addRecords([
        {
          ...later[0]!,
          eventID: 'after-containment',
          eventTime: new Date(Date.now() - 500).toISOString(),
        },
      ]);
      const beforeWatch = endpoint.requests.length;
      const watch = await reader.pollNewer({ lookup: watched, overlapMs: 60_000 });
      expect(watch.progress.events).toBe(1);
      expect(index.size).toBe(124);
      for (const request of endpoint.requests.slice(beforeWatch)) {
        expect(request.attributes).toEqual([
          { AttributeKey: 'AccessKeyId', AttributeValue: 'AKIAIOSFODNN7EXAMPLE' },
        ]);
      }
    } finally {
      cache.remove();
      await endpoint.close();
    }
  });

  it('follow polls every interval until stopped and reports new events', async () => {
    const regions = ['us-east-1'];
    const endpoint = await startCloudTrailEndpoint({
      records: liveRecords({ regions, perRegion: 20, end: Date.now() - 60_000 }),
      ratePerSecond: 50,
    });
    const cache = tempDir();
    try {
      const index = new EventIndex();
      const reader = await LiveReader.open({
        client: clientsFor(endpoint.url),
        regions,
        cacheDir: cache.dir,
        sink: index,
        ratePerSecond: 40,
      });
      await reader.load({ since: Date.now() - 2 * DAY });
      const control = new AbortController();
      const polls: { at: number; events: number }[] = [];
      const done = follow(reader, {
        intervalMs: 100,
        signal: control.signal,
        onPoll: (poll) => {
          polls.push({ at: poll.at, events: poll.progress.events });
          if (polls.length === 2) {
            endpoint.addRecords(
              liveRecords({ regions, perRegion: 2, end: Date.now() - 1000, spanMs: 1000 }).map(
                (record, i) => ({ ...record, eventID: `followed-${i}` }),
              ),
            );
          }
          if (polls.some((p) => p.events > 0)) control.abort();
        },
      });
      await done;
      expect(polls.length).toBeGreaterThanOrEqual(3);
      expect(polls.slice(0, 2).map((p) => p.events)).toEqual([0, 0]);
      expect(polls[polls.length - 1]!.events).toBe(2);
      expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(100);
      expect(index.size).toBe(22);
    } finally {
      cache.remove();
      await endpoint.close();
    }
  });

  it('an expired token or a denial: one line per region; the first error stops the others', async () => {
    const records = liveRecords({ regions: ['us-east-1', 'eu-west-1'], perRegion: 10 });
    const endpoint = await startCloudTrailEndpoint({
      records,
      fault: (region) =>
        region === 'eu-west-1'
          ? {
              type: 'AccessDeniedException',
              message:
                'User: arn:aws:iam::111122223333:user/analyst is not authorized to perform: cloudtrail:LookupEvents',
            }
          : {
              type: 'ExpiredTokenException',
              message: 'The security token included in the request is expired',
            },
    });
    const cache = tempDir();
    try {
      const open = (stopOnError: boolean) =>
        LiveReader.open({
          client: clientsFor(endpoint.url, 1),
          regions: ['eu-west-1'],
          cacheDir: cache.dir,
          sink: new EventIndex(),
          stopOnError,
        });
      // Each region's own error, when regions go on after one fails.
      const each = await (await open(false)).load({ since: Date.now() - DAY });
      const lines = new Map(
        each.errors.map(({ region, error }) => [
          region,
          describeAwsError(error, { call: 'cloudtrail:LookupEvents', region }),
        ]),
      );
      expect([...lines.keys()].sort()).toEqual(['eu-west-1', 'us-east-1']);
      expect(lines.get('eu-west-1')).toBe(
        'cloudtrail:LookupEvents in eu-west-1: access denied: arn:aws:iam::111122223333:user/analyst is not allowed cloudtrail:LookupEvents. Grant cloudtrail:LookupEvents to it (or use a profile that has it).',
      );
      expect(lines.get('us-east-1')).toBe(
        'cloudtrail:LookupEvents in us-east-1: the session token has expired. Run "aws sso login" or refresh the credentials, then try again.',
      );
      // By default a region's error stops the others at once (what came is kept).
      const partial = await startCloudTrailEndpoint({
        records: liveRecords({ regions: ['us-east-1'], perRegion: 2000 }),
        fault: (region) =>
          region === 'eu-west-1' ? { type: 'AccessDeniedException', message: 'denied' } : undefined,
      });
      try {
        const index = new EventIndex();
        const reader = await LiveReader.open({
          client: clientsFor(partial.url, 1),
          regions: ['eu-west-1'],
          cacheDir: cache.dir,
          sink: index,
        });
        const started = performance.now();
        const stopped = await reader.load({ since: Date.now() - 2 * DAY });
        expect(performance.now() - started).toBeLessThan(3000);
        expect(stopped.errors.map((failure) => failure.region)).toEqual(['eu-west-1']);
        expect(stopped.cancelled).toBe(false);
        expect(stopped.progress.regions.find((r) => r.region === 'us-east-1')!.pages).toBeLessThan(
          5,
        );
        expect(index.size).toBe(stopped.progress.events);
      } finally {
        await partial.close();
      }
      for (const line of lines.values()) expect(line).not.toMatch(/\n|\bat \w+ \(/);
    } finally {
      cache.remove();
      await endpoint.close();
    }
  });
});
