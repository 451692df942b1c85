import { describe, it, expect } from 'vitest';
import { cidrMatcher, compileMatcher, globMatcher } from '../../source/trail/query/pattern.js';
import type { QueryField } from '../../source/trail/query/index.js';

const field = (name: QueryField, pattern: string) =>
  compileMatcher({ kind: 'field', field: name, pattern, negate: false, text: '' });
const word = (pattern: string) =>
  compileMatcher({ kind: 'word', pattern, negate: false, text: '' });

describe('globMatcher, whole value', () => {
  it('without a star is plain equality', () => {
    const match = globMatcher('createuser', true);
    expect(match('createuser')).toBe(true);
    expect(match('createuserpolicy')).toBe(false);
    expect(match('xcreateuser')).toBe(false);
  });

  it('handles a star at the start, the end, both and in the middle', () => {
    expect(globMatcher('create*', true)('createuserpolicy')).toBe(true);
    expect(globMatcher('create*', true)('deleteuser')).toBe(false);
    expect(globMatcher('*policy', true)('createuserpolicy')).toBe(true);
    expect(globMatcher('*policy', true)('policyx')).toBe(false);
    expect(globMatcher('*user*', true)('createuserpolicy')).toBe(true);
    expect(globMatcher('*user*', true)('createrole')).toBe(false);
    expect(globMatcher('c*u*y', true)('createuserpolicy')).toBe(true);
    expect(globMatcher('c*u*y', true)('createuserpolicies')).toBe(false);
  });

  it('lets a star match nothing, but never lets prefix and suffix overlap', () => {
    expect(globMatcher('ab*ba', true)('abba')).toBe(true);
    expect(globMatcher('ab*ba', true)('aba')).toBe(false);
    expect(globMatcher('a*b*c', true)('abc')).toBe(true);
    expect(globMatcher('a*bc*c', true)('abc')).toBe(false);
    expect(globMatcher('a**b', true)('ab')).toBe(true);
  });

  it('finds middle pieces in order', () => {
    expect(globMatcher('*one*two*', true)('one then two')).toBe(true);
    expect(globMatcher('*one*two*', true)('two then one')).toBe(false);
  });
});

describe('globMatcher, substring', () => {
  it('matches anywhere in the text', () => {
    expect(globMatcher('user', false)('createuserpolicy')).toBe(true);
    expect(globMatcher('user', false)('createrole')).toBe(false);
    expect(globMatcher('cre*pol', false)('xcreateuserpolicyx')).toBe(true);
    expect(globMatcher('pol*cre', false)('xcreateuserpolicyx')).toBe(false);
  });
});

