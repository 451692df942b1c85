/**
 * Where the benign trail's calls come from: real networks, picked from the bundled offline data
 * (`@ip-location-db/asn` for the AS, DB-IP city lite for the place), so the geo lookups give the
 * cities and AS organisations a real trail would. Each pool is a few /24s of one network in one
 * city (what `look up` said when they were picked, checked by the test), and a /48 for IPv6
 * where the network hands them out. The demo's documentation ranges would geolocate nowhere and
 * so exercise nothing of the rules that judge places.
 */

import type { Rng } from '../../demo/random.js';

export interface Pool {
  /** What the data says the pool is, for the test that guards the picks. */
  readonly asn: number;
  readonly country: string;
  readonly city: string;
  /** IPv4 /24 networks, as their first three octets. */
  readonly v4: readonly string[];
  /** IPv6 /48 networks (three hextets), for dual-stack homes and phones. */
  readonly v6?: readonly string[];
}

function pool(asn: number, country: string, city: string, v4: string[], v6?: string[]): Pool {
  return { asn, country, city, v4, ...(v6 ? { v6 } : {}) };
}

/** Residential broadband (home), by city. */
export const HOMES = {
  // Comcast (AS7922) and Verizon Fios (AS701) in the United States.
  newYork: pool(7922, 'US', 'New York', ['48.44.1', '48.44.4', '48.44.34'], ['2601:41:8000']),
  philadelphia: pool(
    7922,
    'US',
    'Philadelphia',
    ['24.104.67', '50.144.125', '50.148.196'],
    ['2601:41:8000'],
  ),
  seattle: pool(7922, 'US', 'Seattle', ['24.124.128', '50.147.204', '50.147.211']),
  houston: pool(7922, 'US', 'Houston', ['50.149.194', '50.152.75', '50.152.82'], ['2601:2c3:c000']),
  atlanta: pool(7922, 'US', 'Atlanta', ['24.30.0', '24.30.16', '24.30.48']),
  santaClara: pool(
    7922,
    'US',
    'Santa Clara',
    ['50.145.3', '50.145.5', '50.145.6'],
    ['2601:645:8100'],
  ),
  nashville: pool(7922, 'US', 'Nashville', ['50.144.80', '50.144.84', '50.144.94']),
  boston: pool(701, 'US', 'Boston', ['23.29.96', '23.29.110', '63.0.0']),
  // Deutsche Telekom (AS3320) and Vodafone (AS3209) in Germany.
  hamburg: pool(3320, 'DE', 'Hamburg', ['31.56.72', '31.56.76', '31.56.90'], ['2003:e2:d700']),
  munich: pool(3320, 'DE', 'Munich', ['193.30.192', '193.30.196', '193.30.200']),
  cologne: pool(3320, 'DE', 'Cologne', ['194.39.48', '194.39.50', '194.39.52'], ['2003:c1:4f00']),
  leipzig: pool(3320, 'DE', 'Leipzig', ['2.160.0', '80.158.86', '80.158.87']),
  dusseldorf: pool(3209, 'DE', 'Dusseldorf', ['91.243.74', '91.243.75', '193.25.247']),
  heidelberg: pool(3209, 'DE', 'Heidelberg', ['5.158.128', '5.158.136', '5.158.144']),
} as const;

/** The company's offices: fixed NAT egress, two addresses each. */
export const OFFICES = {
  newYork: pool(701, 'US', 'New York', ['63.23.78']),
  berlin: pool(3320, 'DE', 'Berlin', ['31.59.224']),
} as const;

/** Mobile carriers: carrier-grade NAT, a different address almost every time. */
export const MOBILE = {
  verizonWireless: pool(
    6167,
    'US',
    'New York',
    ['72.97.144', '72.108.75', '72.108.84'],
    ['2600:1000:b000'],
  ),
  verizonBoston: pool(6167, 'US', 'Boston', ['63.115.193', '75.210.0', '75.210.44']),
  tMobile: pool(21928, 'US', 'Philadelphia', ['66.94.0', '66.94.4', '66.94.8']),
  telefonica: pool(6805, 'DE', 'Munich', ['2.208.0', '2.240.0', '5.4.0']),
  telefonicaHamburg: pool(6805, 'DE', 'Hamburg', ['62.109.104', '85.176.0', '193.23.8']),
  telekomMobile: pool(3320, 'DE', 'Bonn', ['46.78.0', '80.187.32', '88.128.0'], ['2a01:598:a000']),
} as const;

/** The corporate VPN's egress: hosting providers, as most small companies run it. */
export const VPN = {
  us: pool(14061, 'US', 'North Bergen', ['24.144.64']),
  de: pool(24940, 'DE', 'Nuremberg', ['5.75.144']),
} as const;

/** GitHub-hosted runners: Azure (AS8075) in several regions, a fresh address per job. */
export const RUNNERS: readonly Pool[] = [
  pool(8075, 'US', 'Washington', ['20.42.10', '40.76.4']),
  pool(8075, 'US', 'Des Moines', ['52.165.3']),
  pool(8075, 'US', 'Chicago', ['20.51.4']),
  pool(8075, 'US', 'San Jose', ['13.91.0', '52.157.3']),
  pool(8075, 'US', 'Quincy', ['13.104.10', '13.104.20']),
  pool(8075, 'NL', 'Amsterdam', ['20.61.4', '4.175.3']),
];

/** Public AWS addresses (NAT gateways, Lambda outside a VPC, SaaS tools on EC2) by region. */
export const AWS_PUBLIC = {
  'us-east-1': pool(16509, 'US', 'Ashburn', ['54.85.10', '52.3.20']),
  'eu-west-1': pool(16509, 'IE', 'Dublin', ['34.245.10', '52.31.20']),
  'ap-southeast-2': pool(16509, 'AU', 'Sydney', ['13.54.10', '3.104.20']),
} as const;

/** The planted intruder's residential ISP: a country nobody in the company works from. */
export const INTRUDER = pool(45899, 'VN', 'Hanoi', ['113.160.1']);

/** One address of a pool: a /24 of it, a host number that is neither network nor broadcast. */
export function address(rng: Rng, from: Pool): string {
  return `${rng.pick(from.v4)}.${rng.int(2, 254)}`;
}

/** One IPv6 address of a pool's /48: a /64 subnet and an interface id, as SLAAC would. */
export function address6(rng: Rng, from: Pool): string | undefined {
  if (!from.v6) return undefined;
  const hextet = (): string => rng.int(1, 0xffff).toString(16);
  return `${rng.pick(from.v6)}:${hextet()}:${hextet()}:${hextet()}:${hextet()}:${hextet()}`;
}

/** A private VPC address in the 10.0.0.0/16 of the given subnet. */
export function vpcAddress(rng: Rng, subnet: number): string {
  return `10.0.${subnet}.${rng.int(4, 250)}`;
}
