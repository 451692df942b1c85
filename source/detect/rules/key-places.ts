import type { IpFacts } from '../../geo/index.js';
import type { Baseline, Standing } from '../baseline/types.js';
import type { DetectionContext } from '../context.js';
import { severityRank, type Severity } from '../finding.js';
import { sensitiveRow } from '../sensitive.js';
import { plural, type BuiltinRule, type RuleHit } from '../rule.js';

/**
 * One long-term key used from several places at once, modelled on Elastic's "AWS Access Token
 * Used from Multiple Addresses": an IAM user's AKIA key, console sessions and infrastructure-as-
 * code tools left out, grouped in 30-minute windows, and only a window with at least two
 * addresses, two AS organisations and two cities counts (a dual-stack laptop's IPv4 and IPv6
 * are one provider; a NAT pool is one city). On top of Elastic: places the key's user is
 * established at never count against the key (a server and a laptop sharing a key for weeks is
 * their normal), and the window needs at least one place that is not.
 */

const WINDOW_MS = 30 * 60_000;
const MIN_ADDRESSES = 2;
const MIN_ORGS = 2;
const MIN_CITIES = 2;
const SHOWN = 4;
/** Evidence kept per key: enough to show every window, bounded on a hostile trail. */
const ROWS_MAX = 200;

/** Tools that deploy from many runners at once, by their user agents (Elastic's exclusions). */
const IAC_AGENT =
  /terraform|pulumi|cloudformation|aws-cdk|\bcdk\b|cdktf|serverless|crossplane|ansible|opentofu/i;
/** A console session's calls carry the console's user agent (or AWS Internal). */
const CONSOLE_AGENT = /^(?:signin|console)(?:\.[a-z0-9-]+)*\.amazonaws\.com|^AWS Internal$/i;

/** Legal-form words that make one company look like two (`Inc.` on one range, not the other). */
const LEGAL_FORM =
  /\b(?:inc|llc|ltd|limited|gmbh|corp|corporation|co|company|plc|sa|sas|srl|bv|ag|pte|pty|sarl|oy|ab|as|spa|kk)\b/g;