describe('compileMatcher', () => {
  it('never matches an absent value, not even with a lone star', () => {
    expect(field('error', '*')('')).toBe(false);
    expect(field('error', '*')('AccessDenied')).toBe(true);
    expect(word('*')('')).toBe(false);
    expect(field('resource', '*')('')).toBe(false);
    expect(field('resource', '*')('\n')).toBe(false);
  });

  it('compares case-insensitively on both sides', () => {
    expect(field('event', 'createUSER')('CreateUser')).toBe(true);
    expect(field('event', 'CREATE*')('createAccessKey')).toBe(true);
    expect(word('ALICE')('user/Alice')).toBe(true);
  });

  it('treats regex metacharacters as plain text', () => {
    expect(field('ua', 'aws-cli/2.15 (x)')('aws-cli/2.15 (x)')).toBe(true);
    expect(field('ua', 'aws-cli/2.15 (x)')('aws-cli/2115 (x)')).toBe(false);
    expect(word('a.b')('axb')).toBe(false);
    expect(word('[a]+')('x[a]+y')).toBe(true);
  });

  it('matches each resource of the multi-valued column as a whole value, or its last segment', () => {
    const value = 'arn:aws:s3:::reports\narn:aws:s3:::reports/Threat Intelligence.docx';
    expect(field('resource', 'Threat Intelligence.docx')(value)).toBe(true);
    expect(field('resource', 'Intelligence.docx')(value)).toBe(false);
    expect(field('resource', '*Threat Intelligence.docx')(value)).toBe(true);
    expect(field('resource', 'reports/Threat*')(value)).toBe(false);
    expect(field('resource', 'arn:aws:s3:::reports')(value)).toBe(true);
    expect(field('resource', 'arn:aws:s3:::rep')(value)).toBe(false);
    expect(field('resource', 'arn:aws:s3:::reports*docx')(value)).toBe(true);
    // Whole-value matching on the joined text would wrongly accept this.
    expect(field('resource', '*reports\narn*')(value)).toBe(false);
  });

  it('keeps a word star from spanning two resources', () => {
    const value = 'bucket-one\nkey-two';
    expect(word('one*key')(value)).toBe(false);
    expect(word('bucket*one')(value)).toBe(true);
    expect(word('key-t')(value)).toBe(true);
  });

  it('matches other fields over their whole value', () => {
    expect(field('error', 'AccessDenied')('AccessDenied')).toBe(true);
    expect(field('error', 'Access')('AccessDenied')).toBe(false);
  });

  it('takes a CIDR for ip and a glob otherwise', () => {
    expect(field('ip', '10.0.0.0/8')('10.200.3.4')).toBe(true);
    expect(field('ip', '10.0.0.0/8')('11.0.0.1')).toBe(false);
    expect(field('ip', '10.0.*')('10.0.9.9')).toBe(true);
    expect(field('ip', '10.0.*')('10.1.9.9')).toBe(false);
    expect(field('ip', '10.0.0.1')('10.0.0.1')).toBe(true);
    expect(field('ip', '10.0.0.1')('10.0.0.10')).toBe(false);
    // A CIDR is only for ip; elsewhere it is literal text.
    expect(field('user', '10.0.0.0/8')('10.1.1.1')).toBe(false);
  });
});

describe('cidrMatcher', () => {
  it('matches IPv4 ranges at every prefix length, ignoring host bits in the network', () => {
    expect(cidrMatcher('192.168.1.0/24')!('192.168.1.255')).toBe(true);
    expect(cidrMatcher('192.168.1.0/24')!('192.168.2.0')).toBe(false);
    expect(cidrMatcher('192.168.1.77/24')!('192.168.1.3')).toBe(true);
    expect(cidrMatcher('203.0.113.9/32')!('203.0.113.9')).toBe(true);
    expect(cidrMatcher('203.0.113.9/32')!('203.0.113.8')).toBe(false);
    expect(cidrMatcher('0.0.0.0/0')!('255.255.255.255')).toBe(true);
    expect(cidrMatcher('128.0.0.0/1')!('200.1.1.1')).toBe(true);
    expect(cidrMatcher('128.0.0.0/1')!('127.255.255.255')).toBe(false);
  });

  it('never matches a value that is not an address', () => {
    const match = cidrMatcher('0.0.0.0/0')!;
    for (const value of [
      '',
      'AWS Internal',
      'ec2.amazonaws.com',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.256',
      '1..2.3',
      '2001:db8::1',
    ]) {
      expect(match(value), value).toBe(false);
    }
  });

  it('matches IPv6 ranges, compressed or not', () => {
    const match = cidrMatcher('2001:db8::/32')!;
    expect(match('2001:db8::1')).toBe(true);
    expect(match('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(match('2001:db9::1')).toBe(false);
    expect(match('10.0.0.1')).toBe(false);
    expect(match('not:an:address')).toBe(false);
    expect(match('2001:db8::1::2')).toBe(false);
    expect(cidrMatcher('fe80::/10')!('febf::1')).toBe(true);
    expect(cidrMatcher('fe80::/10')!('fec0::1')).toBe(false);
    expect(cidrMatcher('::1/128')!('::1')).toBe(true);
    expect(cidrMatcher('::1/128')!('::2')).toBe(false);
    expect(cidrMatcher('::ffff:0:0/96')!('::ffff:10.0.0.1')).toBe(true);
  });

  it('rejects what is not a range', () => {
    for (const pattern of [
      '10.0.0.0',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0/8',
      '::/129',
      'x/8',
      '10.0.0.0/8/8',
    ]) {
      expect(cidrMatcher(pattern), pattern).toBeUndefined();
    }
  });
});
