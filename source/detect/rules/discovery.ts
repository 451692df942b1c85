import { isAccessDenied } from '../../index/index.js';
import type { DetectionContext } from '../context.js';
import { eventRule, plural, type BuiltinRule, type RuleHit } from '../rule.js';
import { distinctCount, duration, runsOf } from './clusters.js';
import { newPlaces } from './novelty.js';
import { newToolNote } from './new-tool.js';
import { familyOf, routineAddresses } from './routine.js';

/** Discovery and collection: enumeration bursts, permission probing, bulk reads. */

/** Calls more than this far apart belong to different bursts. */
const BURST_GAP_MS = 5 * 60_000;
const DISCOVERY_MIN_CALLS = 20;
const DISCOVERY_MIN_DISTINCT = 10;
const DENIED_MIN = 8;
const OBJECTS_MIN = 50;

const READ_ONLY = /^(List|Describe|Get)/;

function burstsPerPrincipal(
  context: DetectionContext,
  rows: Uint32Array,
  qualifies: (run: number[]) => string | undefined,
): RuleHit[] {
  const hits: RuleHit[] = [];
  // By actor: a role's sessions working side by side are one burst.
  for (const group of context.groupByActor(rows).values()) {
    for (const run of runsOf(context, group, BURST_GAP_MS)) {
      const what = qualifies(run);
      if (what) hits.push({ principal: context.actor(run[0]!), rows: run, summary: what });
    }
  }
  return hits;
}

const NOT_A_SERVICE = (type: string) => type !== 'AWSService';

export const DISCOVERY_RULES: BuiltinRule[] = [
  eventRule({
    id: 's3-list-buckets-outside-aws',
    title: 'Buckets listed from outside AWS',
    severity: 'low',
    techniques: ['T1619'],
    why: 'ListBuckets is the first thing a stolen credential is used for: what is there to take?',
    operations: ['ListBuckets'],
    describe: (context, row) => {
      const ip = context.value(row, 'sourceIp');
      const facts = context.ip(ip);
      if (facts.kind !== 'public' || facts.insideAws) return undefined;
      return `ListBuckets from ${ip}${facts.country ? ` (${facts.country})` : ''}`;
    },
  }),
  {
    id: 'discovery-burst',
    title: 'Burst of enumeration calls',
    severity: 'low',
    techniques: ['T1580', 'T1526', 'T1087.004'],
    why: 'Many different List/Describe/Get calls in minutes is an intruder mapping the account.',
    learns: 'the addresses each principal works from on two days or more (a nightly scanner’s)',
    highWhen: 'never (medium from an unusual address or with many denials)',
    needsFacts: false,
    run(context) {
      const reads = context.rowsWhere('eventName', (name) => READ_ONLY.test(name));
      const people = context.rowsWhere('identityType', NOT_A_SERVICE, reads);
      const hits = burstsPerPrincipal(context, people, (run) => {
        if (run.length < DISCOVERY_MIN_CALLS) return undefined;
        const distinct = distinctCount(context, run, 'eventName');
        if (distinct < DISCOVERY_MIN_DISTINCT) return undefined;
        const span = context.time(run[run.length - 1]!) - context.time(run[0]!);
        return `${plural(run.length, 'call')} of ${distinct} kinds in ${duration(span)}`;
      });
      // An inventory job enumerates every night from the same place; an intruder does it once,
      // from somewhere new, and hits walls. Only the latter is worth more than a note.
      const routines = routineAddresses(
        context,
        hits.map((hit) => hit.principal),
      );
      for (const hit of hits) {
        const routine = routines.get(familyOf(hit.principal))!;
        const denied = hit.rows.filter((row) => isAccessDenied(context.value(row, 'error'))).length;
        const elsewhere = hit.rows.some(
          (row) => context.isAddress(row) && !routine.has(context.id(row, 'sourceIp')),
        );
        if (elsewhere || denied * 4 >= hit.rows.length) {
          hit.severity = 'medium';
          hit.summary += elsewhere ? ' from an unusual address' : `, ${denied} denied`;
        }
      }
      return hits;
    },
  },
  {
    id: 'access-denied-burst',
    title: 'Burst of AccessDenied errors (permission probing)',
    severity: 'medium',
    techniques: ['T1580', 'T1069.003'],
    why: 'A run of denied calls is someone testing what a credential may do.',
    needsFacts: false,
    run(context) {
      const denied = context.rowsWhere('error', isAccessDenied);
      return burstsPerPrincipal(context, denied, (run) => {
        if (run.length < DENIED_MIN) return undefined;
        const span = context.time(run[run.length - 1]!) - context.time(run[0]!);
        return `${plural(run.length, 'denied call')} in ${duration(span)}`;
      });
    },
  },
  {
    id: 's3-bulk-object-reads',
    title: 'Many objects read in a short time',
    severity: 'medium',
    techniques: ['T1530'],
    why: 'Reading many distinct objects quickly looks like collection before exfiltration.',
    needsFacts: false,
    run(context) {
      const reads = context.rowsOf(['GetObject']);
      return burstsPerPrincipal(context, reads, (run) => {
        if (run.length < OBJECTS_MIN) return undefined;
        const objects = distinctCount(context, run, 'resources');
        if (objects < OBJECTS_MIN) return undefined;
        const span = context.time(run[run.length - 1]!) - context.time(run[0]!);
        return `${plural(objects, 'object')} read in ${duration(span)}`;
      });
    },
  },
  {
    id: 's3-anonymous-access',
    title: 'Anonymous access to S3',
    severity: 'medium',
    techniques: ['T1530'],
    why: 'Unauthenticated reads mean a bucket is public; whoever read it kept a copy.',
    needsFacts: false,
    run(context) {
      const anonymous = context.rowsWhere('principal', (name) => name === 'ANONYMOUS_PRINCIPAL');
      const s3 = context.rowsWhere('eventSource', (source) => source.startsWith('s3.'), anonymous);
      if (s3.length === 0) return [];
      const rows = [...s3];
      const buckets = new Set(rows.map((row) => context.value(row, 'bucket')).filter(Boolean));
      const ips = distinctCount(context, rows, 'sourceIp');
      return [
        {
          principal: 'ANONYMOUS_PRINCIPAL',
          rows,
          summary: `${plural(rows.length, 'anonymous request')} to ${[...buckets].slice(0, 3).join(', ') || 'S3'} from ${plural(ips, 'address', 'addresses')}`,
        },
      ];
    },
  },
  {
    id: 'get-caller-identity-new-ip',
    title: 'GetCallerIdentity from a new address',
    severity: 'medium',
    techniques: ['T1087.004'],
    why: '"Whose key is this?" is the first call made with a freshly stolen credential.',
    learns:
      "each identity's addresses, AS organisations, countries and user-agent families (a new tool is named); judges only after two days of history (or --baseline-until / --baseline)",
    highWhen:
      'never: asking who one is changes nothing (medium from a new country, low from a new AS organisation)',
    needsFacts: false,
    run(context) {
      const calls = context.rowsOf(['GetCallerIdentity']);
      // Every SDK and tool starts with it: only a new AS organisation or country is worth a line,
      // and only against a real history (the first days of a trail make every address new).
      return newPlaces(context, calls)
        .filter(
          (found) =>
            found.standing === 'new' && (found.reach === 'asOrg' || found.reach === 'country'),
        )
        .map((found) => ({
          principal: context.actor(found.row),
          rows: [found.row],
          severity: found.reach === 'country' ? ('medium' as const) : ('low' as const),
          summary: `GetCallerIdentity from ${found.what}${newToolNote(context, found.row)}${found.before}`,
        }));
    },
  },
];
