import { travel, type IpFacts } from '../../geo/index.js';
import type { DetectionContext } from '../context.js';
import type { Severity } from '../finding.js';
import { eventRule, plural, type BuiltinRule, type RuleHit } from '../rule.js';
import { duration, runsOf } from './clusters.js';
import { hoursOf } from './hours.js';
import { roleOf, workloadRoles } from './workload-roles.js';

/** Compromised IAM credentials: the guide's first pattern, and the seed story's. */

const FAILED_LOGINS_MIN = 5;
const FAILED_LOGIN_GAP_MS = 10 * 60_000;
const KEY_IPS_MIN = 3;
const DAY_MS = 86_400_000;

/** "NG, Lagos; AS29465 MTN", or '' when the data knows nothing of the address. */
export function place(facts: IpFacts): string {
  const where = [facts.country, facts.city].filter(Boolean).join(', ');
  const network = facts.asn ? `AS${facts.asn}${facts.asOrg ? ` ${facts.asOrg}` : ''}` : '';
  return [where, network].filter(Boolean).join('; ');
}

const HUMAN_TYPES = new Set(['IAMUser', 'Root', 'IdentityCenterUser', 'FederatedUser']);

/** Two time-ordered row lists as one. */
function mergeRows(context: DetectionContext, a: Uint32Array, b: Uint32Array): Uint32Array {
  return Uint32Array.from([...a, ...b]).sort((x, y) => context.time(x) - context.time(y) || x - y);
}

function outsideAws(facts: IpFacts): boolean {
  return facts.kind === 'public' && !facts.insideAws;
}

function succeeded(context: DetectionContext, row: number): boolean {
  const outcome = context.facts(row)?.outcome;
  return outcome ? outcome === 'Success' : context.value(row, 'error') === '';
}

