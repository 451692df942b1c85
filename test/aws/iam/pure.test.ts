import { describe, expect, it } from 'vitest';
import {
  decodePolicyDocument,
  foreignTrustees,
  parseTarget,
  roleFlags,
  userFlags,
  type RoleInventory,
  type UserInventory,
} from '../../../source/aws/iam/index.js';

const NOW = new Date('2026-12-04T12:00:00Z');

function user(overrides: Partial<UserInventory> = {}): UserInventory {
  return {
    kind: 'user',
    name: 'KeyHunter',
    arn: 'arn:aws:iam::123456789012:user/KeyHunter',
    id: 'AIDA',
    path: '/',
    accountId: '123456789012',
    createdAt: undefined,
    passwordLastUsed: undefined,
    permissionsBoundary: undefined,
    loginProfile: null,
    accessKeys: [],
    mfaDevices: [],
    groups: [],
    groupPolicies: [],
    attachedPolicies: [],
    inlinePolicies: [],
    tags: [],
    signingCertificates: [],
    sshPublicKeys: [],
    serviceCredentials: [],
    gaps: [],
    readAt: NOW.toISOString(),
    ...overrides,
  };
}

const key = (id: string, createdAt: string, status = 'Active') => ({
  id,
  status,
  createdAt,
  lastUsedAt: undefined,
  lastUsedService: undefined,
  lastUsedRegion: undefined,
});

describe('policy documents', () => {
  it('decodes a URL-encoded document (RFC 3986, spaces, %, & and unicode inside values)', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/Threat Intelligence.docx',
          Condition: { StringLike: { 'aws:UserAgent': '*kali* & 100% é' } },
        },
      ],
    };
    const decoded = decodePolicyDocument(encodeURIComponent(JSON.stringify(document)));
    expect(decoded.document).toEqual(document);
    expect(decoded.text).toBe(JSON.stringify(document));
    expect(decoded.error).toBeUndefined();
  });

  it('takes a plain document as it is, even with % inside', () => {
    const text = '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Sid":"100%"}]}';
    expect(decodePolicyDocument(text)).toEqual({ text, document: JSON.parse(text) });
  });

  it('says why a document cannot be read instead of throwing', () => {
    expect(decodePolicyDocument('%E0%A4%A').error).toBe('not URL-encoded JSON');
    expect(decodePolicyDocument(encodeURIComponent('{not json')).error).toMatch(/JSON/);
    expect(decodePolicyDocument(undefined).error).toBe('empty');
  });
});

