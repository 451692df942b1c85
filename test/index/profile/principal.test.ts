import { describe, expect, it } from 'vitest';
import { ACCESS_DENIED_BURST_MIN_EVENTS, principalProfile } from '../../../source/index/index.js';
import { assumedRole, iamUser, type TestRecord } from '../../helpers/records.js';
import { event, indexOf, ms } from './build-index.js';

const alice = iamUser('alice');
const OFFICE = '198.51.100.7';
const UNKNOWN = '203.0.113.9';

function withKey(identity: TestRecord, accessKeyId: string): TestRecord {
  return { ...identity, accessKeyId };
}

function iam(
  minutes: number,
  eventName: string,
  requestParameters: TestRecord | null,
  extra: TestRecord = {},
) {
  return event(minutes, {
    eventSource: 'iam.amazonaws.com',
    eventName,
    requestParameters,
    readOnly: false,
    ...extra,
  });
}

describe('principalProfile: values and what is new', () => {
  const index = indexOf([
    event(0, { sourceIPAddress: OFFICE }),
    event(60, { sourceIPAddress: OFFICE, eventName: 'DescribeInstances', awsRegion: 'eu-west-1' }),
    event(120, { sourceIPAddress: OFFICE }),
    event(180, { sourceIPAddress: UNKNOWN, userIdentity: withKey(alice, 'ASIATEMPORARYEXAMPLE') }),
    event(5, { userIdentity: iamUser('bob'), sourceIPAddress: UNKNOWN }),
  ]);
  const profile = principalProfile(index, 'alice')!;

  it('counts the subject only, in time order', () => {
    expect(profile.name).toBe('alice');
    expect(profile.kind).toBe('principal');
    expect(profile.events).toBe(4);
    expect(profile.errors).toBe(0);
    expect(profile.first).toBe(ms(0));
    expect(profile.last).toBe(ms(180));
    expect([...profile.rows]).toEqual([0, 1, 2, 3]);
    expect(profile.identityTypes).toEqual(['IAMUser']);
    expect(profile.arns).toEqual(['arn:aws:iam::111122223333:user/alice']);
    expect(profile.accounts).toEqual(['111122223333']);
    expect(profile.sessions.map((s) => s.value)).toEqual(['alice']);
  });

  it('lists each IP with its count and first and last use', () => {
    expect(profile.sourceIps).toEqual([
      { value: OFFICE, count: 3, errors: 0, first: ms(0), last: ms(120) },
      { value: UNKNOWN, count: 1, errors: 0, first: ms(180), last: ms(180) },
    ]);
    expect(profile.regions.map((r) => [r.value, r.count])).toEqual([
      ['us-east-1', 3],
      ['eu-west-1', 1],
    ]);
  });

  it('tells long-term keys from temporary ones', () => {
    expect(profile.accessKeys.map((k) => [k.value, k.kind, k.count])).toEqual([
      ['AKIAALICEEXAMPLE', 'long-term', 3],
      ['ASIATEMPORARYEXAMPLE', 'temporary', 1],
    ]);
  });

  it('ranks event names by count, then first use', () => {
    expect(profile.eventNames.map((e) => [e.value, e.count])).toEqual([
      ['ListBuckets', 3],
      ['DescribeInstances', 1],
    ]);
  });

  it('draws a histogram over the whole loaded span', () => {
    const { histogram } = principalProfile(index, 'alice', { buckets: 3 })!;
    expect(histogram.first).toBe(ms(0));
    expect(histogram.last).toBe(ms(180));
    // Slices of an hour each; the last instant belongs to the last slice.
    expect(histogram.counts).toEqual([1, 1, 2]);
  });

  it('is undefined for a name nobody has', () => {
    expect(principalProfile(index, 'mallory')).toBeUndefined();
    expect(principalProfile(index, '')).toBeUndefined();
  });
});

