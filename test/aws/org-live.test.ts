/**
 * Many accounts, live: `--live --accounts A,B|all --role-name R` against moto (STS AssumeRole,
 * Organizations, IAM in the member account: moto puts calls made with assumed credentials in the
 * role's account) and the project's LookupEvents endpoint serving each account its own records.
 * Containment of a principal in a member account acts there, through the role, and names it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountConnection } from '../../source/aws/accounts.js';
import { connect } from '../../source/aws/connect.js';
import { containClients, destroyClients } from '../../source/aws/contain/index.js';
import { isGuarded, ReadOnlyRefusal } from '../../source/aws/guard/read-only.js';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../source/bench/cloudtrail-endpoint.js';
import { liveRecords } from '../../source/bench/live-records.js';
import { parseCli, UsageError, type CliOptions } from '../../source/cli/args.js';
import { parseContainArgs } from '../../source/cli/contain-args.js';
import { containCommand } from '../../source/cli/contain-command.js';
import type { CliIo } from '../../source/cli/io.js';
import type { LiveCliOptions } from '../../source/cli/live-args.js';
import { loadLiveTrail } from '../../source/cli/load-live.js';
import { openLiveSession } from '../../source/cli/tui-live.js';
import { EventIndex } from '../../source/index/index.js';
import { containTargetFor } from '../../source/state/contain-slice.js';
import { describeWithMoto, MOTO_ACCOUNT, TEST_KEY, TEST_SECRET, useMoto } from '../helpers/moto.js';

const A = '111111111111';
const B = '222222222222';

/**
 * Each account's own events, with ids of their own (the builder's ids are per region only);
 * KeyHunter is A's alone (B's user of that name is Mallory).
 */
function accountRecords(account: string): Record<string, unknown>[] {
  return liveRecords({ regions: ['us-east-1', 'eu-west-1'], perRegion: 60, account }).map(
    (record) => {
      const text = JSON.stringify({
        ...record,
        eventID: `${account}-${String(record['eventID'])}`,
      });
      return JSON.parse(account === B ? text.replaceAll('KeyHunter', 'Mallory') : text) as Record<
        string,
        unknown
      >;
    },
  );
}

function io(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdin: new PassThrough(),
    stderr: new Writable({
      write(chunk: Buffer, _encoding, done) {
        err += chunk.toString('utf8');
        done();
      },
    }),
    write: (text) => {
      out += text;
    },
    out: () => out,
    err: () => err,
  };
}

function liveOptions(args: string[]): CliOptions & { live: LiveCliOptions } {
  return parseCli([
    'events',
    '--live',
    '--regions',
    'eu-west-1',
    '--since',
    '2d',
    ...args,
  ]) as CliOptions & {
    live: LiveCliOptions;
  };
}

/** The request bodies moto recorded, decoded (query-protocol forms, URL-encoded). */
function recordedBodies(file: string): string {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const entry = JSON.parse(line) as { body?: string; body_encoded?: boolean };
      const body = entry.body_encoded
        ? Buffer.from(entry.body ?? '', 'base64').toString('utf8')
        : (entry.body ?? '');
      return decodeURIComponent(body.replaceAll('+', ' '));
    })
    .join('\n');
}

/** Per account, the events loaded. */
function countsByAccount(
  loaded: Awaited<ReturnType<typeof loadLiveTrail>>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of loaded.rows) {
    const account = loaded.index.value(row, 'account');
    counts[account] = (counts[account] ?? 0) + 1;
  }
  return counts;
}

