import type { Finding } from '../detect/index.js';
import type { IpFacts } from '../geo/index.js';
import type { Histogram, ValueStat } from '../index/index.js';
import type { NavTarget, ProfileLine } from './types.js';
import { displayWidth, fitMiddle, fitWidth } from '../trail/sanitize.js';
import { isNewMark, markText, type BaselineMark } from './profile-baseline.js';

/** Small formatting pieces the profile pages share. Text is sanitized where it is drawn. */

const SPARKS = '▁▂▃▄▅▆▇█';

export function sparkline(histogram: Histogram): string {
  const max = Math.max(0, ...histogram.counts);
  if (max === 0) return '';
  return histogram.counts
    .map((count) => (count === 0 ? ' ' : SPARKS[Math.min(7, Math.floor((count / max) * 7.999))]!))
    .join('');
}

/** "2025-03-13 14:02:38" (UTC), or "no time". */
export function when(ms: number): string {
  return Number.isFinite(ms)
    ? new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
    : 'no time';
}

/** "03-13 14:02": compact, for lists whose year is in the header. */
export function shortWhen(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(5, 16).replace('T', ' ') : '--';
}

export function count(value: number, noun: string): string {
  return `${value.toLocaleString('en-US')} ${noun}${value === 1 ? '' : 's'}`;
}

export function heading(title: string, shown: number, total: number): ProfileLine {
  const more = total > shown ? ` (${shown} of ${total})` : ` (${total})`;
  return { text: `${title}${more}`, tone: 'heading' };
}

/** "NG Lagos · AS29465 MTN", or the kind of address when it is not a public one. */
export function describeIp(facts: IpFacts): string {
  if (facts.kind === 'aws-service') return 'AWS service';
  if (facts.kind === 'aws-internal') return 'AWS internal';
  if (facts.kind === 'private') return 'private network';
  if (facts.kind === 'unknown') return 'not an address';
  const place = [facts.country, facts.city].filter(Boolean).join(' ');
  const network = facts.asn ? `AS${facts.asn}${facts.asOrg ? ` ${facts.asOrg}` : ''}` : '';
  const aws = facts.insideAws ? ' (AWS)' : '';
  return [place, network].filter(Boolean).join(' · ') + aws || 'public';
}

/**
 * One value of a list: value, its baseline mark (est / new / NEW, see baseline-lines.ts), counts
 * and time range.
 */
export function statLine(
  stat: ValueStat,
  target: NavTarget | undefined,
  valueWidth: number,
  extra = '',
  mark?: BaselineMark,
): ProfileLine {
  // A value too long loses its middle: a role session's or a key's end is what tells it apart.
  const value = fitMiddle(stat.value, valueWidth).trimEnd();
  const errors = stat.errors > 0 ? ` ${stat.errors} err` : '';
  const text = `  ${value.padEnd(valueWidth)} ${markText(mark)}${String(stat.count).padStart(6)} ev${errors.padEnd(9)} ${shortWhen(stat.first)} → ${shortWhen(stat.last)}${extra ? `  ${extra}` : ''}`;
  return { text, tone: isNewMark(mark) ? 'alert' : 'normal', ...(target ? { target } : {}) };
}

const SEVERITY_LABEL: Record<Finding['severity'], string> = {
  critical: 'CRIT',
  high: 'HIGH',
  medium: 'MED ',
  low: 'LOW ',
  info: 'INFO',
};

export function severityLabel(severity: Finding['severity']): string {
  return SEVERITY_LABEL[severity];
}

/** A finding on a profile: the specifics first; the rule's title is on the findings screen. */
export function findingLine(finding: Finding, note = ''): ProfileLine {
  return {
    text: `  ${severityLabel(finding.severity)} ${shortWhen(finding.first)}  ${note}${finding.summary}  [${finding.ruleId}]`,
    tone: finding.severity === 'high' || finding.severity === 'critical' ? 'alert' : 'normal',
    target: { kind: 'evidence', key: finding.key },
  };
}

/** A value as a quoted term of the query language (quotes and backslashes escaped). */
export function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Addresses, each leading to its profile and described from the offline data. */
export function ipSection(
  title: string,
  stats: readonly ValueStat[],
  total: number,
  ipFacts: (ip: string) => IpFacts,
  markOf: (value: string) => BaselineMark | undefined = () => undefined,
): ProfileLine[] {
  return [
    heading(title, stats.length, total),
    ...stats.map((ip) =>
      statLine(
        ip,
        { kind: 'ip', ip: ip.value },
        22,
        describeIp(ipFacts(ip.value)),
        markOf(ip.value),
      ),
    ),
  ];
}

/** The findings with an evidence event that `cites` (an address's, a key's), each to its evidence. */
export function citingSection(
  title: string,
  findings: readonly Finding[],
  cites: (row: number) => boolean,
): ProfileLine[] {
  const lines: ProfileLine[] = [];
  for (const finding of findings) {
    const here = finding.rows.filter(cites).length;
    if (here === 0) continue;
    // A finding about several addresses or keys says first which share of its evidence is this
    // one's, so a summary naming another address does not read as being about this one.
    lines.push(
      findingLine(
        finding,
        here === finding.rows.length ? '' : `${here} of ${finding.rows.length} events here: `,
      ),
    );
  }
  return [heading(title, lines.length, lines.length), ...lines];
}

/**
 * A list section whose every value opens the subject's events narrowed to it: the event names,
 * user agents, regions and resources of a principal, an address or a key.
 */
/** Characters of a value kept before the part where it differs from its neighbours. */
const KEPT_HEAD = 8;

/**
 * How each value of a list is shown in `width` columns so that values alike at the start stay
 * told apart: seven user agents reading `APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (…` show instead
 * where each differs from the others (`APN/1.0 …terraform-provider-aws/3.76.1 …`).
 */
export function distinguishing(values: readonly string[], width: number): string[] {
  return values.map((value, i) => {
    if (displayWidth(value) <= width) return value;
    let shared = 0;
    values.forEach((other, j) => {
      if (j === i) return;
      let n = 0;
      while (n < value.length && value[n] === other[n]) n++;
      shared = Math.max(shared, n);
    });
    // Back to the start of the word where they part, so the differing part reads as a whole.
    const from = value.lastIndexOf(' ', shared - 1) + 1;
    if (from <= KEPT_HEAD + 1) return fitMiddle(value, width).trimEnd();
    return fitWidth(`${value.slice(0, KEPT_HEAD)}…${value.slice(from)}`, width).trimEnd();
  });
}

export function eventsSection(
  title: string,
  stats: readonly ValueStat[],
  total: number,
  subject: { label: string; scope: string },
  field: 'event' | 'ua' | 'region' | 'resource',
  width: number,
  markOf: (value: string) => BaselineMark | undefined = () => undefined,
): ProfileLine[] {
  const shown = distinguishing(
    stats.map((stat) => stat.value),
    width,
  );
  return [
    heading(title, stats.length, total),
    ...stats.map((stat, i) =>
      statLine(
        { ...stat, value: shown[i]! },
        {
          kind: 'events',
          label: `${subject.label} › ${stat.value}`,
          query: `${subject.scope} ${field}:${quoted(stat.value)}`,
        },
        width,
        '',
        markOf(stat.value),
      ),
    ),
  ];
}