describe('principalProfile: first values', () => {
  it('lists values first seen in the same instant in the order met, then later ones', () => {
    const index = indexOf([
      event(0, { sourceIPAddress: OFFICE }),
      event(0, { sourceIPAddress: UNKNOWN }),
      event(30, { sourceIPAddress: '192.0.2.1' }),
    ]);
    const ips = principalProfile(index, 'alice')!.sourceIps;
    expect(ips.map((ip) => ip.value)).toEqual([OFFICE, UNKNOWN, '192.0.2.1']);
  });

  it('lists the key of a console session that began with a keyless sign-in', () => {
    const signIn = event(0, {
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      userIdentity: { ...alice, accessKeyId: undefined },
      responseElements: { ConsoleLogin: 'Success' },
    });
    const index = indexOf([
      signIn,
      event(2, { userIdentity: withKey(alice, 'ASIACONSOLEEXAMPLE') }),
    ]);
    const keys = principalProfile(index, 'alice')!.accessKeys;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ value: 'ASIACONSOLEEXAMPLE' });
  });

  it('keeps rows without a time in the counts and rows but out of the times', () => {
    // A record without a time is malformed at load; the profile still copes with such a row.
    const timeless = event(0, { eventName: 'GetCallerIdentity' });
    const index = indexOf([event(10), timeless], [1]);
    const profile = principalProfile(index, 'alice')!;
    expect(profile.events).toBe(2);
    expect([...profile.rows]).toEqual([1, 0]);
    expect(profile.first).toBe(ms(10));
    expect(profile.last).toBe(ms(10));
    expect(profile.eventNames.find((e) => e.value === 'GetCallerIdentity')).toMatchObject({
      count: 1,
      first: Number.NaN,
    });
    expect(profile.histogram.counts.reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('principalProfile: console sign-ins', () => {
  const signIn = (minutes: number, outcome: 'Success' | 'Failure', ip: string) =>
    event(minutes, {
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      eventType: 'AwsConsoleSignIn',
      sourceIPAddress: ip,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      userIdentity: { ...alice, accessKeyId: undefined },
      requestParameters: null,
      responseElements: { ConsoleLogin: outcome },
      ...(outcome === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
      additionalEventData: { MFAUsed: 'No' },
    });

  it('lists failures and successes with their address and agent', () => {
    const index = indexOf([signIn(0, 'Failure', UNKNOWN), signIn(1, 'Success', UNKNOWN), event(2)]);
    const profile = principalProfile(index, 'alice')!;
    expect(profile.consoleLogins).toEqual([
      {
        row: 0,
        time: ms(0),
        sourceIp: UNKNOWN,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
        failed: true,
        error: 'Failed authentication',
      },
      expect.objectContaining({ row: 1, time: ms(1), failed: false, error: '' }),
    ]);
    expect(profile.errors).toBe(1);
    expect(profile.eventNames[0]).toMatchObject({ value: 'ConsoleLogin', count: 2, errors: 1 });
  });
});

describe('principalProfile: AccessDenied bursts', () => {
  const denied = (minutes: number, errorCode = 'AccessDenied') =>
    event(minutes, { eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', errorCode });

  it('finds six denials within five minutes as one burst', () => {
    const records = [event(0), ...[10, 11, 12, 13, 14, 15].map((m) => denied(m)), event(20)];
    const index = indexOf(records);
    const profile = principalProfile(index, 'alice')!;
    expect(profile.accessDeniedBursts).toEqual([
      { first: ms(10), last: ms(15), count: 6, rows: [1, 2, 3, 4, 5, 6] },
    ]);
    expect(profile.errors).toBe(6);
  });

  it('ignores six denials spread over an hour', () => {
    const index = indexOf([0, 12, 24, 36, 48, 60].map((m) => denied(m)));
    expect(principalProfile(index, 'alice')!.accessDeniedBursts).toEqual([]);
  });

  it('counts EC2 UnauthorizedOperation but not other errors', () => {
    const codes = [
      'Client.UnauthorizedOperation',
      'UnauthorizedOperation',
      'AccessDeniedException',
    ];
    const probes = [0, 1, 2, 3, 4].map((m, i) => denied(m, codes[i % codes.length]));
    const noise = [0.5, 1.5, 2.5, 3.5].map((m) => denied(m, 'NoSuchEntity'));
    const index = indexOf([...probes, ...noise]);
    const [burst, ...rest] = principalProfile(index, 'alice')!.accessDeniedBursts;
    expect(rest).toEqual([]);
    expect(burst).toMatchObject({
      count: ACCESS_DENIED_BURST_MIN_EVENTS,
      first: ms(0),
      last: ms(4),
    });
  });

  it('separates bursts further apart than the window', () => {
    const minutes = [0, 1, 2, 3, 4, 100, 101, 102, 103, 104, 105];
    const bursts = principalProfile(
      indexOf(minutes.map((m) => denied(m))),
      'alice',
    )!.accessDeniedBursts;
    expect(bursts.map((b) => b.count)).toEqual([5, 6]);
  });
});

describe('principalProfile: roles', () => {
  const deploy = (session: string) => assumedRole('deploy', session);
  const index = indexOf([
    event(0, { userIdentity: deploy('ci-1'), sourceIPAddress: OFFICE }),
    event(1, { userIdentity: deploy('ci-1'), sourceIPAddress: OFFICE }),
    event(90, { userIdentity: deploy('ci-2'), sourceIPAddress: UNKNOWN }),
    event(91, { userIdentity: assumedRole('deployer', 'x') }),
    event(92),
  ]);

  it('covers every session of a role by its name', () => {
    const profile = principalProfile(index, 'deploy')!;
    expect(profile.kind).toBe('role');
    expect(profile.name).toBe('deploy');
    expect(profile.events).toBe(3);
    expect(profile.sessions.map((s) => [s.value, s.count])).toEqual([
      ['deploy/ci-1', 2],
      ['deploy/ci-2', 1],
    ]);
    expect(profile.identityTypes).toEqual(['AssumedRole']);
    expect(profile.accessKeys[0]).toMatchObject({ value: 'ASIAEXAMPLE', kind: 'temporary' });
  });

  it('prefers an exact principal value, then one ignoring case, then the role', () => {
    expect(principalProfile(index, 'deploy/ci-2')).toMatchObject({ kind: 'principal', events: 1 });
    expect(principalProfile(index, 'ALICE')).toMatchObject({ name: 'alice', kind: 'principal' });
    expect(principalProfile(index, 'DEPLOY')).toMatchObject({
      name: 'deploy',
      kind: 'role',
      events: 3,
    });
  });

  it('does not take a role name for an IAM user name that contains it', () => {
    expect(principalProfile(index, 'dep')).toBeUndefined();
  });
});

describe('principalProfile: IAM changes, new identities, role assumptions', () => {
  const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const index = indexOf([
    iam(0, 'ListUsers', {}),
    iam(1, 'GetUser', { userName: 'alice' }),
    iam(2, 'CreateUser', { userName: 'backdoor', path: '/' }),
    iam(3, 'AttachUserPolicy', { userName: 'backdoor', policyArn: admin }),
    iam(4, 'CreateAccessKey', { userName: 'backdoor' }),
    iam(5, 'CreateLoginProfile', { userName: 'backdoor', passwordResetRequired: false }),
    iam(6, 'CreateAccessKey', null),
    iam(7, 'DeleteUser', { userName: 'bob' }, { errorCode: 'AccessDenied' }),
    iam(8, 'CreateRole', { roleName: 'maintenance', assumeRolePolicyDocument: '{}' }),
    event(9, {
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/ops', roleSessionName: 'a' },
      resources: [
        {
          accountId: '111122223333',
          type: 'AWS::IAM::Role',
          ARN: 'arn:aws:iam::111122223333:role/ops',
        },
      ],
    }),
    event(10, {
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      errorCode: 'AccessDenied',
      requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/admin', roleSessionName: 'b' },
      resources: [{ ARN: 'arn:aws:iam::111122223333:role/admin', type: 'AWS::IAM::Role' }],
    }),
  ]);
  const profile = principalProfile(index, 'alice')!;

  it('lists IAM writes, allowed or not, with what they named', () => {
    expect(profile.iamChanges.map((c) => [c.eventName, c.targets, c.failed])).toEqual([
      ['CreateUser', ['backdoor'], false],
      ['AttachUserPolicy', ['backdoor', admin], false],
      ['CreateAccessKey', ['backdoor'], false],
      ['CreateLoginProfile', ['backdoor'], false],
      ['CreateAccessKey', [], false],
      ['DeleteUser', ['bob'], true],
      ['CreateRole', ['maintenance'], false],
    ]);
    expect(profile.iamChanges[0]).toMatchObject({ row: 2, time: ms(2) });
  });

  it('lists the identities and credentials it created', () => {
    expect(profile.createdIdentities.map((c) => [c.eventName, c.identity])).toEqual([
      ['CreateUser', 'backdoor'],
      ['CreateAccessKey', 'backdoor'],
      ['CreateLoginProfile', 'backdoor'],
      ['CreateAccessKey', 'alice'],
      ['CreateRole', 'maintenance'],
    ]);
  });

  it('lists the roles it assumed, from the resources', () => {
    expect(profile.assumedRoles).toEqual([
      { row: 9, time: ms(9), role: 'arn:aws:iam::111122223333:role/ops', failed: false },
      { row: 10, time: ms(10), role: 'arn:aws:iam::111122223333:role/admin', failed: true },
    ]);
  });

  it('caps lists at the limit and reports their totals', () => {
    const capped = principalProfile(index, 'alice', { limit: 2 })!;
    expect(capped.iamChanges).toHaveLength(2);
    expect(capped.totals.iamChanges).toBe(7);
    expect(capped.eventNames).toHaveLength(2);
    expect(capped.totals.eventNames).toBe(9);
    expect(capped.eventNames[0]).toMatchObject({ value: 'CreateAccessKey', count: 2 });
  });
});

describe('principalProfile: resources', () => {
  it('counts each resource once per event, S3 ARNs as bucket/key, with the bucket', () => {
    const object = (minutes: number, key: string, errorCode?: string) =>
      event(minutes, {
        eventName: 'GetObject',
        requestParameters: { bucketName: 'secrets', key },
        resources: [
          { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::secrets/${key}` },
          { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::secrets' },
        ],
        ...(errorCode ? { errorCode } : {}),
      });
    const listing = event(3, {
      eventName: 'ListObjects',
      requestParameters: { bucketName: 'secrets', prefix: '' },
    });
    const withoutArns = event(4, {
      eventName: 'GetObject',
      requestParameters: { bucketName: 'secrets', key: 'a.txt' },
    });
    const index = indexOf([
      object(0, 'a.txt'),
      object(1, 'a.txt'),
      object(2, 'b.txt', 'AccessDenied'),
      listing,
      withoutArns,
    ]);
    const resources = principalProfile(index, 'alice')!.resources;
    expect(resources.map((r) => [r.value, r.count, r.errors])).toEqual([
      ['secrets', 5, 1],
      ['secrets/a.txt', 3, 0],
      ['secrets/b.txt', 1, 1],
    ]);
    expect(resources[0]).toMatchObject({ first: ms(0), last: ms(4) });
  });
});
