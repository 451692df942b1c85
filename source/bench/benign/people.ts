/**
 * A person's working day: where they are (office, home, VPN, a phone in the evening, a trip),
 * a console session signed in with MFA (or federated through Identity Center), CLI work with
 * their key or their permission set, an admin's IAM changes through ops-admin, a key rotated by
 * its owner, and the odd AccessDenied. Nothing here is shaped by what the rules look for.
 */

import { OPS_ADMIN_ROLE, type Region } from '../../demo/cast.js';
import { browse, reads } from '../../demo/catalog.js';
import { consoleSession, longTermKey, roleSession } from '../../demo/identity.js';
import { accessDenied, type Actor, type Call, type Trail } from '../../demo/record.js';
import { listBuckets, listObjects } from '../../demo/s3.js';
import { assumeRole, consoleLogin } from '../../demo/sessions.js';
import { HOUR, MINUTE, SECOND } from '../../demo/time.js';
import {
  createAccessKey,
  deleteAccessKey,
  federatedConsoleLogin,
  getObjectPlain,
  updateAccessKey,
} from './calls.js';
import { adminChange } from './admin-work.js';
import { OFFICES, address, address6, type Pool } from './places.js';
import { PHONE, type Person } from './population.js';

export interface TrailDay {
  /** 0-based day of the trail. */
  index: number;
  /** Epoch ms of the day's 00:00 UTC. */
  start: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** What changes about a person from day to day. */
export interface PersonState {
  key?: string;
  /** A key made inactive by a rotation, deleted a few days later. */
  retiring?: { key: string; deleteOn: number };
  home6?: string;
}

const REGIONS: Region[] = ['us-east-1', 'us-east-1', 'eu-west-1', 'ap-southeast-2'];
const TEAM_BUCKETS = ['acme-analytics-exports', 'acme-app-assets', 'acme-team-shared'];

interface Where {
  /** The address of most of the day's calls, and optionally an IPv6 one used alongside. */
  ip: string;
  ip6?: string;
  /** Working hours in UTC for where the person is. */
  hours: [number, number];
}

function officeIp(trail: Trail, person: Person, office: Pool): string {
  if (office === person.office) return trail.rng.pick(person.officeIps);
  return `${office.v4[0]}.${trail.rng.pick([10, 11])}`;
}

function tripHours(person: Person, work: Pool): [number, number] {
  if (work.country === person.country)
    return work.city === 'Santa Clara' ? [16, 25] : person.workHours;
  return work.country === 'DE' ? [7, 16] : [13, 22];
}

/** Where the person works from today, or undefined on a day off (and travel days, handled apart). */
function whereToday(trail: Trail, person: Person, state: PersonState, day: TrailDay): Where {
  const { rng } = trail;
  const trip = person.trip;
  if (trip && day.index > trip.from && day.index <= trip.to) {
    const isOffice = trip.work === OFFICES.berlin || trip.work === OFFICES.newYork;
    return {
      ip: isOffice ? officeIp(trail, person, trip.work) : address(rng, trip.work),
      hours: tripHours(person, trip.work),
    };
  }
  if (person.office && person.officeDays.includes(day.weekday))
    return { ip: officeIp(trail, person, person.office), hours: person.workHours };
  if (rng.chance(person.vpnShare))
    return { ip: `${person.vpn.v4[0]}.${rng.pick([21, 22, 23])}`, hours: person.workHours };
  // Residential addresses are renumbered now and then (a modem restart, a lease expiring).
  if (rng.chance(0.04)) person.homeIp = address(rng, person.home);
  if (person.homeV6 && (!state.home6 || rng.chance(0.03))) state.home6 = address6(rng, person.home);
  return {
    ip: person.homeIp,
    ...(person.homeV6 && state.home6 ? { ip6: v6Today(trail, state.home6) } : {}),
    hours: person.workHours,
  };
}

/** Privacy extensions: the /64 stays, the interface id changes every day. */
function v6Today(trail: Trail, address: string): string {
  const prefix = address.split(':').slice(0, 4).join(':');
  const hextet = (): string => trail.rng.int(1, 0xffff).toString(16);
  return `${prefix}:${hextet()}:${hextet()}:${hextet()}:${hextet()}`;
}

function pickIp(trail: Trail, where: Where): string {
  return where.ip6 && trail.rng.chance(0.6) ? where.ip6 : where.ip;
}

function at(day: TrailDay, hour: number, minute = 0): number {
  return day.start + hour * HOUR + minute * MINUTE;
}

/** An occasional call the person's policy does not allow. */
function maybeDenied(trail: Trail, arn: string, call: Call, chance: number): Call {
  if (!trail.rng.chance(chance)) return call;
  const action = `${call.service}:${call.name.replace(/\d{8}(v\d)?$/, '')}`;
  return { ...call, error: accessDenied(arn, action, '*') };
}

function consoleWork(
  trail: Trail,
  person: Person,
  day: TrailDay,
  where: Where,
  agent = person.browser,
): void {
  const { rng } = trail;
  const [from, to] = where.hours;
  const login = at(day, from, rng.int(0, 90));
  const ip = pickIp(trail, where);
  let session: Actor;
  if (person.user) {
    consoleLogin(trail, login, { user: person.user, ip, userAgent: agent, mfa: true });
    session = {
      identity: consoleSession(person.user, rng.sessionKeyId(), login, true),
      ip,
      userAgent: agent,
      fromConsole: true,
    };
  } else {
    const identity = roleSession(person.ssoRole!, person.email, rng.sessionKeyId(), login);
    federatedConsoleLogin(trail, login, identity, ip, agent);
    session = { identity, ip, userAgent: agent, fromConsole: true };
  }
  const arn = String(session.identity.arn);
  let time = login + rng.int(1, 10) * MINUTE;
  const end = at(day, to);
  for (let round = rng.int(2, 6); round > 0 && time < end; round--) {
    const region = rng.pick(REGIONS);
    const calls = browse(rng, region, rng.int(3, 12)).map((c) => maybeDenied(trail, arn, c, 0.01));
    if (rng.chance(0.4)) {
      const bucket = rng.pick(TEAM_BUCKETS);
      calls.push(
        listBuckets(rng),
        listObjects(rng, bucket),
        getObjectPlain(bucket, `reports/${rng.hex(8)}.csv`, 'us-east-1'),
      );
    }
    time = trail.burst(time, { ...session, ip: pickIp(trail, where) }, calls, [2, 50]);
    time += rng.int(20, 120) * MINUTE;
  }
}

function cliActor(
  trail: Trail,
  person: Person,
  state: PersonState,
  day: TrailDay,
  ip: string,
): Actor {
  if (person.user) {
    const identity = {
      ...longTermKey(person.user),
      accessKeyId: state.key ?? person.user.accessKeyId,
    };
    return { identity, ip, userAgent: person.cli };
  }
  const created = day.start + person.workHours[0] * HOUR;
  return {
    identity: roleSession(person.ssoRole!, person.email, trail.rng.sessionKeyId(), created),
    ip,
    userAgent: person.cli,
  };
}

function cliCalls(trail: Trail, person: Person): Call[] {
  const { rng } = trail;
  const region = rng.pick(REGIONS);
  const calls: Call[] = [];
  if (rng.chance(0.3)) calls.push(reads.getCallerIdentity());
  calls.push(...browse(rng, region, rng.int(3, 15)));
  if (rng.chance(0.5)) {
    const bucket = rng.pick(TEAM_BUCKETS);
    calls.push(listObjects(rng, bucket, 'data/'));
    for (let i = rng.int(1, 6); i > 0; i--)
      calls.push(getObjectPlain(bucket, `data/${rng.hex(10)}.parquet`, 'us-east-1'));
  }
  if (rng.chance(0.2))
    calls.push(reads.getFunction(region, rng.pick(['orders-api', 'thumbnailer', 'billing-sync'])));
  if (person.admin && rng.chance(0.3)) calls.push(reads.listRoles(), reads.listPolicies());
  return calls;
}

function cliWork(
  trail: Trail,
  person: Person,
  state: PersonState,
  day: TrailDay,
  where: Where,
): void {
  const { rng } = trail;
  const [from, to] = where.hours;
  let time = at(day, from, rng.int(20, 180));
  for (let bursts = rng.int(1, 5); bursts > 0 && time < at(day, to); bursts--) {
    const actor = cliActor(trail, person, state, day, pickIp(trail, where));
    const arn = String(actor.identity.arn);
    const calls = cliCalls(trail, person).map((c) => maybeDenied(trail, arn, c, 0.02));
    time = trail.burst(time, actor, calls, [0, 4]) + rng.int(30, 150) * MINUTE;
  }
  if (person.admin && rng.chance(0.12)) {
    // Admin changes go through ops-admin, which demands MFA, from the CLI.
    const caller = cliActor(trail, person, state, day, where.ip);
    const assumedAt = at(day, from + 2, rng.int(0, 120));
    const creds = assumeRole(trail, assumedAt, caller, OPS_ADMIN_ROLE, person.name, {
      serialNumber: `arn:aws:iam::111122223333:mfa/${person.name}`,
    });
    const admin: Actor = {
      identity: roleSession(OPS_ADMIN_ROLE, person.name, creds.accessKeyId, assumedAt, {
        mfa: true,
      }),
      ip: where.ip,
      userAgent: person.cli,
    };
    trail.burst(assumedAt + 20 * SECOND, admin, adminChange(trail.rng, assumedAt), [2, 20]);
  }
  rotateKey(trail, person, state, day, where);
}

/** The user rotates their own key: a new one, the old one disabled, then deleted days later. */
function rotateKey(
  trail: Trail,
  person: Person,
  state: PersonState,
  day: TrailDay,
  where: Where,
): void {
  const user = person.user;
  if (!user) return;
  const { rng } = trail;
  if (state.retiring && state.retiring.deleteOn <= day.index) {
    trail.add(
      at(day, where.hours[0] + 1, rng.int(0, 50)),
      cliActor(trail, person, state, day, where.ip),
      deleteAccessKey(user.name, state.retiring.key),
    );
    delete state.retiring;
  }
  if (person.rotatesKeyOn !== day.index) return;
  const old = state.key ?? user.accessKeyId;
  const time = at(day, where.hours[0] + 3, rng.int(0, 50));
  const caller = cliActor(trail, person, state, day, where.ip);
  const [create, key] = createAccessKey(rng, user.name, time);
  trail.burst(time, caller, [reads.listAccessKeys(user.name), create], [3, 20]);
  state.key = key;
  const after = cliActor(trail, person, state, day, where.ip);
  trail.burst(time + rng.int(5, 40) * MINUTE, after, [
    reads.getCallerIdentity(),
    updateAccessKey(user.name, old, 'Inactive'),
  ]);
  state.retiring = { key: old, deleteOn: day.index + rng.int(2, 6) };
}

/** A look at the phone in the evening: sign in, a couple of pages, gone. */
function phoneCheck(trail: Trail, person: Person, day: TrailDay, hours: [number, number]): void {
  const { rng } = trail;
  // Away, the phone is on the hotel's or a local network.
  const trip = person.trip;
  const away = trip && day.index > trip.from && day.index <= trip.to;
  const network = away ? trip.stay : person.mobile;
  const ip = rng.chance(0.5) && network.v6 ? address6(rng, network)! : address(rng, network);
  consoleWork(trail, person, day, { ip, hours: [hours[1] + 1, hours[1] + 4] }, PHONE);
}

/** A flight: the morning at one end, nothing in the air, the evening at the other. */
function travelDay(
  trail: Trail,
  person: Person,
  state: PersonState,
  day: TrailDay,
  fromIp: string,
  toIp: string,
  outbound: boolean,
): void {
  const { rng } = trail;
  const abroad = person.trip?.stay.country !== person.country;
  const departHour = outbound ? person.workHours[0] + 1 : person.country === 'US' ? 9 : 15;
  const flight = abroad ? 9 + rng.int(0, 2) : 6;
  trail.burst(
    at(day, departHour - 1, rng.int(0, 30)),
    cliActor(trail, person, state, day, fromIp),
    [reads.getCallerIdentity(), ...browse(rng, 'us-east-1', 3)],
  );
  const landed = departHour + flight + 1;
  consoleWork(trail, person, day, { ip: toIp, hours: [landed, landed + 2] });
}

export function personDay(trail: Trail, person: Person, state: PersonState, day: TrailDay): void {
  const { rng } = trail;
  const trip = person.trip;
  if (trip && day.index === trip.from) {
    travelDay(trail, person, state, day, person.homeIp, address(rng, trip.stay), true);
    return;
  }
  if (trip && day.index === trip.to + 1) {
    travelDay(trail, person, state, day, address(rng, trip.stay), person.homeIp, false);
    return;
  }
  const weekend = day.weekday === 0 || day.weekday === 6;
  if (weekend && !rng.chance(0.12)) return;
  if (!weekend && rng.chance(0.05)) return; // a day off
  const where = whereToday(trail, person, state, day);
  if (weekend) {
    phoneCheck(trail, person, day, where.hours);
    return;
  }
  if (rng.chance(person.engineer ? 0.65 : 0.95)) consoleWork(trail, person, day, where);
  if (person.engineer && rng.chance(0.8)) cliWork(trail, person, state, day, where);
  else rotateKey(trail, person, state, day, where);
  if (rng.chance(0.1)) phoneCheck(trail, person, day, where.hours);
}
