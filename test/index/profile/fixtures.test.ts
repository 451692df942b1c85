import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findPrincipals,
  ipProfile,
  keyProfile,
  principalProfile,
  type EventIndex,
} from '../../../source/index/index.js';
import { fixture } from '../../helpers/fixtures.js';
import { loadIndex } from '../../helpers/load.js';

const DEMO_CASE = fileURLToPath(new URL('../../../data/demo-case.json.gz', import.meta.url));

describe('profiles of the flaws2 attack', () => {
  let index: EventIndex;
  beforeAll(async () => {
    ({ index } = await loadIndex([fixture('flaws2')]));
  });

  it('shows the stolen Lambda session moving from the Lambda address to the attacker', () => {
    const profile = principalProfile(index, 'level1/level1')!;
    expect(profile.kind).toBe('principal');
    expect(profile.identityTypes).toEqual(['AssumedRole']);
    expect(profile.sourceIps.map((ip) => ip.value)).toEqual(['34.234.236.212', '104.102.221.250']);
    // Five denied CreateLogStream calls in under a minute.
    expect(profile.accessDeniedBursts).toHaveLength(1);
    expect(profile.accessDeniedBursts[0]!.count).toBe(5);
    expect(profile.accessKeys.map((k) => [k.value, k.kind])).toEqual([
      ['ASIAZQNB3KHGIGYQXVVG', 'temporary'],
    ]);
  });

  it('covers a role by its name', () => {
    const role = principalProfile(index, 'level3')!;
    expect(role.kind).toBe('role');
    expect(role.sessions.map((s) => s.value)).toEqual([
      'level3/d190d14a-2404-45d6-9113-4eda22d7f2c7',
    ]);
    expect(role.eventNames.map((e) => e.value)).toEqual(['ListBuckets']);
  });

  it('shows everyone who called from the attacker address', () => {
    const profile = ipProfile(index, '104.102.221.250')!;
    expect(profile.principals.map((p) => p.value).sort()).toEqual([
      'ANONYMOUS_PRINCIPAL',
      'level1/level1',
      'level3/d190d14a-2404-45d6-9113-4eda22d7f2c7',
    ]);
    expect(profile.principals[0]!.value).toBe('ANONYMOUS_PRINCIPAL');
    expect(profile.events).toBe(profile.principals.reduce((sum, p) => sum + p.count, 0));
    expect(profile.eventNames[0]!.value).toBe('GetObject');
  });

  it('suggests the level principals', () => {
    expect(findPrincipals(index, 'level', 10).sort()).toEqual([
      'level1/level1',
      'level3/d190d14a-2404-45d6-9113-4eda22d7f2c7',
    ]);
  });
});

describe('profiles of the demo case', () => {
  let index: EventIndex;
  beforeAll(async () => {
    ({ index } = await loadIndex([DEMO_CASE]));
  });

  it('shows KeyHunter signing in from a new address after days from the usual one', () => {
    const profile = principalProfile(index, 'KeyHunter')!;
    expect(profile.kind).toBe('principal');
    const usual = profile.sourceIps.find((ip) => ip.value === '198.51.100.23')!;
    const intruder = profile.sourceIps.find((ip) => ip.value === '102.88.109.159')!;
    expect(intruder.first).toBeGreaterThan(usual.first);
    expect(profile.first).toBe(usual.first);

    const logins = profile.consoleLogins;
    const fromIntruder = logins.filter((login) => login.sourceIp === '102.88.109.159');
    expect(fromIntruder.map((login) => [login.failed, login.error])).toEqual([
      [true, 'Failed authentication'],
      [false, ''],
    ]);
    expect(logins.filter((login) => login.sourceIp === '198.51.100.23').length).toBeGreaterThan(0);
    expect(logins.every((login) => index.value(login.row, 'eventName') === 'ConsoleLogin')).toBe(
      true,
    );
  });

  it('follows the intruder: ListBuckets, the document read, then persistence', () => {
    const profile = principalProfile(index, 'KeyHunter')!;
    const fromIntruder = [...profile.rows].filter(
      (row) => index.value(row, 'sourceIp') === '102.88.109.159',
    );
    const names = fromIntruder.map((row) => index.value(row, 'eventName'));
    expect(names.indexOf('ListBuckets')).toBeGreaterThan(names.indexOf('ConsoleLogin'));
    expect(names.indexOf('GetObject')).toBeGreaterThan(names.indexOf('ListBuckets'));

    const document = profile.resources.find(
      (r) => r.value === 'dora-cloudbucket/Threat Intelligence.docx',
    )!;
    expect(document).toMatchObject({ count: 1 });
    expect(profile.resources.some((r) => r.value === 'dora-cloudbucket')).toBe(true);

    expect(profile.createdIdentities.map((c) => [c.eventName, c.identity])).toEqual(
      expect.arrayContaining([
        ['CreateUser', 'aws_consoler'],
        ['CreateAccessKey', 'aws_consoler'],
        ['CreateLoginProfile', 'aws_consoler'],
        ['CreateRole', 'maintenance-sync'],
      ]),
    );
    expect(profile.iamChanges.map((c) => c.eventName)).toEqual(
      expect.arrayContaining(['AttachUserPolicy', 'AttachRolePolicy']),
    );
    expect(profile.iamChanges.some((c) => /^(Get|List)/.test(c.eventName))).toBe(false);
    expect(profile.assumedRoles.map((a) => a.role)).toContain(
      'arn:aws:iam::111122223333:role/ops-admin',
    );
    // The stolen key probing IAM and EC2: AccessDenied and Client.UnauthorizedOperation.
    expect(profile.accessDeniedBursts.length).toBeGreaterThan(0);
    expect(profile.accessDeniedBursts[0]!.count).toBeGreaterThanOrEqual(9);
    const long = profile.accessKeys.find((k) => k.kind === 'long-term')!;
    expect(long.value).toBe('AKIAR6H3F6N2ZEXAMPLE');
  });

  it('shows the intruder address and the stolen key', () => {
    const ip = ipProfile(index, '102.88.109.159')!;
    expect(ip.principals[0]!.value).toBe('KeyHunter');
    expect(ip.eventNames.map((e) => e.value)).toEqual(
      expect.arrayContaining(['ConsoleLogin', 'ListBuckets', 'GetObject']),
    );
    const key = keyProfile(index, 'AKIAR6H3F6N2ZEXAMPLE')!;
    expect(key.kind).toBe('long-term');
    expect(key.owners.map((o) => o.value)).toEqual(['KeyHunter']);
    expect(key.sourceIps.map((s) => s.value)).toContain('102.88.109.159');
  });
});