describeWithMoto('live reading of many accounts through a role', () => {
  const peer = useMoto({ managedPolicies: false });
  let endpoint: CloudTrailEndpoint;
  const saved: Record<string, string | undefined> = {};
  const point = (service: string, url: string) => {
    const name = `AWS_ENDPOINT_URL_${service}`;
    if (!(name in saved)) saved[name] = process.env[name];
    process.env[name] = url;
  };
  /** Whose key: STS says (moto checks no signature outside its auth mode). */
  const known = new Map<string, string>();
  const accountOf = async (key: string) => {
    let account = known.get(key);
    if (account === undefined) {
      const sts = new STSClient({
        region: 'us-east-1',
        endpoint: peer.moto.endpoint,
        credentials: { accessKeyId: key, secretAccessKey: 'not-checked' },
      });
      account = (await sts.send(new GetCallerIdentityCommand({}))).Account ?? 'unknown';
      sts.destroy();
      known.set(key, account);
    }
    return account;
  };
  const motoConfig = (credentials = { accessKeyId: TEST_KEY, secretAccessKey: TEST_SECRET }) => ({
    region: 'us-east-1',
    endpoint: peer.moto.endpoint,
    credentials,
  });
  /** Credentials in `account` through `role`, as the test's own setup (not trailhound's). */
  const assumed = async (account: string, role: string) => {
    const sts = new STSClient(motoConfig());
    const output = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${account}:role/${role}`,
        RoleSessionName: 'setup',
      }),
    );
    sts.destroy();
    return {
      accessKeyId: output.Credentials!.AccessKeyId!,
      secretAccessKey: output.Credentials!.SecretAccessKey!,
      sessionToken: output.Credentials!.SessionToken!,
    };
  };

  beforeAll(async () => {
    endpoint = await startCloudTrailEndpoint({
      records: [...accountRecords(A), ...accountRecords(B)],
      accountOf,
    });
    for (const service of ['STS', 'ORGANIZATIONS', 'IAM']) point(service, peer.moto.endpoint);
    point('CLOUDTRAIL', endpoint.url);
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await endpoint?.close();
  });

  it('reads two accounts side by side, each through its role, each paced on its own', async () => {
    const before = endpoint.requests.length;
    const cli = io();
    const loaded = await loadLiveTrail(
      liveOptions(['--accounts', `${A},${B}`, '--role-name', 'Reader']),
      undefined,
      cli,
    );
    expect(cli.err()).toBe('');
    expect(countsByAccount(loaded)).toEqual({ [A]: 120, [B]: 120 });
    const lanes = new Map<string, number>();
    for (const row of loaded.rows) {
      const lane = `${loaded.index.value(row, 'account')}/${loaded.index.value(row, 'region')}`;
      lanes.set(lane, (lanes.get(lane) ?? 0) + 1);
    }
    expect(Object.fromEntries(lanes)).toEqual({
      [`${A}/us-east-1`]: 60,
      [`${A}/eu-west-1`]: 60,
      [`${B}/us-east-1`]: 60,
      [`${B}/eu-west-1`]: 60,
    });
    // Each account asked in its own name (its role's credentials), both regions each.
    const requests = endpoint.requests.slice(before);
    const asked = new Set(requests.map((request) => `${request.account}/${request.region}`));
    expect(asked).toEqual(
      new Set([`${A}/us-east-1`, `${A}/eu-west-1`, `${B}/us-east-1`, `${B}/eu-west-1`]),
    );
    // Side by side: B started before A finished; and no lane was throttled at 2/s per account.
    const firstB = requests.findIndex((request) => request.account === B);
    const lastA = requests.findLastIndex((request) => request.account === A);
    expect(firstB).toBeLessThan(lastA);
    expect(requests.filter((request) => request.outcome === 'throttled')).toEqual([]);
    expect(peer.moto.recordedActions().filter((action) => action === 'AssumeRole')).toHaveLength(2);
    // The session name says who read, in the member account's own trail.
    expect(recordedBodies(peer.moto.recordingFile)).toMatch(/RoleSessionName=trailhound-moto/);
  }, 20_000);

  it('a role refused in one account is one line naming it; the other account loads', async () => {
    const iam = new IAMClient(motoConfig());
    await iam.send(new CreateUserCommand({ UserName: 'responder' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'responder' }))).AccessKey!;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'responder',
        PolicyName: 'assume-reader-in-A',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Resource: `arn:aws:iam::${A}:role/Reader`,
            },
          ],
        }),
      }),
    );
    iam.destroy();
    const own = {
      id: process.env['AWS_ACCESS_KEY_ID'],
      secret: process.env['AWS_SECRET_ACCESS_KEY'],
    };
    const onlyA = await startCloudTrailEndpoint({ records: accountRecords(A) });
    process.env['AWS_ACCESS_KEY_ID'] = key.AccessKeyId!;
    process.env['AWS_SECRET_ACCESS_KEY'] = key.SecretAccessKey!;
    process.env['AWS_ENDPOINT_URL_CLOUDTRAIL'] = onlyA.url;
    try {
      await peer.moto.auth(0);
      const cli = io();
      const loaded = await loadLiveTrail(
        liveOptions(['--accounts', `${A},${B}`, '--role-name', 'Reader']),
        undefined,
        cli,
      );
      const lines = cli.err().split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^trailhound: account ${B} skipped: sts:AssumeRole in us-east-1: access denied: .*sts:AssumeRole.* The role arn:aws:iam::${B}:role/Reader must exist in ${B} and trust arn:aws:iam::${MOTO_ACCOUNT}:user/responder; fix that, or leave ${B} out of --accounts\\.$`,
        ),
      );
      expect(countsByAccount(loaded)).toEqual({ [A]: 120 });
    } finally {
      await peer.moto.auth('off');
      process.env['AWS_ACCESS_KEY_ID'] = own.id;
      process.env['AWS_SECRET_ACCESS_KEY'] = own.secret;
      process.env['AWS_ENDPOINT_URL_CLOUDTRAIL'] = endpoint.url;
      await onlyA.close();
    }
  }, 20_000);

  it('all: the ACTIVE accounts from ListAccounts; the management account read with its own credentials', async () => {
    const org = new OrganizationsClient(motoConfig());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const created = await org.send(
      new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }),
    );
    const member = created.CreateAccountStatus!.AccountId!;
    const closing = await org.send(
      new CreateAccountCommand({ AccountName: 'gone', Email: 'gone@example.com' }),
    );
    await org.send(new CloseAccountCommand({ AccountId: closing.CreateAccountStatus!.AccountId! }));
    org.destroy();
    endpoint.addRecords([...accountRecords(member), ...accountRecords(MOTO_ACCOUNT)]);
    peer.moto.clearRecording();
    const cli = io();
    const loaded = await loadLiveTrail(
      liveOptions(['--accounts', 'all', '--role-name', 'OrganizationAccountAccessRole']),
      undefined,
      cli,
    );
    expect(cli.err()).toBe('');
    expect(countsByAccount(loaded)).toEqual({ [MOTO_ACCOUNT]: 120, [member]: 120 });
    const recording = recordedBodies(peer.moto.recordingFile);
    expect(peer.moto.recordedActions().filter((action) => action === 'AssumeRole')).toHaveLength(1);
    expect(recording).toContain(
      `RoleArn=arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
    );
    expect(peer.moto.recordedActions()).toContain('ListAccounts');
  }, 20_000);

  it('contain acts in the principal’s own account through the role, every plan line naming it', async () => {
    const member = new IAMClient({ ...motoConfig(await assumed(A, 'Responder')) });
    await member.send(new CreateUserCommand({ UserName: 'KeyHunter' }));
    const key = (await member.send(new CreateAccessKeyCommand({ UserName: 'KeyHunter' })))
      .AccessKey!.AccessKeyId!;
    const arn = `arn:aws:iam::${A}:user/KeyHunter`;

    // Without the role, nothing is done in the caller's account instead.
    const refused = io();
    const refusedCode = await containCommand(
      parseContainArgs([arn, '--action', 'deactivate-keys', '--yes']),
      refused,
    );
    expect(refusedCode).toBe(1);
    expect(refused.err()).toMatch(new RegExp(`user KeyHunter is in account ${A}.*--role-name`));

    const cli = io();
    const code = await containCommand(
      parseContainArgs([arn, '--action', 'deactivate-keys', '--role-name', 'Responder', '--yes']),
      cli,
    );
    expect(cli.err()).toBe('');
    expect(code).toBe(0);
    const out = cli.out();
    expect(out).toContain(
      `Plan for user KeyHunter in account ${A} (through arn:aws:iam::${A}:role/Responder), as arn:aws:sts::${MOTO_ACCOUNT}:user/moto`,
    );
    const callLines = out.split('\n').filter((line) => line.includes('aws iam '));
    expect(callLines.length).toBeGreaterThanOrEqual(2);
    for (const line of callLines) expect(line).toContain(`# account ${A} (role Responder)`);
    // moto's state in the member account changed; the caller's account has no such user.
    const keys = await member.send(new ListAccessKeysCommand({ UserName: 'KeyHunter' }));
    expect(keys.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status])).toEqual([
      [key, 'Inactive'],
    ]);
    const own = new IAMClient(motoConfig());
    expect((await own.send(new ListUsersCommand({}))).Users ?? []).toEqual([]);
    own.destroy();
    member.destroy();
  }, 20_000);

  it('the TUI: reads both accounts; inventory and containment of a principal act in its own account', async () => {
    const member = new IAMClient({ ...motoConfig(await assumed(A, 'Reader')) });
    await member.send(new CreateUserCommand({ UserName: 'KeyHunter' }));
    const key = (await member.send(new CreateAccessKeyCommand({ UserName: 'KeyHunter' })))
      .AccessKey!.AccessKeyId!;
    const dir = mkdtempSync(join(tmpdir(), 'trailhound-orglive-'));
    const options = parseCli([
      '--live',
      '--regions',
      'eu-west-1',
      '--since',
      '2d',
      '--accounts',
      `${A},${B}`,
      '--role-name',
      'Reader',
    ]);
    const index = new EventIndex();
    const live = await openLiveSession(
      { ...options, live: options.live! },
      join(dir, 'case.thcase'),
      index,
    );
    try {
      expect(live.live.account).toBe('2 accounts');
      const summary = await live.live.load(() => undefined, new AbortController().signal);
      expect(summary.errors).toEqual([]);
      expect(summary.progress.regions).toBe(2);
      const counts: Record<string, number> = {};
      for (let row = 0; row < index.size; row++) {
        const account = index.value(row, 'account');
        counts[account] = (counts[account] ?? 0) + 1;
      }
      expect(counts).toEqual({ [A]: 120, [B]: 120 });
      // Each account's pages in its own folder; records re-read from either.
      expect((await live.reader.read(0, 0)).eventName).toBeTypeOf('string');

      const target = containTargetFor(index, 'KeyHunter');
      expect(target).toEqual({ kind: 'user', name: 'KeyHunter', account: A });
      if ('say' in target) throw new Error(target.say);
      const inventory = await live.inventory.load(target, { refresh: false, ipsByKey: new Map() });
      expect(inventory.inventory?.kind).toBe('user');
      const plan = await live.contain.plan(target, ['deactivate-keys']);
      expect(plan.commands).toHaveLength(1);
      for (const command of plan.commands)
        expect(command).toContain(`# account ${A} (role Reader)`);
      const result = await live.contain.execute(target, ['deactivate-keys'], () => undefined);
      expect(result.ok).toBe(true);
      const keys = await member.send(new ListAccessKeysCommand({ UserName: 'KeyHunter' }));
      expect(keys.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status])).toEqual([
        [key, 'Inactive'],
      ]);
      await expect(
        live.contain.plan({ kind: 'user', name: 'x', account: '333333333333' }, ['quarantine']),
      ).rejects.toThrow(/account 333333333333, which this session does not read/);
    } finally {
      live.close();
      member.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('--read-only: the reading role is assumed, limited to ReadOnlyAccess; containment stays impossible', async () => {
    const connection = await connect({ readOnly: true });
    const caller = {
      account: MOTO_ACCOUNT,
      arn: `arn:aws:sts::${MOTO_ACCOUNT}:user/moto`,
      userId: 'moto',
    };
    const reach = accountConnection(connection, A, { roleName: 'Reader', caller, readOnly: true });
    try {
      peer.moto.clearRecording();
      await reach.check();
      expect(peer.moto.recordedActions()).toEqual(['AssumeRole']);
      expect(recordedBodies(peer.moto.recordingFile)).toContain(
        'PolicyArns.member.1.arn=arn:aws:iam::aws:policy/ReadOnlyAccess',
      );
      expect(isGuarded(reach.cloudTrail('us-east-1'))).toBe(true);
      const clients = containClients(reach.clientConfig, 'us-east-1', true);
      await expect(
        clients.iam.send(
          new UpdateAccessKeyCommand({
            UserName: 'KeyHunter',
            AccessKeyId: 'AKIA0',
            Status: 'Inactive',
          }),
        ),
      ).rejects.toBeInstanceOf(ReadOnlyRefusal);
      destroyClients(clients);
      // The caller's own STS client still refuses AssumeRole: the allowance is that one client's.
      await expect(
        connection
          .sts()
          .send(
            new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/R`, RoleSessionName: 's' }),
          ),
      ).rejects.toBeInstanceOf(ReadOnlyRefusal);
    } finally {
      reach.destroy();
      connection.destroy();
    }
  });
});

it('usage: --live --accounts needs --role-name; contain --role-name needs an ARN', () => {
  expect(() => parseCli(['events', '--live', '--accounts', A])).toThrow(UsageError);
  expect(() => parseCli(['events', '--live', '--accounts', A])).toThrow(/needs --role-name ROLE/);
  expect(() => parseCli(['events', '--live', '--accounts', A, '--role-name', 'a b'])).toThrow(
    /--role-name takes a role name/,
  );
  expect(() =>
    parseContainArgs(['KeyHunter', '--action', 'quarantine', '--role-name', 'R']),
  ).toThrow(/--role-name needs the principal as an ARN/);
});
