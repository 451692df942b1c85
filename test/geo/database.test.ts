import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGeoDatabase, geoDatabase, type GeoDataFiles } from '../../source/geo/index.js';
import { locateInstalledData } from '../../source/geo/data-files.js';

// One instance over the real installed data for the whole file: loading is the slow part.
const db = geoDatabase();

describe('lookups against the installed data', () => {
  it('places the Lagos mobile address in Lagos, on its carrier', () => {
    const facts = db.lookup('102.88.109.159');
    expect(facts).toMatchObject({
      ip: '102.88.109.159',
      kind: 'public',
      country: 'NG',
      region: 'Lagos',
    });
    expect(facts.city).toBeTruthy();
    expect(facts.latitude).toBeCloseTo(6.6, 0);
    expect(facts.longitude).toBeCloseTo(3.3, 0);
    expect(facts.asn).toBe(29465);
    expect(facts.asOrg).toMatch(/MTN/);
    expect(facts.insideAws).toBe(false);
  });

  it('knows both Amazon networks as inside AWS', () => {
    // The CSV gives 3.5.0.0–3.5.31.255 to AS14618 and 52.95.0.0–52.95.81.255 to AS16509.
    expect(db.lookup('3.5.1.1')).toMatchObject({
      asn: 14618,
      asOrg: 'Amazon.com, Inc.',
      insideAws: true,
    });
    expect(db.lookup('52.95.4.1')).toMatchObject({
      asn: 16509,
      asOrg: 'Amazon.com, Inc.',
      insideAws: true,
    });
    expect(db.lookup('2600:1f10:8000::1')).toMatchObject({ asn: 16509, insideAws: true });
  });

  it('puts Google DNS on AS15169, outside AWS', () => {
    expect(db.lookup('8.8.8.8')).toMatchObject({ asn: 15169, country: 'US', insideAws: false });
  });

  it('looks IPv6 up in the IPv6 data', () => {
    expect(db.lookup('2a01:4f8::1')).toMatchObject({
      kind: 'public',
      country: 'DE',
      asn: 24940,
      asOrg: 'Hetzner Online GmbH',
      insideAws: false,
    });
  });

  it('looks IPv4-mapped IPv6 up in the IPv4 data', () => {
    const mapped = db.lookup('::ffff:8.8.8.8');
    expect(mapped.ip).toBe('::ffff:8.8.8.8');
    expect(mapped.asn).toBe(15169);
  });

  it('puts the flaws2 attacker on Akamai, outside AWS', () => {
    // flaws2's stolen Lambda and ECS credentials were used from this address.
    expect(db.lookup('104.102.221.250')).toMatchObject({
      kind: 'public',
      country: 'US',
      asn: 20940,
      insideAws: false,
    });
  });

  it('reads padded octets as decimal', () => {
    const padded = db.lookup('008.008.008.008');
    expect(padded.ip).toBe('008.008.008.008');
    expect(padded.asn).toBe(15169);
  });

  it('gives no location to addresses that have none, and AWS standing to AWS and VPCs', () => {
    expect(db.lookup('10.0.0.1')).toEqual({ ip: '10.0.0.1', kind: 'private', insideAws: true });
    expect(db.lookup('lambda.amazonaws.com')).toEqual({
      ip: 'lambda.amazonaws.com',
      kind: 'aws-service',
      insideAws: true,
    });
    expect(db.lookup('AWS Internal')).toEqual({
      ip: 'AWS Internal',
      kind: 'aws-internal',
      insideAws: true,
    });
    expect(db.lookup('\u001b[2Jnope')).toEqual({
      ip: '\u001b[2Jnope',
      kind: 'unknown',
      insideAws: false,
    });
    for (const value of [undefined, null, 42]) {
      expect(db.lookup(value as unknown as string)).toMatchObject({
        kind: 'unknown',
        insideAws: false,
      });
    }
    const unrouted = db.lookup('253.252.51.07');
    expect(unrouted.kind).toBe('public');
    expect(unrouted.insideAws).toBe(false);
  });

  it('answers the same object for the same text, frozen', () => {
    const first = db.lookup('102.88.109.159');
    expect(db.lookup('102.88.109.159')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('dates and credits the data', () => {
    expect(db.dataDate).toBe('DB-IP city 2026-06-05, ASN 2026-06-17');
    expect(db.attribution).toContain('IP geolocation by DB-IP (db-ip.com)');
    expect(db.problem).toBeUndefined();
  });
});

describe('the cache', () => {
  it('forgets the oldest address once full', () => {
    const small = createGeoDatabase({ cacheSize: 2 });
    const a = small.lookup('10.0.0.1');
    small.lookup('10.0.0.2');
    expect(small.lookup('10.0.0.1')).toBe(a);
    small.lookup('10.0.0.3');
    expect(small.lookup('10.0.0.1')).not.toBe(a);
    expect(small.lookup('10.0.0.1')).toEqual(a);
  });
});

describe('missing or broken data', () => {
  const folder = mkdtempSync(join(tmpdir(), 'trailhound-geo-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const missing: GeoDataFiles = {
    cityIpv4: join(folder, 'absent-city-v4.mmdb'),
    cityIpv6: join(folder, 'absent-city-v6.mmdb'),
    asnIpv4: join(folder, 'absent-asn-v4.csv'),
    asnIpv6: join(folder, 'absent-asn-v6.csv'),
  };

  it('still classifies when the files are gone, and says which', () => {
    const empty = createGeoDatabase({ locate: () => missing });
    expect(empty.lookup('102.88.109.159')).toEqual({
      ip: '102.88.109.159',
      kind: 'public',
      insideAws: false,
    });
    expect(empty.lookup('2a01:4f8::1')).toEqual({
      ip: '2a01:4f8::1',
      kind: 'public',
      insideAws: false,
    });
    expect(empty.lookup('cloudtrail.amazonaws.com').insideAws).toBe(true);
    expect(empty.problem).toContain('absent-city-v4.mmdb');
    expect(empty.problem).toContain('absent-asn-v6.csv');
    expect(empty.dataDate).toBe('DB-IP city undated, ASN undated');
  });

  it('reports a problem before any lookup', () => {
    expect(createGeoDatabase({ locate: () => missing }).problem).toContain('missing');
  });

  it('survives packages that are not installed', () => {
    const none = createGeoDatabase({
      locate: () => {
        throw new Error("Cannot find module '@ip-location-db/asn/package.json'");
      },
    });
    expect(none.lookup('8.8.8.8')).toEqual({ ip: '8.8.8.8', kind: 'public', insideAws: false });
    expect(none.problem).toMatch(/not found.*@ip-location-db\/asn/);
    expect(none.dataDate).toBe('no IP data');
  });

  it('survives corrupt files, keeping what still reads', () => {
    const junk = join(folder, 'junk.mmdb');
    writeFileSync(junk, 'this is not a MaxMind database');
    const junkCsv = join(folder, 'junk.csv');
    writeFileSync(junkCsv, '\u0000\u0001\u0002 nothing here\nor here,\n');
    const installed = locateInstalledData();
    const broken = createGeoDatabase({
      locate: () => ({ ...installed, cityIpv4: junk, asnIpv6: junkCsv }),
    });
    const facts = broken.lookup('8.8.8.8');
    expect(facts.asn).toBe(15169); // the ASN file is fine
    expect(facts.country).toBeUndefined(); // the city file is not
    const ipv6 = broken.lookup('2a01:4f8::1');
    expect(ipv6.country).toBe('DE');
    expect(ipv6.asn).toBeUndefined();
    expect(broken.problem).toContain('DB-IP city IPv4 data unreadable');
    expect(broken.problem).toContain('ASN IPv6 data unreadable');
  });
});
