import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../source/bench/cloudtrail-endpoint.js';
import { liveRecords } from '../../source/bench/live-records.js';
import { parseCli, UsageError } from '../../source/cli/args.js';
import { COMMERCIAL_REGIONS, OPT_IN_REGIONS } from '../../source/aws/regions.js';
import { runCli } from '../helpers/cli.js';
import { fakeAwsEnv, type FakeAwsEnv } from './fake-aws-env.js';

let aws: FakeAwsEnv;
let endpoint: CloudTrailEndpoint;
const records = liveRecords({ regions: ['us-east-1', 'eu-west-1'], perRegion: 80 });

beforeAll(async () => {
  aws = fakeAwsEnv();
  endpoint = await startCloudTrailEndpoint({ records });
});
afterAll(async () => {
  await endpoint.close();
  aws.restore();
});

/** The child sees only the fake AWS setup, never this machine's. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_')) clean[name] = value;
  }
  return { ...clean, ...aws.env, ...extra };
}

describe('trailhound events --live', () => {
  it('prints the matching records as JSON lines, filtered locally on ip:', async () => {
    const run = await runCli(
      [
        'events',
        '--live',
        '--endpoint-url',
        endpoint.url,
        '--regions',
        'eu-west-1',
        '--since',
        '2d',
        '--filter',
        'ip:102.88.109.159',
        '--format',
        'jsonl',
      ],
      { env: env() },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const expected = records.filter((record) => record['sourceIPAddress'] === '102.88.109.159');
    expect(expected.length).toBeGreaterThan(10);
    expect(lines.map((line) => line['eventID']).sort()).toEqual(
      expected.map((record) => record['eventID']).sort(),
    );
    // Time order, oldest first, as for files.
    const times = lines.map((line) => Date.parse(String(line['eventTime'])));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Both regions were read (us-east-1 always), with no lookup attribute (ip: is local only).
    const regions = new Set(endpoint.requests.map((request) => request.region));
    expect(regions).toEqual(new Set(['us-east-1', 'eu-west-1']));
    expect(endpoint.requests.every((request) => request.attributes.length === 0)).toBe(true);
  }, 30_000);

  it('stats --live counts the events of every region; --case keeps the pages 0700/0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trailhound-case-'));
    try {
      const casePath = join(dir, 'incident.thcase');
      const args = ['stats', '--live', '--endpoint-url', endpoint.url, '--region', 'eu-west-1'];
      const run = await runCli([...args, '--case', casePath, '--format', 'json'], { env: env() });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const stats = JSON.parse(run.stdout) as { events: number; duplicatesDropped: number };
      expect(stats.events).toBe(160);
      expect(stats.duplicatesDropped).toBe(0);
      const cache = `${casePath}.live`;
      expect(statSync(cache).mode & 0o777).toBe(0o700);
      const pages = readdirSync(join(cache, 'eu-west-1', 'all'));
      expect(pages.length).toBeGreaterThan(0);
      expect(statSync(join(cache, 'eu-west-1', 'all', pages[0]!)).mode & 0o777).toBe(0o600);
      // Reopened: the cache answers and AWS is asked only about the last quarter hour.
      const before = endpoint.counts().served;
      const again = await runCli([...args, '--case', casePath, '--format', 'json'], { env: env() });
      expect(again.code).toBe(0);
      expect((JSON.parse(again.stdout) as { events: number }).events).toBe(160);
      expect(endpoint.counts().served - before).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('honours the per-service endpoint variable (CloudTrail here, IAM at moto)', async () => {
    const run = await runCli(
      ['events', '--live', '--region', 'us-east-1', '--lookup', 'user:alice', '--format', 'jsonl'],
      { env: env({ AWS_ENDPOINT_URL_CLOUDTRAIL: endpoint.url }) },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const users = run.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          (JSON.parse(line) as { userIdentity: { userName: string } }).userIdentity.userName,
      );
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users)).toEqual(new Set(['alice']));
  }, 30_000);

  it('--all-regions skips, with a note, the opt-in regions the account never enabled', async () => {
    const optIn = await startCloudTrailEndpoint({
      records,
      fault: (region) =>
        OPT_IN_REGIONS.has(region)
          ? {
              type: 'UnrecognizedClientException',
              message: 'The security token included in the request is invalid.',
            }
          : undefined,
    });
    try {
      const run = await runCli(
        ['stats', '--live', '--all-regions', '--endpoint-url', optIn.url, '--format', 'json'],
        {
          env: env(),
        },
      );
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as { events: number }).events).toBe(160);
      // Nothing else on stderr: no Node warning (an abort-listener leak warning was one).
      const notes = run.stderr.trim().split('\n');
      expect(notes).toHaveLength(OPT_IN_REGIONS.size);
      expect(notes).toContain('trailhound: af-south-1 skipped: not enabled for this account');
      expect(new Set(optIn.requests.map((request) => request.region))).toEqual(
        new Set(COMMERCIAL_REGIONS),
      );
    } finally {
      await optIn.close();
    }
  }, 30_000);

  it('an expired token: one line naming the call, region and what to do; exit 1', async () => {
    const expired = await startCloudTrailEndpoint({
      records,
      fault: () => ({
        type: 'ExpiredTokenException',
        message: 'The security token included in the request is expired',
      }),
    });
    try {
      const run = await runCli(
        [
          'events',
          '--live',
          '--endpoint-url',
          expired.url,
          '--region',
          'us-east-1',
          '--profile',
          'incident',
        ],
        { env: env() },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        'trailhound: cloudtrail:LookupEvents in us-east-1: the session token has expired. Run "aws sso login --profile incident" or refresh the credentials, then try again.\n',
      );
    } finally {
      await expired.close();
    }
  }, 30_000);

  it('no credentials for the profile asked: names it, exit 1, never a stack', async () => {
    const empty = join(aws.dir, 'empty');
    writeFileSync(empty, '');
    const run = await runCli(
      [
        'events',
        '--live',
        '--endpoint-url',
        endpoint.url,
        '--region',
        'us-east-1',
        '--profile',
        'ghost',
      ],
      { env: env({ AWS_SHARED_CREDENTIALS_FILE: empty, AWS_CONFIG_FILE: empty }) },
    );
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toMatch(/^trailhound: cloudtrail:LookupEvents in us-east-1: .*"ghost"/);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  }, 30_000);

  it('usage errors: one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['events', 'x.json', '--s3-concurrency', '4'], /--s3-concurrency needs an s3:\/\/ SOURCE/],
      [['events', 's3://b', '--s3-concurrency', '0'], /--s3-concurrency takes a whole number/],
      [['events', 's3://b', '--accounts', '12'], /--accounts takes 12-digit account ids/],
      [['events', 's3://b', '--cache-max', 'lots'], /--cache-max takes a size/],
      [['events', '--live', '--role-name', 'R'], /--role-name goes with --live --accounts/],
      [['events', 'x.json', '--since', '7d'], /--since needs --live/],
      [
        ['events', '--live', '--regions', 'eu-west-1', '--all-regions'],
        /--regions and --all-regions/,
      ],
      [['events', '--live', '--lookup', 'ip:1.2.3.4'], /--lookup takes one of/],
      [['events', '--live', '--lookup', 'user:Key*'], /--lookup takes one of/],
      [['events', '--live', '--since', 'yesterday'], /--since takes a time/],
      [['events', '--live', '--region', 'Mars'], /not a region name/],
      [['events', '--live', '--since', '1d', '--until', '2d'], /--until must be later/],
      [['report', '--case', 'x', '--live'], /--live does not apply to report/],
      [['--read-only'], /--read-only applies to the TUI under --live/],
      [['--poll', '30'], /--poll applies to the TUI under --live/],
      [['--live', '--poll', '1'], /--poll takes whole seconds from 5 to 3600/],
      [['events', 'x.json', '--follow'], /--follow applies to the TUI under --live/],
    ];
    for (const [args, message] of cases) {
      expect(() => parseCli(args), args.join(' ')).toThrow(UsageError);
      expect(() => parseCli(args), args.join(' ')).toThrow(message);
    }
    const run = await runCli(['events', '--lookup', 'user:x', 'some.json'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('trailhound: --lookup needs --live (see trailhound --help)\n');
  });

  it('parses the live options', () => {
    const options = parseCli([
      'events',
      '--live',
      '--since',
      '24h',
      '--until',
      '1h',
      '--lookup',
      'user:KeyHunter',
      '--profile',
      'ir',
      '--regions',
      'eu-west-1, us-west-2',
      '--endpoint-url',
      'http://127.0.0.1:4566',
    ]);
    expect(options.live).toMatchObject({
      lookup: 'user:KeyHunter',
      profile: 'ir',
      regions: ['eu-west-1', 'us-west-2'],
      allRegions: false,
      endpointUrl: 'http://127.0.0.1:4566',
    });
    expect(options.live!.until! - options.live!.since).toBeCloseTo(23 * 3600_000, -4);
    expect(parseCli(['stats', '--live']).live?.since).toBeGreaterThan(
      Date.now() - 7 * 86_400_000 - 5000,
    );
    expect(parseCli(['events', 'x.json']).live).toBeUndefined();
    // --until alone: the default week ends there.
    const until = parseCli(['events', '--live', '--until', '30d']).live!;
    expect(until.until! - until.since).toBeCloseTo(7 * 86_400_000, -4);
  });
});
