import { describe, expect, it } from 'vitest';
import { parseIpv4AsnCsv, parseIpv6AsnCsv } from '../../source/geo/asn-csv.js';
import { asnAt, findIpv4Row, findIpv6Row } from '../../source/geo/asn-table.js';
import { parseIp } from '../../source/geo/ip-address.js';

const ipv4Csv = [
  '16777216,16777471,13335,"Cloudflare, Inc."',
  '16778240,16779263,38803,Gtelecom Pty Ltd',
  '35309568,35313663,201907,"LLC ""SPUTNIK"""',
  'garbage line',
  '35313664,35313664,64500,Ünïcödé Networks\r',
  '35313665,35313665,64501,"Cloudflare, Inc."',
  '100,200,1,Out Of Order',
  '35313666,35313700,99999999999,Too Big',
  '35313800,35313900,64502,',
  '4294967040,4294967295,64503,Last Line Without Newline',
].join('\n');

function v4(text: string): number {
  const parsed = parseIp(text);
  if (parsed?.family !== 4) throw new Error(`not IPv4: ${text}`);
  return parsed.value;
}

describe('the IPv4 ASN table', () => {
  const { table, skipped } = parseIpv4AsnCsv(Buffer.from(ipv4Csv));

  it('keeps good lines and skips bad, unsorted and oversized ones', () => {
    expect(table.count).toBe(7);
    expect(skipped).toBe(3);
  });

  it('unquotes names, undoes doubled quotes, decodes UTF-8 and stores each name once', () => {
    expect(table.orgs).toEqual([
      'Cloudflare, Inc.',
      'Gtelecom Pty Ltd',
      'LLC "SPUTNIK"',
      'Ünïcödé Networks',
      'Last Line Without Newline',
    ]);
    expect(asnAt(table, findIpv4Row(table, 35313665))).toEqual({
      asn: 64501,
      org: 'Cloudflare, Inc.',
    });
  });

  it('finds inclusive bounds and misses the gaps', () => {
    expect(asnAt(table, findIpv4Row(table, v4('1.0.0.0'))).asn).toBe(13335);
    expect(asnAt(table, findIpv4Row(table, v4('1.0.0.255'))).asn).toBe(13335);
    expect(findIpv4Row(table, v4('1.0.1.0'))).toBe(-1);
    expect(findIpv4Row(table, v4('0.0.0.1'))).toBe(-1);
    expect(asnAt(table, findIpv4Row(table, 35313664))).toEqual({
      asn: 64500,
      org: 'Ünïcödé Networks',
    });
    expect(asnAt(table, findIpv4Row(table, 35313850))).toEqual({ asn: 64502, org: undefined });
    expect(asnAt(table, findIpv4Row(table, 0xffffffff)).asn).toBe(64503);
  });

  it('reads an empty file as an empty table', () => {
    expect(parseIpv4AsnCsv(Buffer.alloc(0)).table.count).toBe(0);
    expect(findIpv4Row(parseIpv4AsnCsv(Buffer.alloc(0)).table, 5)).toBe(-1);
  });
});

describe('the IPv6 ASN table', () => {
  const csv = [
    '2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC',
    '2001:200::,2001:200:1b9:ffff:ffff:ffff:ffff:ffff,2500,WIDE Project',
    '2001:200:1ba::,2001:200:1ba:ffff:ffff:ffff:ffff:ffff,24047,"Internet Systems Consortium, Inc."',
    '2001:200:1bb::,2001:200:1ba::,1,End Before Start',
    '2001:100::,2001:100::ff,2,Out Of Order',
    'zz::,2001:300::,3,Bad Address',
    '2600:1f10:5000::,2600:1f10:bfff:ffff:ffff:ffff:ffff:ffff,16509,"Amazon.com, Inc."',
    '',
  ].join('\r\n');
  const { table, skipped } = parseIpv6AsnCsv(Buffer.from(csv));

  function find(text: string): number | undefined {
    const parsed = parseIp(text);
    if (parsed?.family !== 6) throw new Error(`not IPv6: ${text}`);
    const row = findIpv6Row(table, parsed.words);
    return row < 0 ? undefined : asnAt(table, row).asn;
  }

  it('keeps good lines and skips the rest', () => {
    expect(table.count).toBe(4);
    expect(skipped).toBe(3);
  });

  it('compares all 128 bits', () => {
    expect(find('2001::')).toBe(6939);
    expect(find('2001:0:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(6939);
    expect(find('2001:1::')).toBeUndefined();
    expect(find('2001:200:1b9:ffff:ffff:ffff:ffff:ffff')).toBe(2500);
    expect(find('2001:200:1ba::1')).toBe(24047);
    expect(find('2001:200:1bb::')).toBeUndefined();
    expect(find('2600:1f10:8000::1')).toBe(16509);
    expect(find('ffff::')).toBeUndefined();
    expect(find('::2')).toBeUndefined();
  });
});
