import type { Finding } from '../detect/index.js';
import type { IpFacts } from '../geo/index.js';
import type { Histogram, ValueStat } from '../index/index.js';
import type { NavTarget, ProfileLine } from './types.js';

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

/** One value of a list: value, counts, time range, and NEW when the subject had not used it. */
export function statLine(
  stat: ValueStat,
  target: NavTarget | undefined,
  valueWidth: number,
  extra = '',
): ProfileLine {
  const value =
    stat.value.length > valueWidth ? `${stat.value.slice(0, valueWidth - 1)}…` : stat.value;
  const errors = stat.errors > 0 ? ` ${stat.errors} err` : '';
  const text = `  ${value.padEnd(valueWidth)} ${stat.isNew ? 'NEW ' : '    '}${String(stat.count).padStart(6)} ev${errors.padEnd(9)} ${shortWhen(stat.first)} → ${shortWhen(stat.last)}${extra ? `  ${extra}` : ''}`;
  return { text, tone: stat.isNew ? 'alert' : 'normal', ...(target ? { target } : {}) };
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
): ProfileLine[] {
  return [
    heading(title, stats.length, total),
    ...stats.map((ip) =>
      statLine(ip, { kind: 'ip', ip: ip.value }, 22, describeIp(ipFacts(ip.value))),
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
export function eventsSection(
  title: string,
  stats: readonly ValueStat[],
  total: number,
  subject: { label: string; scope: string },
  field: 'event' | 'ua' | 'region' | 'resource',
  width: number,
): ProfileLine[] {
  return [
    heading(title, stats.length, total),
    ...stats.map((stat) =>
      statLine(
        stat,
        {
          kind: 'events',
          label: `${subject.label} › ${stat.value}`,
          query: `${subject.scope} ${field}:${quoted(stat.value)}`,
        },
        width,
      ),
    ),
  ];
}
