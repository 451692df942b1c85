import { describe, expect, it } from 'vitest';
import { classifyIp, type IpKind } from '../../source/geo/index.js';

const cases: ReadonlyArray<readonly [string, IpKind]> = [
  ['cloudtrail.amazonaws.com', 'aws-service'],
  ['lambda.amazonaws.com', 'aws-service'],
  ['ecs-tasks.amazonaws.com', 'aws-service'],
  ['s3.cn-north-1.amazonaws.com.cn', 'aws-service'],
  ['AWS Internal', 'aws-internal'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.1.1', 'private'],
  ['100.127.255.255', 'private'],
  ['127.0.0.1', 'private'],
  ['169.254.169.254', 'private'],
  ['::1', 'private'],
  ['fd00::1', 'private'],
  ['fc00::', 'private'],
  ['fe80::1', 'private'],
  ['febf::1', 'private'],
  ['::ffff:10.0.0.1', 'private'],
  ['::FFFF:0a00:0001', 'private'],
  ['102.88.109.159', 'public'],
  ['172.32.0.1', 'public'],
  ['100.128.0.1', 'public'],
  ['2a01:4f8::1', 'public'],
  ['fec0::1', 'public'],
  ['::ffff:8.8.8.8', 'public'],
  ['2001:db8:0:0:0:0:0:1', 'public'],
  ['', 'unknown'],
  ['0.0.0.0', 'unknown'],
  ['::', 'unknown'],
  ['not an ip', 'unknown'],
  ['1.2.3.4.5', 'unknown'],
  ['256.1.1.1', 'unknown'],
  ['1.2.3', 'unknown'],
  ['1..2.3', 'unknown'],
  ['1.2.3.0004', 'unknown'],
  [' 1.2.3.4', 'unknown'],
  ['1.2.3.4 ', 'unknown'],
  ['1:2:3:4:5:6:7:8:9', 'unknown'],
  ['1::2::3', 'unknown'],
  ['12345::1', 'unknown'],
  ['fe80::1%eth0', 'unknown'],
  ['1:2:3:4:5:6:7:', 'unknown'],
  [':1:2:3:4:5:6:7', 'unknown'],
  ['aws internal', 'unknown'],
  ['amazonaws.com', 'unknown'],
  ['CloudTrail.amazonaws.com', 'unknown'],
  ['evil.amazonaws.com.attacker.net', 'unknown'],
  ['cloudtrail.amazonaws.com\n', 'unknown'],
];

describe('classifyIp', () => {
  it.each(cases)('%j is %s', (text, kind) => {
    expect(classifyIp(text)).toBe(kind);
  });

  it('reads leading-zero octets as decimal, as anonymised logs intend', () => {
    expect(classifyIp('253.252.51.07')).toBe('public');
    expect(classifyIp('010.0.0.1')).toBe('private'); // 10.0.0.1, not octal 8.0.0.1
    expect(classifyIp('035.249.253.232')).toBe('public');
  });

  it('calls hostile text unknown without throwing', () => {
    const hostile = [
      '\u001b[31m10.0.0.1\u001b[0m',
      '\u001b]0;pwned\u0007',
      '10.0.0.1\u0000',
      '１０.0.0.1', // full-width digits
      '\u202e1.1.1.1',
      'lambda.amazonaws.com\u001b[2J',
      'a'.repeat(100_000),
      `${'a.'.repeat(200)}amazonaws.com`,
      `${'a-'.repeat(5000)}.amazonaws.com`,
    ];
    for (const text of hostile) expect(classifyIp(text)).toBe('unknown');
  });

  it('never throws on values that are not strings at all', () => {
    // CloudTrail JSON can carry anything; callers pass what they find.
    for (const value of [undefined, null, 42, {}, []]) {
      expect(classifyIp(value as unknown as string)).toBe('unknown');
    }
  });
});
