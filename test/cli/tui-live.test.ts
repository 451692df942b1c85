import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../source/bench/cloudtrail-endpoint.js';
import { parseCli } from '../../source/cli/args.js';
import { LiveStartError, openLiveSession } from '../../source/cli/tui-live.js';
import { EventIndex } from '../../source/index/index.js';
import { describeWithMoto, useMoto } from '../helpers/moto.js';
import { runInPtyAsync } from '../helpers/pty.js';
import { writeDemoTree } from '../../source/demo/write-tree.js';
import { seedUser } from '../aws/contain/seed.js';
import { makeRecord, iamUser, type TestRecord } from '../helpers/records.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describeWithMoto(
  'trailhound --live: the TUI session over moto and the LookupEvents endpoint',
  () => {
    const peer = useMoto();
    let endpoint: CloudTrailEndpoint;
    let dir = '';
    const now = Date.now();

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'trailhound-tui-live-'));
      // KeyHunter's story two hours ago, in two regions (the sign-in in us-east-1).
      endpoint = await startCloudTrailEndpoint({
        records: [
          makeRecord({
            eventTime: iso(now - 7_200_000),
            eventName: 'ConsoleLogin',
            eventSource: 'signin.amazonaws.com',
            userIdentity: iamUser('KeyHunter'),
            sourceIPAddress: '102.88.109.159',
          }),
          makeRecord({
            eventTime: iso(now - 7_100_000),
            eventName: 'ListBuckets',
            userIdentity: iamUser('KeyHunter'),
            sourceIPAddress: '102.88.109.159',
          }),
          makeRecord({
            eventTime: iso(now - 7_000_000),
            eventName: 'GetObject',
            awsRegion: 'eu-west-1',
            userIdentity: iamUser('KeyHunter'),
            sourceIPAddress: '102.88.109.159',
          }),
        ],
        ratePerSecond: 50,
      });
    });
    afterAll(async () => {
      await endpoint?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const session = (extra: string[] = []) => {
      process.env.AWS_ENDPOINT_URL = peer.moto.endpoint;
      process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = endpoint.url;
      const options = parseCli(['--live', '--regions', 'eu-west-1', '--since', '1d', ...extra]);
      const index = new EventIndex();
      return {
        index,
        opened: openLiveSession(
          { ...options, live: options.live! },
          join(dir, `case-${Math.random()}.json`),
          index,
        ),
      };
    };

    it('knows the caller, reads every region (us-east-1 always), and contains through IAM', async () => {
      await seedUser(peer.clients.iam);
      const { index, opened } = session();
      const live = await opened;
      try {
        expect(live.live.arn).toMatch(/^arn:aws:/);
        expect(live.live.account).toMatch(/^\d{12}$/);
        expect([...live.live.regions].sort()).toEqual(['eu-west-1', 'us-east-1']);
        const summary = await live.live.load(() => undefined, new AbortController().signal);
        expect(summary.errors).toEqual([]);
        expect(index.size).toBe(3);
        // Records of live pages are re-read like a file's.
        const record = await live.reader.read(0, 0);
        expect(record.eventName).toBeTypeOf('string');
        const inventory = await live.inventory.load(
          { kind: 'user', name: 'KeyHunter' },
          { refresh: false, ipsByKey: new Map() },
        );
        expect(inventory.inventory?.kind).toBe('user');
        // seedUser holds AdministratorAccess (and an MFA device, so no console-without-mfa flag).
        expect(inventory.flags.map((flag) => flag.id)).toContain('admin-access');
        const plan = await live.contain.plan({ kind: 'user', name: 'KeyHunter' }, ['quarantine']);
        expect(plan.commands[0]).toMatch(/attach-user-policy .*AWSCompromisedKeyQuarantineV3/);
      } finally {
        live.close();
      }
    });

    it('--read-only: the containment service offers nothing that changes AWS', async () => {
      const { opened } = session(['--read-only']);
      const live = await opened;
      try {
        expect(live.contain.mode).toBe('read-only');
        for (const choice of live.contain.choices({ kind: 'user', name: 'KeyHunter' }))
          expect(choice.disabled).toMatch(/read-only/);
      } finally {
        live.close();
      }
    });

    it('SOURCE --live at 80x24: the files, then the live read after their end; the status line counts each', async () => {
      // A tree that ends at T (an hour ago) and the endpoint serving T-30 min to now: its first
      // three events are the files' last three, the other three are only live.
      const minute = 60_000;
      const end = Math.floor((now - 60 * minute) / 1000) * 1000;
      const at = (ms: number, overrides: TestRecord = {}) =>
        makeRecord({ eventTime: iso(ms), userIdentity: iamUser('KeyHunter'), ...overrides });
      const shared = [at(end - 20 * minute), at(end - 10 * minute), at(end)];
      const files = [at(end - 3 * 60 * minute), at(end - 2 * 60 * minute), ...shared];
      const live = [
        at(end + 10 * minute),
        at(end + 30 * minute, { awsRegion: 'eu-west-1' }),
        at(now - minute),
      ];
      const served = await startCloudTrailEndpoint({
        records: [...shared, ...live],
        ratePerSecond: 50,
      });
      const tree = join(dir, 'merged-tree');
      await writeDemoTree(files, tree);
      try {
        const counts = `${files.length + live.length} events (${files.length} files + ${live.length} live)`;
        const run = await runInPtyAsync(
          [tree, '--live', '--regions', 'eu-west-1', '--case', join(dir, 'merged.json')],
          {
            waitFor: counts,
            settle: 30,
            keys: 'q',
            env: {
              AWS_ENDPOINT_URL: peer.moto.endpoint,
              AWS_ENDPOINT_URL_CLOUDTRAIL: served.url,
              XDG_STATE_HOME: join(dir, 'state'),
            },
          },
        );
        expect(run.output).toContain(counts);
        expect(run.code).toBe(0);
        // The live part asked only for what follows the files' end less the 15 minute overlap.
        const starts = served.requests.flatMap((request) => request.startTime ?? []);
        expect(starts.length).toBeGreaterThan(0);
        for (const start of starts) expect(start * 1000).toBeGreaterThanOrEqual(end - 15 * minute);
      } finally {
        await served.close();
      }
    }, 60_000);

    it('an unreachable endpoint is one line naming the call, before any screen is taken', async () => {
      process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
      process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = endpoint.url;
      const options = parseCli(['--live']);
      const error = await openLiveSession(
        { ...options, live: options.live! },
        join(dir, 'unreachable.json'),
        new EventIndex(),
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LiveStartError);
      expect((error as Error).message).toMatch(/sts:GetCallerIdentity/);
      expect((error as Error).message).not.toMatch(/\n\s+at /);
    });
  },
);