export const CREDENTIAL_RULES: BuiltinRule[] = [
  eventRule({
    id: 'console-login-without-mfa',
    title: 'Console login without MFA',
    severity: 'medium',
    techniques: ['T1078.004'],
    why: 'A password alone let someone in; if it leaked, nothing else stood in the way.',
    operations: ['ConsoleLogin'],
    needsFacts: true,
    describe: (context, row) => {
      const facts = context.facts(row);
      const type = context.value(row, 'identityType');
      if (facts?.mfa !== 'no' || !succeeded(context, row)) return undefined;
      if (type !== 'IAMUser' && type !== 'Root') return undefined;
      return `signed in without MFA from ${context.value(row, 'sourceIp') || 'an unknown address'}`;
    },
  }),
  {
    id: 'console-login-failures',
    title: 'Repeated failed console logins',
    severity: 'medium',
    techniques: ['T1110'],
    why: 'Several failed passwords in minutes is guessing or a credential-stuffing list.',
    needsFacts: true,
    run(context) {
      const failed = context.rowsOf(['ConsoleLogin']).filter((row) => !succeeded(context, row));
      const hits: RuleHit[] = [];
      for (const group of context.groupByActor(failed).values()) {
        for (const run of runsOf(context, group, FAILED_LOGIN_GAP_MS)) {
          if (run.length < FAILED_LOGINS_MIN) continue;
          const span = context.time(run[run.length - 1]!) - context.time(run[0]!);
          hits.push({
            principal: context.actor(run[0]!),
            rows: run,
            summary: `${plural(run.length, 'failed login')} in ${duration(span)}`,
          });
        }
      }
      return hits;
    },
  },
  {
    id: 'access-key-multiple-ips',
    title: 'One long-term access key used from several places',
    severity: 'medium',
    techniques: ['T1078.004'],
    why: 'A user key normally lives on one laptop or server; several public addresses suggest copies.',
    needsFacts: false,
    run(context) {
      const keyRows = context.rowsWhere('accessKeyId', (key) => key.startsWith('AKIA'));
      const hits: RuleHit[] = [];
      for (const rows of context.groupBy(keyRows, 'accessKeyId').values()) {
        const ips = new Map<number, number>();
        for (const row of rows) {
          const ip = context.id(row, 'sourceIp');
          if (!ips.has(ip)) ips.set(ip, row);
        }
        const outside = [...ips.values()].filter((row) => outsideAws(context.ipOf(row)));
        const countries = new Set(outside.map((row) => context.ipOf(row).country).filter(Boolean));
        if (outside.length < KEY_IPS_MIN && countries.size < 2) continue;
        const shown = outside.slice(0, 4).map((row) => context.value(row, 'sourceIp'));
        hits.push({
          principal: context.value(rows[0]!, 'principal'),
          rows: outside,
          severity: countries.size >= 2 ? 'high' : 'medium',
          summary: `key ${context.value(rows[0]!, 'accessKeyId')} used from ${plural(outside.length, 'address', 'addresses')}${countries.size > 1 ? ` in ${countries.size} countries` : ''}: ${shown.join(', ')}${outside.length > 4 ? ', …' : ''}`,
        });
      }
      return hits;
    },
  },
  {
    id: 'unusual-hours',
    title: 'Activity at hours unusual for this principal',
    severity: 'low',
    techniques: ['T1078.004'],
    why: 'People keep their hours; a burst at 3 a.m. from a 9-to-5 user is worth a look.',
    needsFacts: false,
    run(context) {
      const humans = context.rowsWhere(
        'identityType',
        (type) => type === 'IAMUser' || type === 'Root',
      );
      const hits: RuleHit[] = [];
      for (const rows of context.groupByActor(humans).values()) {
        // Each day is judged against the principal's other days, so an attack day does not
        // make its own hours look usual.
        const byDay = new Map<number, number[]>();
        for (const row of rows) {
          const day = Math.floor(context.time(row) / DAY_MS);
          let list = byDay.get(day);
          if (!list) byDay.set(day, (list = []));
          list.push(row);
        }
        if (byDay.size < 4) continue;
        for (const [day, dayRows] of byDay) {
          const others = rows.filter((row) => Math.floor(context.time(row) / DAY_MS) !== day);
          const usual = hoursOf(context, others);
          if (!usual) continue;
          const odd = dayRows.filter(
            (row) => !usual.has(new Date(context.time(row)).getUTCHours()),
          );
          if (odd.length === 0) continue;
          hits.push({
            principal: context.actor(odd[0]!),
            rows: odd,
            summary: `${plural(odd.length, 'event')} at ${new Date(context.time(odd[0]!)).toISOString().slice(11, 16)} UTC; usual hours ${usual.describe()}`,
          });
        }
      }
      return hits;
    },
  },
  {
    id: 'impossible-travel',
    title: 'Impossible travel',
    severity: 'high',
    techniques: ['T1078.004'],
    why: 'No flight joins two cities that fast: two people are using the same identity.',
    needsFacts: false,
    run(context) {
      // People travel; machines and their role sessions sit in regions and NATs. Sign-ins through
      // Identity Center land in AWSReservedSSO_ roles, which are people too.
      const people = context.rowsWhere('principal', (name) => name.startsWith('AWSReservedSSO_'));
      const humans = context.rowsWhere('identityType', (type) => HUMAN_TYPES.has(type));
      const candidates = people.length > 0 ? mergeRows(context, humans, people) : humans;
      const located = context.rowsWhere(
        'sourceIp',
        (ip) => {
          const facts = context.ip(ip);
          return outsideAws(facts) && facts.city !== undefined && facts.city !== '';
        },
        candidates,
      );
      const ips = context.index.column('sourceIp');
      const hits: RuleHit[] = [];
      for (const rows of context.groupByActor(located).values()) {
        let previous = rows[0]!;
        for (const row of rows) {
          if (ips[row] === ips[previous]) {
            previous = row;
            continue;
          }
          const a = context.ipOf(previous);
          const b = context.ipOf(row);
          const trip = travel(
            { time: context.time(previous), facts: a },
            { time: context.time(row), facts: b },
          );
          if (trip?.impossible) {
            hits.push({
              principal: context.actor(row),
              rows: [previous, row],
              summary: `${a.city} (${a.country}) → ${b.city} (${b.country}): ${Math.round(trip.km).toLocaleString('en-US')} km in ${duration(context.time(row) - context.time(previous))}`,
            });
          }
          previous = row;
        }
      }
      return hits;
    },
  },
  {
    id: 'instance-credentials-outside-aws',
    title: 'Instance or function credentials used from outside AWS',
    severity: 'high',
    techniques: ['T1552.005', 'T1078.004'],
    why: 'EC2, Lambda and ECS credentials only leave AWS when someone stole them (metadata or environment theft).',
    needsFacts: false,
    run(context) {
      const workloads = workloadRoles(context);
      if (workloads.size === 0) return [];
      const sessions = context.rowsWhere('principal', (name) => workloads.has(roleOf(name)));
      const outside = context.rowsWhere('sourceIp', (ip) => outsideAws(context.ip(ip)), sessions);
      const hits: RuleHit[] = [];
      for (const rows of context.groupByActor(outside).values()) {
        const role = roleOf(context.value(rows[0]!, 'principal'));
        const ip = context.value(rows[0]!, 'sourceIp');
        const where = place(context.ip(ip));
        const others = new Set(rows.map((row) => context.id(row, 'sourceIp'))).size - 1;
        hits.push({
          principal: context.actor(rows[0]!),
          rows,
          summary: `${workloads.get(role)} role ${role} used from ${ip}${where ? ` (${where})` : ''}${others > 0 ? ` and ${plural(others, 'other address', 'other addresses')}` : ''}, ${plural(rows.length, 'call')}`,
        });
      }
      return hits;
    },
  },
];
