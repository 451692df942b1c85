import { describe, expect, it } from 'vitest';
import { findPrincipals, ipProfile, keyProfile } from '../../../source/index/index.js';
import { assumedRole, iamUser } from '../../helpers/records.js';
import { event, indexOf, ms } from './build-index.js';

const ATTACKER = '203.0.113.9';

describe('ipProfile', () => {
  const index = indexOf([
    event(0, { sourceIPAddress: '198.51.100.7' }),
    event(10, { sourceIPAddress: ATTACKER }),
    event(11, { sourceIPAddress: ATTACKER, eventName: 'GetObject', errorCode: 'AccessDenied' }),
    event(12, {
      sourceIPAddress: ATTACKER,
      userIdentity: assumedRole('ops', 'x'),
      userAgent: 'python-requests/2.31',
      awsRegion: 'eu-west-1',
    }),
    event(13, { sourceIPAddress: 'AWS Internal', userIdentity: iamUser('bob') }),
  ]);

  it('profiles who called from an address, and with what', () => {
    const profile = ipProfile(index, ATTACKER)!;
    expect(profile.ip).toBe(ATTACKER);
    expect(profile).toMatchObject({ events: 3, errors: 1, first: ms(10), last: ms(12) });
    expect([...profile.rows]).toEqual([1, 2, 3]);
    expect(profile.principals.map((p) => [p.value, p.count, p.errors])).toEqual([
      ['alice', 2, 1],
      ['ops/x', 1, 0],
    ]);
    expect(profile.accessKeys.map((k) => k.value)).toEqual(['AKIAALICEEXAMPLE', 'ASIAEXAMPLE']);
    expect(profile.regions.map((r) => r.value)).toEqual(['us-east-1', 'eu-west-1']);
    expect(profile.userAgents).toHaveLength(2);
    expect(profile.eventNames.map((e) => [e.value, e.errors])).toEqual([
      ['ListBuckets', 0],
      ['GetObject', 1],
    ]);
    expect(profile.histogram.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('matches service names ignoring case, and is undefined for unknown addresses', () => {
    expect(ipProfile(index, 'aws internal')).toMatchObject({ ip: 'AWS Internal', events: 1 });
    expect(ipProfile(index, '192.0.2.1')).toBeUndefined();
  });
});

describe('keyProfile', () => {
  const alice = iamUser('alice');
  const index = indexOf([
    event(0, {
      userIdentity: iamUser('admin'),
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      requestParameters: { userName: 'alice' },
    }),
    event(1, {
      userIdentity: iamUser('admin'),
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      requestParameters: { userName: 'carol' },
    }),
    event(2, {
      userIdentity: iamUser('admin'),
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
      requestParameters: { userName: 'alice' },
      errorCode: 'LimitExceeded',
    }),
    event(3, {
      userIdentity: alice,
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateAccessKey',
    }),
    event(10, { userIdentity: alice }),
    event(20, { userIdentity: alice, sourceIPAddress: ATTACKER }),
    event(30, { userIdentity: assumedRole('ops', 'x') }),
  ]);

  it('profiles a long-term key with its owners and the calls that may have made it', () => {
    const profile = keyProfile(index, 'AKIAALICEEXAMPLE')!;
    expect(profile).toMatchObject({ key: 'AKIAALICEEXAMPLE', kind: 'long-term', events: 3 });
    expect(profile.owners.map((o) => [o.value, o.count])).toEqual([['alice', 3]]);
    expect(profile.sourceIps.map((s) => s.value)).toEqual(['198.51.100.7', ATTACKER]);
    expect(profile.creationCandidates).toEqual([
      { row: 0, time: ms(0), by: 'admin', forUser: 'alice' },
      // Without a userName the caller made a key for itself.
      { row: 3, time: ms(3), by: 'alice', forUser: 'alice' },
    ]);
    expect([...profile.rows]).toEqual([3, 4, 5]);
  });

  it('looks for no creation of a temporary key, and matches ignoring case', () => {
    const profile = keyProfile(index, 'asiaexample')!;
    expect(profile).toMatchObject({ key: 'ASIAEXAMPLE', kind: 'temporary', events: 1 });
    expect(profile.creationCandidates).toEqual([]);
    expect(keyProfile(index, 'AKIANOSUCHKEY')).toBeUndefined();
  });
});

describe('findPrincipals', () => {
  const index = indexOf([
    ...[0, 1, 2].map((m) => event(m, { userIdentity: iamUser('KeyHunter') })),
    ...[3, 4].map((m) => event(m, { userIdentity: assumedRole('hunter-role', 's') })),
    event(5, { userIdentity: iamUser('bob') }),
    event(6, { userIdentity: iamUser('hunter') }),
    event(7, { userIdentity: iamUser('ahunter') }),
  ]);

  it('finds values containing the text ignoring case, most active first', () => {
    expect(findPrincipals(index, 'HUNTER', 10)).toEqual([
      'KeyHunter',
      'hunter-role/s',
      'ahunter',
      'hunter',
    ]);
    expect(findPrincipals(index, 'hunter', 2)).toEqual(['KeyHunter', 'hunter-role/s']);
    expect(findPrincipals(index, '', 1)).toEqual(['KeyHunter']);
    expect(findPrincipals(index, 'nobody', 5)).toEqual([]);
  });
});
