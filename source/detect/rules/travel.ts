import { inDataCentre, travel, type IpFacts } from '../../geo/index.js';
import type { Baseline } from '../baseline/types.js';
import type { DetectionContext } from '../context.js';
import { sensitiveRow } from '../sensitive.js';
import type { BuiltinRule, RuleHit } from '../rule.js';
import { duration } from './clusters.js';

/**
 * Impossible travel, as the best rules do it (Panther's impossible_travel_login, GuardDuty's
 * multi-location login for human identities): a person seen at a place they are established at,
 * then minutes later somewhere new and far. Everything else that looks like a flight is not:
 *  - a person's two usual places alternating (home and office in two cities, a VPN) are both
 *    established, so never a trip, however often they alternate;
 *  - a machine's address (a cloud, hosting or relay network: an EC2 instance in another region,
 *    CloudShell, a CI runner, Private Relay) is not where anyone is;
 *  - a role session of a machine is not a person;
 *  - city-level GeoIP is off by hundreds of kilometres (`locationSlackKm` is written off first),
 *    and a new city on a network the person is established on is the provider's geolocation
 *    moving, not the person;
 *  - before the person has a history nothing is "established" or "new": no finding.
 */

/** Identity types that are people, or long-term keys a person holds. */
const HUMAN_TYPES = new Set(['IAMUser', 'Root', 'IdentityCenterUser', 'FederatedUser']);
/** Sensitive actions from the new place this long after arriving count against the trip. */
const AFTER_MS = 24 * 3_600_000;
const SENSITIVE_SHOWN = 20;

/** "New York, US" or "US" or the address: for summaries. */
function placeName(facts: IpFacts): string {
  return facts.city ? `${facts.city} (${facts.country ?? '?'})` : facts.country || facts.ip;
}

/** Whether the row's place was part of the actor's normal before the row. */
function established(baseline: Baseline, row: number): boolean {
  return (
    baseline.standing(row, 'city') === 'established' ||
    baseline.standing(row, 'network') === 'established' ||
    baseline.standing(row, 'address') === 'established'
  );
}

/**
 * Whether the row is the actor's first sighting of a place new against a real history: a new
 * city, not on a network (nor at an address) the actor is established on, and not just the
 * geolocation of an established provider moving within an established country.
 */
function newPlace(baseline: Baseline, row: number): boolean {
  if (baseline.standing(row, 'city') !== 'new') return false;
  if (baseline.standing(row, 'network') === 'established') return false;
  if (baseline.standing(row, 'address') === 'established') return false;
  return !(
    baseline.standing(row, 'asn') === 'established' &&
    baseline.standing(row, 'country') === 'established'
  );
}

/** Rows of the actor (oldest first) whose sources are people, not machines. */
function peopleRows(context: DetectionContext): Uint32Array {
  const types = context.valueTable('identityType', (type) => HUMAN_TYPES.has(type));
  // Identity Center sign-ins land in AWSReservedSSO_ roles: each session is a person.
  const sso = context.valueTable('principal', (name) => name.startsWith('AWSReservedSSO_'));
  const typeColumn = context.index.column('identityType');
  const principalColumn = context.index.column('principal');
  const out = new Uint32Array(context.order.length);
  let count = 0;
  for (let i = 0; i < context.order.length; i++) {
    const row = context.order[i]!;
    if (types[typeColumn[row]!] === 1 || sso[principalColumn[row]!] === 1) out[count++] = row;
  }
  return out.slice(0, count);
}

export const impossibleTravel: BuiltinRule = {
  id: 'impossible-travel',
  title: 'Impossible travel',
  severity: 'medium',
  techniques: ['T1078.004'],
  why: 'No flight joins two cities that fast: two people are using the same identity.',
  learns:
    'the cities, networks and addresses each person is established at (seen on two days or more)',
  highWhen:
    'from an established place to a new far one, in a country the person is not established in, faster than a plane, and a sensitive action from there',
  needsFacts: false,
  run(context) {
    const located = context.rowsWhere(
      'sourceIp',
      (ip) => {
        const facts = context.ip(ip);
        return facts.kind === 'public' && !inDataCentre(facts) && Boolean(facts.city);
      },
      peopleRows(context),
    );
    if (located.length === 0) return [];
    const baseline = context.baseline();
    const ips = context.index.column('sourceIp');
    const hits: RuleHit[] = [];
    for (const rows of context.groupByActor(located).values()) {
      let home = -1;
      // A new city stays "new" for a while after arriving: one finding per arrival, not per call.
      const reported = new Set<string>();
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        if (home >= 0 && ips[row] !== ips[home] && newPlace(baseline, row)) {
          const city = baseline.valueOf(row, 'city');
          if (reported.has(city)) continue;
          const from = context.ipOf(home);
          const to = context.ipOf(row);
          const trip = travel(
            { time: context.time(home), facts: from },
            { time: context.time(row), facts: to },
          );
          if (trip?.impossible) {
            reported.add(city);
            hits.push(tripHit(context, baseline, rows, i, home, trip.km));
          }
        }
        if (established(baseline, row)) home = row;
      }
    }
    return hits;
  },
};

/** The finding for a trip from `home` to `rows[at]`, with what was done from the new place. */
function tripHit(
  context: DetectionContext,
  baseline: Baseline,
  rows: number[],
  at: number,
  home: number,
  km: number,
): RuleHit {
  const arrival = rows[at]!;
  const ip = context.id(arrival, 'sourceIp');
  const until = context.time(arrival) + AFTER_MS;
  const sensitive: number[] = [];
  const kinds = new Set<string>();
  for (let i = at; i < rows.length && context.time(rows[i]!) <= until; i++) {
    const row = rows[i]!;
    if (context.id(row, 'sourceIp') !== ip) continue;
    const kind = sensitiveRow(context, row);
    if (!kind) continue;
    kinds.add(context.operation(row));
    if (sensitive.length < SENSITIVE_SHOWN && row !== arrival) sensitive.push(row);
  }
  if (sensitiveRow(context, arrival)) kinds.add(context.operation(arrival));
  const from = context.ipOf(home);
  const to = context.ipOf(arrival);
  // Within a country the person is established in, a city is only as good as the provider's
  // geolocation: a phone's carrier-grade NAT or a national ISP's IPv6 pool sits at a hub
  // hundreds or thousands of kilometres from the person. Such a trip is worth a look, never high.
  const domestic = baseline.standing(arrival, 'country') === 'established';
  const then =
    kinds.size > 0
      ? `; then ${[...kinds].slice(0, 3).join(', ')}${kinds.size > 3 ? ` (+${kinds.size - 3} more)` : ''} from there`
      : '; nothing sensitive from there';
  return {
    principal: context.actor(arrival),
    rows: [home, arrival, ...sensitive],
    severity: kinds.size > 0 && !domestic ? 'high' : 'medium',
    summary: `${placeName(from)} → ${placeName(to)}: ${Math.round(km).toLocaleString('en-US')} km in ${duration(context.time(arrival) - context.time(home))}, from an established place to a new one (${to.ip})${domestic ? ' in a country they are established in' : ''}${then}`,
  };
}