/** The AS organisation as a comparable key: the hosting provider's name, or the cleaned name. */
export function orgKey(facts: IpFacts): string {
  if (facts.hosting) return facts.hosting.toLowerCase();
  const name = (facts.asOrg ?? (facts.asn ? `AS${facts.asn}` : '')).toLowerCase();
  return name
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(LEGAL_FORM, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function cityKey(facts: IpFacts): string {
  return facts.city ? `${facts.city}, ${facts.country ?? ''}` : '';
}

interface Window {
  /** The first row of each distinct address in the window. */
  firsts: number[];
  severity: Severity;
  why: string;
}

/** Judges one window's addresses; undefined when it does not count. */
function judge(
  context: DetectionContext,
  baseline: Baseline,
  rows: number[],
  firsts: number[],
): Window | undefined {
  if (firsts.length < MIN_ADDRESSES) return undefined;
  const facts = firsts.map((row) => context.ipOf(row));
  if (new Set(facts.map(orgKey).filter(Boolean)).size < MIN_ORGS) return undefined;
  if (new Set(facts.map(cityKey).filter(Boolean)).size < MIN_CITIES) return undefined;
  const unusual = firsts.filter(
    (row) =>
      baseline.standing(row, 'address') !== 'established' &&
      baseline.standing(row, 'network') !== 'established',
  );
  if (unusual.length === 0) return undefined;
  const standings = new Set<Standing>(unusual.map((row) => baseline.standing(row, 'address')));
  const newCountry = unusual.some((row) => baseline.standing(row, 'country') === 'new');
  const unusualIps = new Set(unusual.map((row) => context.id(row, 'sourceIp')));
  const sensitive = rows.find(
    (row) => unusualIps.has(context.id(row, 'sourceIp')) && sensitiveRow(context, row),
  );
  if (standings.has('new')) {
    const high = newCountry && sensitive !== undefined;
    return {
      firsts,
      severity: high ? 'high' : 'medium',
      why: high
        ? `a new country, then ${context.operation(sensitive!)} from it`
        : newCountry
          ? 'a new country'
          : 'a new address',
    };
  }
  return {
    firsts,
    severity: 'low',
    why: standings.has('no-baseline') ? 'no baseline yet' : 'seen before, not yet established',
  };
}

export const accessKeyMultipleIps: BuiltinRule = {
  id: 'access-key-multiple-ips',
  title: 'One long-term access key used from several places',
  severity: 'medium',
  techniques: ['T1078.004'],
  why: 'A user key normally lives on one laptop or server; several places at once suggest copies.',
  learns: 'the addresses and networks each user is established at (seen on two days or more)',
  highWhen:
    'a new country in the same 30 minutes as the usual places, and a sensitive action from it',
  needsFacts: false,
  run(context) {
    const keys = context.valueTable('accessKeyId', (key) => key.startsWith('AKIA'));
    const users = context.valueTable('identityType', (type) => type === 'IAMUser');
    const agents = context.valueTable(
      'userAgent',
      (agent) => !IAC_AGENT.test(agent) && !CONSOLE_AGENT.test(agent),
    );
    const keyColumn = context.index.column('accessKeyId');
    const typeColumn = context.index.column('identityType');
    const agentColumn = context.index.column('userAgent');
    const candidates: number[] = [];
    for (let i = 0; i < context.order.length; i++) {
      const row = context.order[i]!;
      if (keys[keyColumn[row]!] !== 1 || users[typeColumn[row]!] !== 1) continue;
      if (agents[agentColumn[row]!] !== 1 || !context.isAddress(row)) continue;
      if (context.ipOf(row).kind === 'public') candidates.push(row);
    }
    if (candidates.length === 0) return [];
    const baseline = context.baseline();
    const hits: RuleHit[] = [];
    for (const rows of context.groupBy(candidates, 'accessKeyId').values()) {
      const windows: Window[] = [];
      let start = 0;
      while (start < rows.length) {
        const window = Math.floor(context.time(rows[start]!) / WINDOW_MS);
        let end = start;
        const seen = new Set<number>();
        const firsts: number[] = [];
        while (end < rows.length && Math.floor(context.time(rows[end]!) / WINDOW_MS) === window) {
          const ip = context.id(rows[end]!, 'sourceIp');
          if (!seen.has(ip)) {
            seen.add(ip);
            firsts.push(rows[end]!);
          }
          end++;
        }
        const judged = judge(context, baseline, rows.slice(start, end), firsts);
        if (judged) windows.push(judged);
        start = end;
      }
      if (windows.length > 0) hits.push(keyHit(context, windows));
    }
    return hits;
  },
};

function keyHit(context: DetectionContext, windows: Window[]): RuleHit {
  const worst = windows.reduce((a, b) =>
    severityRank(b.severity) > severityRank(a.severity) ? b : a,
  );
  const rows = [...new Set(windows.flatMap((window) => window.firsts))]
    .sort((a, b) => context.time(a) - context.time(b) || a - b)
    .slice(0, ROWS_MAX);
  const first = worst.firsts[0]!;
  const places = worst.firsts.slice(0, SHOWN).map((row) => {
    const facts = context.ipOf(row);
    return `${facts.ip}${facts.city ? ` (${facts.city}, ${facts.country ?? '?'})` : ''}`;
  });
  const more = windows.length - 1;
  return {
    principal: context.value(first, 'principal'),
    rows,
    severity: worst.severity,
    summary: `key ${context.value(first, 'accessKeyId')} used from ${plural(worst.firsts.length, 'place')} within 30 min: ${places.join(', ')}${worst.firsts.length > SHOWN ? ', …' : ''}; ${worst.why}${more > 0 ? ` (and ${plural(more, 'more window')})` : ''}`,
  };
}
