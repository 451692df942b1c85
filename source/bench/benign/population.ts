/**
 * Who works in the benign trail's account: people (IAM users and Identity Center users) with
 * their homes, offices, phones and clients, drawn once from the seed. The count grows with the
 * trail's size, more slowly than the events (a bigger trail is mostly busier machines).
 */

import { ACCOUNT, type IamRole, type IamUser } from '../../demo/cast.js';
import type { Rng } from '../../demo/random.js';
import { HOMES, MOBILE, OFFICES, VPN, address, type Pool } from './places.js';
import { role } from './calls.js';

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface Person {
  name: string;
  country: 'US' | 'DE';
  /** An IAM user with a password, MFA and a long-term key; otherwise Identity Center. */
  user?: IamUser;
  /** Identity Center: the permission set's role; the session name is the e-mail address. */
  ssoRole?: IamRole;
  email: string;
  /** Hours of the working day in UTC: [start, end). */
  workHours: [number, number];
  home: Pool;
  /** The home's current address: the ISP renumbers it now and then. */
  homeIp: string;
  /** The home's IPv6 /64, when the ISP gives one (most calls then go over IPv6). */
  homeV6?: boolean;
  office?: Pool;
  officeIps: string[];
  /** Weekdays (1 = Monday) spent at the office; the rest at home. */
  officeDays: number[];
  mobile: Pool;
  vpn: Pool;
  /** Share of home days spent on the VPN. */
  vpnShare: number;
  browser: string;
  cli: string;
  /** Engineers use the CLI most days; others seldom. */
  engineer: boolean;
  /** Admins do IAM work now and then (onboarding, role changes) through ops-admin. */
  admin: boolean;
  /** Day (0-based) the user rotates their own key, if they do this month. */
  rotatesKeyOn?: number;
  /** A trip: days [from, to] spent at `place`, travelling on the first and back after the last. */
  trip?: { from: number; to: number; work: Pool; stay: Pool };
}

const FIRST = [
  'maria',
  'james',
  'anna',
  'david',
  'lena',
  'michael',
  'sofia',
  'daniel',
  'emma',
  'lukas',
  'olivia',
  'jonas',
  'chloe',
  'felix',
  'grace',
  'paul',
  'hannah',
  'ryan',
  'mia',
  'tobias',
  'laura',
  'kevin',
  'julia',
  'marcus',
  'sarah',
  'nils',
  'rachel',
  'stefan',
  'nina',
  'tyler',
];
const LAST = [
  'garcia',
  'chen',
  'schmidt',
  'miller',
  'weber',
  'johnson',
  'fischer',
  'nguyen',
  'wagner',
  'brown',
  'becker',
  'patel',
  'hoffmann',
  'kim',
  'schulz',
  'davis',
  'koch',
  'lopez',
  'richter',
  'walker',
  'wolf',
  'young',
  'klein',
  'hall',
  'neumann',
  'allen',
  'braun',
  'scott',
  'zimmermann',
];

export const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36 Edg/135.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:137.0) Gecko/20100101 Firefox/137.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36',
];
export const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Mobile/15E148 Safari/604.1';
const CLIS = [
  'aws-cli/2.25.6 md/awscrt#0.23.8 ua/2.1 os/macos#24.3.0 md/arch#arm64 lang/python#3.12.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off',
  'aws-cli/2.24.22 md/awscrt#0.23.8 ua/2.1 os/linux#6.8.0-57-generic md/arch#x86_64 lang/python#3.12.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off',
  'aws-cli/2.25.1 md/awscrt#0.23.8 ua/2.1 os/windows#11 md/arch#amd64 lang/python#3.12.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off',
  'Boto3/1.37.28 md/Botocore#1.37.28 ua/2.1 os/macos#24.3.0 md/arch#arm64 lang/python#3.13.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.37.28',
];

/** Identity Center permission sets, as the roles Identity Center creates in the account. */
const SSO_PATH = '/aws-reserved/sso.amazonaws.com/';
export const SSO_ROLES = {
  admin: role(
    'AWSReservedSSO_AdministratorAccess_5f2c9a1b7e3d4c60',
    'AROAS5SAD2M9XKEXAMPLE',
    SSO_PATH,
  ),
  power: role('AWSReservedSSO_PowerUserAccess_8d1e4b7a2c9f3e51', 'AROAS5SPW7Q3ZNEXAMPLE', SSO_PATH),
  readOnly: role(
    'AWSReservedSSO_ReadOnlyAccess_2b7f9e4c1a6d8035',
    'AROAS5SRO4H8TBEXAMPLE',
    SSO_PATH,
  ),
} as const;

