import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv6Full, parseIp } from '../../source/geo/ip-address.js';

function words(text: string): number[] | undefined {
  const parsed = parseIp(text);
  return parsed?.family === 6 ? [...parsed.words] : undefined;
}

describe('parseIp', () => {
  it('reads dotted quads to 32-bit values, including the extremes', () => {
    expect(parseIp('0.0.0.0')).toEqual({ family: 4, value: 0 });
    expect(parseIp('255.255.255.255')).toEqual({ family: 4, value: 0xffffffff });
    expect(parseIp('102.88.109.159')).toEqual({ family: 4, value: 0x66586d9f });
    expect(parseIp('253.252.51.07')).toEqual(parseIp('253.252.51.7'));
  });

  it('expands :: wherever it stands', () => {
    expect(words('::')).toEqual([0, 0, 0, 0]);
    expect(words('::1')).toEqual([0, 0, 0, 1]);
    expect(words('1::')).toEqual([0x00010000, 0, 0, 0]);
    expect(words('2a01:4f8::1')).toEqual([0x2a0104f8, 0, 0, 1]);
    expect(words('1:2:3::6:7:8')).toEqual([0x00010002, 0x00030000, 0x00000006, 0x00070008]);
    expect(words('1:2:3:4:5:6:7::')).toEqual([0x00010002, 0x00030004, 0x00050006, 0x00070000]);
    expect(words('::2:3:4:5:6:7:8')).toEqual([0x00000002, 0x00030004, 0x00050006, 0x00070008]);
    expect(words('FFFF:ffff:FfFf:ffff:ffff:ffff:ffff:ffff')).toEqual([
      0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
    ]);
  });

  it('folds IPv4-mapped IPv6 into IPv4, in dotted or hex form', () => {
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ family: 4, value: 0x0a000001 });
    expect(parseIp('::ffff:a00:1')).toEqual({ family: 4, value: 0x0a000001 });
    expect(words('64:ff9b::1.2.3.4')).toEqual([0x0064ff9b, 0, 0, 0x01020304]);
  });

  it('rejects malformed text', () => {
    for (const text of [
      '',
      ':',
      ':::',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7::8:9',
      '::1::',
      '1:2:3:4:5:6:1.2.3.4:5',
      '::1.2.3',
      '::g',
      '1.2.3.4/32',
      '1.2.3.-4',
      'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255x',
    ]) {
      expect(parseIp(text), text).toBeUndefined();
    }
  });

  it('formats what the MMDB reader expects', () => {
    expect(formatIpv4(0x66586d9f)).toBe('102.88.109.159');
    const parsed = parseIp('2a01:4f8::1');
    expect(parsed?.family).toBe(6);
    if (parsed?.family === 6) expect(formatIpv6Full(parsed.words)).toBe('2a01:4f8:0:0:0:0:0:1');
  });
});