describe('inventory flags', () => {
  it('flags console access without MFA, admin access, old keys, a key seen from several IPs, rogue names and a service-role path', () => {
    const flags = userFlags(
      user({
        name: 'aws_consoler',
        path: '/service-role/',
        loginProfile: { createdAt: undefined, passwordResetRequired: false },
        accessKeys: [
          key('AKIAOLD', '2026-08-01T00:00:00Z'),
          key('AKIANEW', '2026-12-01T00:00:00Z'),
          key('AKIAOLDOFF', '2020-01-01T00:00:00Z', 'Inactive'),
        ],
        attachedPolicies: [
          { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        ],
        inlinePolicies: [
          {
            name: 'all',
            text: '',
            document: { Statement: { Effect: 'Allow', Action: ['*:*'], Resource: '*' } },
          },
        ],
      }),
      {
        now: NOW,
        ipsByKey: new Map([
          ['AKIANEW', ['102.88.109.159', '10.0.0.1', '102.88.109.159']],
          ['AKIAOLD', ['1.1.1.1']],
        ]),
      },
    );
    expect(flags.map((f) => [f.id, f.detail])).toEqual([
      ['console-without-mfa', 'aws_consoler has a console password and no MFA device'],
      ['admin-access', 'attached AdministratorAccess; inline all allows * on *'],
      ['old-access-key', 'AKIAOLD is 125 days old and active'],
      ['key-multiple-ips', 'AKIANEW used from 10.0.0.1, 102.88.109.159'],
      ['rogue-name', 'aws_consoler looks generic or poses as AWS'],
      ['service-role-path', 'aws_consoler has path /service-role/'],
    ]);
  });

  it('flags admin access held through a group', () => {
    const member = user({
      groups: [{ name: 'ops', arn: 'arn:aws:iam::123456789012:group/ops' }],
      groupPolicies: [
        {
          name: 'ops',
          arn: 'arn:aws:iam::123456789012:group/ops',
          attachedPolicies: [
            { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
          ],
          inlinePolicies: [
            {
              name: 'star',
              text: '',
              document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: ['*'] }] },
            },
          ],
        },
      ],
    });
    expect(userFlags(member, { now: NOW }).map((f) => f.detail)).toEqual([
      'attached AdministratorAccess through group ops; inline star allows * on * through group ops',
    ]);
  });

  it('flags nothing on a tidy user', () => {
    const tidy = user({
      name: 'alice.smith',
      loginProfile: { createdAt: undefined, passwordResetRequired: false },
      mfaDevices: [
        { serial: 'arn:aws:iam::123456789012:mfa/alice', enabledAt: undefined, virtual: true },
      ],
      accessKeys: [key('AKIA1', '2026-11-01T00:00:00Z')],
      inlinePolicies: [
        {
          name: 'read',
          text: '',
          document: {
            Statement: [
              { Effect: 'Allow', Action: 's3:*', Resource: '*' },
              { Effect: 'Deny', Action: '*', Resource: '*' },
            ],
          },
        },
      ],
    });
    expect(userFlags(tidy, { now: NOW, ipsByKey: new Map([['AKIA1', ['1.1.1.1']]]) })).toEqual([]);
  });

  it('flags a trust policy that lets another account (or anyone) in, not the own account or a service', () => {
    const trust = (principal: unknown) => ({
      text: '',
      document: {
        Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
      },
    });
    expect(
      foreignTrustees(trust({ AWS: 'arn:aws:iam::999988887777:root' }), '123456789012'),
    ).toEqual(['arn:aws:iam::999988887777:root']);
    expect(
      foreignTrustees(trust({ AWS: ['123456789012', '999988887777'] }), '123456789012'),
    ).toEqual(['999988887777']);
    expect(foreignTrustees(trust('*'), '123456789012')).toEqual(['* (anyone)']);
    expect(
      foreignTrustees(trust({ AWS: 'arn:aws:iam::123456789012:role/x' }), '123456789012'),
    ).toEqual([]);
    expect(foreignTrustees(trust({ Service: 'lambda.amazonaws.com' }), '123456789012')).toEqual([]);
    const role: RoleInventory = {
      kind: 'role',
      name: 'backdoor',
      arn: '',
      id: '',
      path: '/',
      accountId: '123456789012',
      createdAt: undefined,
      description: undefined,
      maxSessionDuration: undefined,
      permissionsBoundary: undefined,
      trustPolicy: trust({ AWS: 'arn:aws:iam::999988887777:root' }),
      attachedPolicies: [],
      inlinePolicies: [],
      lastUsedAt: undefined,
      lastUsedRegion: undefined,
      instanceProfiles: [],
      tags: [],
      gaps: [],
      readAt: '',
    };
    expect(roleFlags(role, { callerAccount: '123456789012' }).map((f) => f.id)).toEqual([
      'trusts-other-account',
    ]);
  });
});

describe('naming the target', () => {
  it.each([
    ['KeyHunter', { kind: 'user', name: 'KeyHunter' }],
    [
      'arn:aws:iam::123456789012:user/division/KeyHunter',
      { kind: 'user', name: 'KeyHunter', account: '123456789012' },
    ],
    ['role/backdoor', { kind: 'role', name: 'backdoor' }],
    [
      'arn:aws:iam::123456789012:role/service-role/backdoor',
      { kind: 'role', name: 'backdoor', account: '123456789012' },
    ],
    [
      'arn:aws:sts::123456789012:assumed-role/backdoor/session',
      { kind: 'role', name: 'backdoor', account: '123456789012' },
    ],
    ['function/exfil', { kind: 'function', name: 'exfil' }],
    [
      'arn:aws:lambda:eu-west-1:123456789012:function:exfil:3',
      { kind: 'function', name: 'exfil', region: 'eu-west-1', account: '123456789012' },
    ],
    ['a/b/c', undefined],
    ['', undefined],
  ])('%s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });
});