/** Where people live, by country; the offices' cities come first (most live near work). */
const US_HOMES: Pool[] = [
  HOMES.newYork,
  HOMES.newYork,
  HOMES.newYork,
  HOMES.philadelphia,
  HOMES.boston,
  HOMES.seattle,
  HOMES.houston,
  HOMES.atlanta,
  HOMES.santaClara,
  HOMES.nashville,
];
const DE_HOMES: Pool[] = [
  HOMES.hamburg,
  HOMES.munich,
  HOMES.cologne,
  HOMES.leipzig,
  HOMES.dusseldorf,
  HOMES.heidelberg,
];
const US_MOBILE: Pool[] = [MOBILE.verizonWireless, MOBILE.verizonBoston, MOBILE.tMobile];
const DE_MOBILE: Pool[] = [MOBILE.telefonica, MOBILE.telefonicaHamburg, MOBILE.telekomMobile];

function iamUser(rng: Rng, name: string): IamUser {
  return {
    name,
    principalId: `AIDA${rng.chars(KEY_CHARS, 10)}EXAMPLE`,
    accessKeyId: `AKIA${rng.chars(KEY_CHARS, 9)}EXAMPLE`,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  };
}

/** How many people a trail of `events` events has: 24 at 100k, about 76 at 1M. */
export function peopleCount(events: number): number {
  return Math.max(6, Math.min(150, Math.round(24 * Math.sqrt(events / 100_000))));
}

export function people(rng: Rng, count: number, days: number): Person[] {
  const out: Person[] = [];
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    let name = `${rng.pick(FIRST)}.${rng.pick(LAST)}`;
    while (names.has(name)) name = `${rng.pick(FIRST)}.${rng.pick(LAST)}${rng.int(2, 9)}`;
    names.add(name);
    // Two thirds in the United States, a third in Germany: one company, two offices.
    const us = i % 3 !== 2;
    const home = rng.pick(us ? US_HOMES : DE_HOMES);
    // Those who live in an office's city go in; the rest are remote, or commute from afar.
    const nearOffice = home === HOMES.newYork || home === HOMES.hamburg;
    const commutes = home === HOMES.philadelphia || home === HOMES.boston || home === HOMES.leipzig;
    const office = us ? OFFICES.newYork : OFFICES.berlin;
    const hasOffice = nearOffice || commutes || (!us && rng.chance(0.3));
    const sso = rng.chance(0.4);
    const engineer = rng.chance(0.7);
    const person: Person = {
      name,
      country: us ? 'US' : 'DE',
      ...(sso
        ? {
            ssoRole: engineer
              ? rng.chance(0.3)
                ? SSO_ROLES.admin
                : SSO_ROLES.power
              : SSO_ROLES.readOnly,
          }
        : { user: iamUser(rng, name) }),
      email: `${name}@example.com`,
      workHours: us
        ? home === HOMES.seattle || home === HOMES.santaClara
          ? [16, 25]
          : [13, 22]
        : [7, 16],
      home,
      homeIp: address(rng, home),
      ...(home.v6 && rng.chance(0.7) ? { homeV6: true } : {}),
      ...(hasOffice ? { office } : {}),
      officeIps: [`${office.v4[0]}.10`, `${office.v4[0]}.11`],
      officeDays: hasOffice ? (commutes ? [2, 4] : [1, 2, 3, 4]) : [],
      mobile: rng.pick(us ? US_MOBILE : DE_MOBILE),
      vpn: us ? VPN.us : VPN.de,
      vpnShare: rng.chance(0.4) ? rng.int(10, 50) / 100 : 0,
      browser: rng.pick(BROWSERS),
      cli: rng.pick(CLIS),
      engineer,
      admin: engineer && !sso && rng.chance(0.25),
    };
    if (person.user && rng.chance(0.3)) person.rotatesKeyOn = rng.int(1, days - 4);
    // About one in six travels: to the other office for a few days, or to a conference.
    if (rng.chance(0.18)) {
      const from = rng.int(2, days - 7);
      const abroad = rng.chance(0.5);
      const work = abroad ? (us ? OFFICES.berlin : OFFICES.newYork) : HOMES.santaClara;
      const stay = abroad ? (us ? MOBILE.telekomMobile : MOBILE.verizonWireless) : HOMES.santaClara;
      person.trip = { from, to: from + rng.int(2, 5), work, stay };
    }
    out.push(person);
  }
  return out;
}
