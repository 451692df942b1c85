/**
 * `trailhound SOURCE... --live`: a tree in the real key layout that ends at T, and the project's
 * LookupEvents endpoint serving T−30 min to now. The merge gives exactly the union, each event
 * once, whichever part it came from; the records of both parts are re-read from one file table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../source/bench/cloudtrail-endpoint.js';
import { writeDemoTree } from '../../source/demo/write-tree.js';
import { MERGE_OVERLAP_MS } from '../../source/cli/merge-live.js';
import { runCli } from '../helpers/cli.js';
import { iamUser, makeRecord, tempTree, type TestRecord } from '../helpers/records.js';
import { fakeAwsEnv, type FakeAwsEnv } from '../aws/fake-aws-env.js';

const MINUTE = 60_000;
const now = Date.now();
/** The files' newest event: an hour ago, on a whole second (CloudTrail's times have no ms). */
const T = Math.floor((now - 60 * MINUTE) / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const at = (ms: number, overrides: TestRecord = {}) =>
  makeRecord({ eventTime: iso(ms), ...overrides });

// Only in the files: the hours before T, and a data event inside the overlap (LookupEvents has
// management events only).
const filesOnly = [
  ...[180, 120, 90, 45].map((back) => at(T - back * MINUTE)),
  at(T - 12 * MINUTE, { eventName: 'GetObject', eventCategory: 'Data', awsRegion: 'eu-west-1' }),
];
// In both: the files' last half hour, as LookupEvents also serves it; a sign-in carries
// additionalEventData (part of the dedupe key), in us-east-1 where AWS logs sign-ins.
const inBoth = [
  at(T - 30 * MINUTE),
  at(T - 20 * MINUTE, { awsRegion: 'eu-west-1' }),
  at(T - 10 * MINUTE, { awsRegion: 'eu-west-1' }),
  at(T - 5 * MINUTE, {
    eventName: 'ConsoleLogin',
    eventSource: 'signin.amazonaws.com',
    userIdentity: iamUser('KeyHunter'),
    additionalEventData: {
      MobileVersion: 'No',
      LoginTo: 'https://console.aws.amazon.com',
      MFAUsed: 'No',
    },
    responseElements: { ConsoleLogin: 'Success' },
  }),
  at(T),
];
// Only at the endpoint: an event of the overlap whose file had not reached the bucket, and
// everything after T (the intruder stops the trail).
const lateDelivered = at(T - 8 * MINUTE, {
  awsRegion: 'eu-west-1',
  eventName: 'DescribeInstances',
});
const afterFiles = [
  at(T + 5 * MINUTE),
  at(T + 20 * MINUTE, { awsRegion: 'eu-west-1' }),
  at(T + 40 * MINUTE, {
    eventName: 'StopLogging',
    eventSource: 'cloudtrail.amazonaws.com',
    userIdentity: iamUser('KeyHunter'),
    readOnly: false,
  }),
  at(now - 2 * MINUTE),
];

const inFiles = [...filesOnly, ...inBoth];
const served = [...inBoth, lateDelivered, ...afterFiles];
const union = [...new Set([...inFiles, ...served].map((record) => String(record.eventID)))];
const liveStart = T - MERGE_OVERLAP_MS;
/** What the live part reads ([T−15 min, now]) that the files already hold. */
const repeated = inBoth.filter((record) => Date.parse(String(record.eventTime)) >= liveStart);

let aws: FakeAwsEnv;
let endpoint: CloudTrailEndpoint;
const tree = tempTree('merge-live');

beforeAll(async () => {
  aws = fakeAwsEnv();
  endpoint = await startCloudTrailEndpoint({ records: served, ratePerSecond: 50 });
  await writeDemoTree(inFiles, tree.root);
});
afterAll(async () => {
  await endpoint.close();
  aws.restore();
  tree.remove();
});

/** The child sees only the fake AWS setup, never this machine's. */
function env(): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('AWS_')) clean[name] = value;
  return { ...clean, ...aws.env };
}

const merged = (command: string, ...extra: string[]) =>
  runCli(
    [
      command,
      tree.root,
      '--live',
      '--endpoint-url',
      endpoint.url,
      '--regions',
      'eu-west-1',
      ...extra,
    ],
    { env: env() },
  );

const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}Z`;

describe('trailhound SOURCE... --live: the files, then LookupEvents after their end', () => {
  it('events: exactly the union of both, each event once, in time order', async () => {
    const run = await merged('events', '--format', 'jsonl');
    expect(run.code).toBe(0);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TestRecord);
    const ids = records.map((record) => String(record.eventID));
    expect(ids.length).toBe(union.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...union].sort());
    // Each row re-read from where it came from: its record, not another file's at that position.
    const byId = new Map([...inFiles, ...served].map((record) => [String(record.eventID), record]));
    for (const record of records)
      expect(record.eventName).toBe(byId.get(String(record.eventID))!.eventName);
    const times = records.map((record) => Date.parse(String(record.eventTime)));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // One line on stderr: how much came from each, the regions read, and from when.
    const fromLive = union.length - inFiles.length;
    expect(run.stderr).toBe(
      `trailhound: ${inFiles.length} events from files · ${fromLive} from LookupEvents (eu-west-1, us-east-1) after ${minute(liveStart)} · ${repeated.length} in both, kept once\n`,
    );
    // The live part asked only for the time after the files' end less the overlap.
    const starts = endpoint.requests.flatMap((request) => request.startTime ?? []);
    expect(starts.length).toBeGreaterThan(0);
    for (const start of starts) expect(start * 1000).toBeGreaterThanOrEqual(liveStart - 1000);
  }, 30_000);

  it('stats and findings count the merge: the union, and a finding from the live part', async () => {
    const stats = await merged('stats', '--format', 'json');
    expect(stats.code).toBe(0);
    const counts = JSON.parse(stats.stdout) as { events: number; duplicatesDropped: number };
    expect(counts.events).toBe(union.length);
    expect(counts.duplicatesDropped).toBe(repeated.length);

    const findings = await merged('findings', '--format', 'json');
    expect(findings.code).toBe(0);
    const report = JSON.parse(findings.stdout) as {
      findings: { ruleId: string; eventIds: string[] }[];
    };
    const stop = report.findings.find((finding) => finding.ruleId === 'cloudtrail-stop-logging');
    expect(stop?.eventIds).toEqual([String(afterFiles[2]!.eventID)]);
  }, 30_000);

  it('--since later than the files’ end starts the live part there; relative filters count from the clock', async () => {
    const run = await merged(
      'events',
      '--since',
      '30m',
      '--filter',
      'after:35m',
      '--format',
      'jsonl',
    );
    expect(run.code).toBe(0);
    const ids = run.stdout
      .trim()
      .split('\n')
      .map((line) => String((JSON.parse(line) as TestRecord).eventID));
    // after:35m is the clock's last 35 minutes (not the files' end): only the live part's newest.
    const recent = served.filter(
      (record) => Date.parse(String(record.eventTime)) >= now - 35 * MINUTE,
    );
    expect(ids.sort()).toEqual(recent.map((record) => String(record.eventID)).sort());
    expect(run.stderr).toMatch(/ from LookupEvents \(eu-west-1, us-east-1\) after /);
  }, 30_000);
});
