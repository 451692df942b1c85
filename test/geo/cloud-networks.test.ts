import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIpv4AsnCsv } from '../../source/geo/asn-csv.js';
import { asnAt } from '../../source/geo/asn-table.js';
import { hostingAsns, hostingNetwork } from '../../source/geo/cloud-networks.js';
import { locateInstalledData } from '../../source/geo/data-files.js';
import { geoDatabase, inDataCentre, travel } from '../../source/geo/index.js';

const db = geoDatabase();

/** Words the bundled data's organisation names use for each provider's networks. */
const ORG_WORDS: Record<string, RegExp> = {
  AWS: /Amazon/,
  'Google Cloud': /Google/,
  'Microsoft Azure': /Microsoft/,
  'Oracle Cloud': /Oracle/,
  'IBM Cloud': /IBM/,
  'Alibaba Cloud': /Alibaba/,
  'Tencent Cloud': /Tencent/,
  'Huawei Cloud': /Huawei/i,
  Linode: /Akamai/,
  OVHcloud: /OVH/,
  Vultr: /Constant Company/,
  Scaleway: /Scaleway/i,
  Leaseweb: /Leaseweb/i,
  Rackspace: /Rackspace/,
  'Yandex Cloud': /Yandex/,
  'Naver Cloud': /NAVER/,
  Selectel: /Selectel/,
  Timeweb: /TIMEWEB/i,
  Hivelocity: /Hivelocity/i,
  'G-Core Labs': /G-Core/,
  QuadraNet: /QuadraNet/,
  HostPapa: /HostPapa/,
  Cloudflare: /Cloudflare/,
  Akamai: /Akamai/,
  Zscaler: /Zscaler/i,
};

describe('cloud and hosting networks', () => {
  it('names only AS numbers the bundled data gives to that provider', () => {
    const { table } = parseIpv4AsnCsv(readFileSync(locateInstalledData().asnIpv4));
    const orgs = new Map<number, string>();
    for (let row = 0; row < table.count; row++) {
      const { asn, org } = asnAt(table, row);
      if (!orgs.has(asn) && org) orgs.set(asn, org);
    }
    for (const [asn, network] of hostingAsns()) {
      const org = orgs.get(asn);
      expect(org, `AS${asn} (${network.provider}) is in the data`).toBeDefined();
      const words =
        ORG_WORDS[network.provider] ?? new RegExp(network.provider.split(/\W/)[0]!, 'i');
      expect(org, `AS${asn} belongs to ${network.provider}`).toMatch(words);
    }
  });

  it('knows real data-centre addresses by their provider', () => {
    expect(db.lookup('34.82.1.1')).toMatchObject({ hosting: 'Google Cloud', hostingKind: 'cloud' });
    expect(db.lookup('52.160.1.1')).toMatchObject({ hosting: 'Microsoft Azure', city: 'San Jose' });
    expect(db.lookup('129.146.1.1')).toMatchObject({ hosting: 'Oracle Cloud' });
    expect(db.lookup('159.89.1.1')).toMatchObject({ hosting: 'DigitalOcean' });
    expect(db.lookup('5.9.1.1')).toMatchObject({ hosting: 'Hetzner' });
    expect(db.lookup('2a01:4f8::1')).toMatchObject({ hosting: 'Hetzner' });
    expect(db.lookup('51.38.1.1')).toMatchObject({ hosting: 'OVHcloud' });
    expect(db.lookup('45.77.1.1')).toMatchObject({ hosting: 'Vultr' });
    // AWS stays "inside AWS" (what instance-credential rules ask) and is also a cloud network.
    expect(db.lookup('18.236.1.1')).toMatchObject({ hosting: 'AWS', insideAws: true });
    // A relay's exit says where the relay is, not the person.
    expect(db.lookup('104.16.1.1')).toMatchObject({ hosting: 'Cloudflare', hostingKind: 'relay' });
    expect(db.lookup('165.225.1.1')).toMatchObject({ hosting: 'Zscaler', hostingKind: 'relay' });
  });

  it('leaves residential, office and mobile networks alone', () => {
    for (const ip of ['73.1.1.1', '81.2.69.142', '102.88.109.159', '17.1.1.1']) {
      const facts = db.lookup(ip);
      expect(facts.hosting, `${ip} ${facts.asOrg}`).toBeUndefined();
      expect(inDataCentre(facts)).toBe(false);
    }
  });

  it('finds the long tail by the words hosting companies use, and only those', () => {
    expect(hostingNetwork(1, 'InMotion Hosting, Inc.')?.provider).toBe('InMotion Hosting, Inc.');
    expect(hostingNetwork(1, "Joe's Datacenter, LLC")?.kind).toBe('cloud');
    expect(hostingNetwork(1, 'Colocation America Corporation')).toBeDefined();
    expect(hostingNetwork(1, 'UK Dedicated Servers Limited')).toBeDefined();
    // A Wi-Fi operator and an ISP whose names say "cloud" are people's networks.
    expect(hostingNetwork(1, 'The Cloud Networks Limited')).toBeUndefined();
    expect(hostingNetwork(1, 'Comcast Cable Communications, LLC')).toBeUndefined();
    expect(hostingNetwork(1, undefined)).toBeUndefined();
  });

  it('makes no trip between two data centres: Quincy → San Jose is two regions', () => {
    const quincy = {
      ...db.lookup('20.42.1.1'),
      city: 'Quincy',
      latitude: 47.23,
      longitude: -119.85,
    };
    const sanJose = db.lookup('52.160.1.1');
    expect(quincy.insideAws).toBe(false);
    const trip = travel({ time: 0, facts: quincy }, { time: 60_000, facts: sanJose });
    expect(trip?.km).toBeGreaterThan(1000);
    expect(trip?.impossible).toBe(false);
  });
});
