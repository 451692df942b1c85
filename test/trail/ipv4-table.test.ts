import { describe, expect, it } from 'vitest';
import { canonicalIpv4, Ipv4Table } from '../../source/trail/ipv4-table.js';

describe('canonicalIpv4', () => {
  it('reads canonical dotted quads as numbers', () => {
    expect(canonicalIpv4('102.88.109.159')).toBe(((102 * 256 + 88) * 256 + 109) * 256 + 159);
    expect(canonicalIpv4('0.0.0.0')).toBe(0);
    expect(canonicalIpv4('255.255.255.255')).toBe(0xffffffff);
  });

  it('refuses every other spelling, so one number always means one string', () => {
    for (const text of [
      '010.0.0.1',
      '10.0.0.01',
      '253.252.51.07',
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '1..2.3',
      'AWS Internal',
      '::1',
      'ec2.amazonaws.com',
      '1.2.3.4 ',
      '',
    ]) {
      expect(canonicalIpv4(text), text).toBe(-1);
    }
  });
});

describe('Ipv4Table', () => {
  it('stores and finds ids through growth, including the all-ones address', () => {
    const table = new Ipv4Table();
    for (let i = 0; i < 5000; i++) table.set(i * 7919, i);
    table.set(0xffffffff, 9999);
    for (let i = 0; i < 5000; i++) expect(table.get(i * 7919)).toBe(i);
    expect(table.get(0xffffffff)).toBe(9999);
    expect(table.get(12345)).toBe(-1);
  });
});
