import type { Suspect, SuspectKind } from '../model.js';
import type { IpFacts } from '../../geo/index.js';
import { NONE, orNone, tableOr, type Block } from './document.js';
import type { ReportPivot } from './suspect-events.js';
import type { TimelineEntry } from './timeline.js';
import { displayTime, earliest, latest } from './time.js';

interface Seen {
  value: string;
  /** Marked suspect by the analyst (and the note given then). */
  suspect: boolean;
  suspectNote: string;
  /** Timeline events that carry it. */
  events: number;
  firstSeen: string;
  lastSeen: string;
  /** Principals that used it (empty for principals themselves). */
  usedBy: string[];
}

export type PrincipalIndicator = Omit<Seen, 'usedBy'> & {
  /** For a session the suspects opened: how (`AssumeRole by KeyHunter at …`); else ''. */
  pivotedFrom: string;
};
export type AccessKeyIndicator = Seen;
export type UserAgentIndicator = Omit<Seen, 'suspect' | 'suspectNote'>;

export interface IpIndicator extends Seen {
  kind: IpFacts['kind'];
  country: string;
  countryName: string;
  city: string;
  region: string;
  asn: number | null;
  asOrg: string;
  insideAws: boolean;
}

export interface IndicatorsSection {
  principals: PrincipalIndicator[];
  accessKeys: AccessKeyIndicator[];
  ips: IpIndicator[];
  userAgents: UserAgentIndicator[];
}

/** Gathers one kind of indicator from the marked suspects and the timeline's events. */
function gather(
  suspects: Suspect[],
  kind: SuspectKind | undefined,
  timeline: TimelineEntry[],
  valueOf: (entry: TimelineEntry) => string,
): Seen[] {
  const byValue = new Map<string, Seen & { times: string[]; users: Set<string> }>();
  const slot = (value: string) => {
    let seen = byValue.get(value);
    if (!seen) {
      seen = {
        value,
        suspect: false,
        suspectNote: '',
        events: 0,
        firstSeen: '',
        lastSeen: '',
        usedBy: [],
        times: [],
        users: new Set(),
      };
      byValue.set(value, seen);
    }
    return seen;
  };
  for (const suspect of suspects) {
    if (suspect.kind !== kind || suspect.value === '') continue;
    const seen = slot(suspect.value);
    seen.suspect = true;
    seen.suspectNote = suspect.note;
  }
  for (const entry of timeline) {
    const value = valueOf(entry);
    if (!value) continue;
    const seen = slot(value);
    seen.events++;
    seen.times.push(entry.time);
    if (entry.principal) seen.users.add(entry.principal);
  }
  // Suspects first (the analyst's judgement), then the most used, then by name.
  return [...byValue.values()]
    .map(({ times, users, ...seen }) => ({
      ...seen,
      firstSeen: earliest(times) ?? '',
      lastSeen: latest(times) ?? '',
      usedBy: [...users].sort(),
    }))
    .sort(
      (a, b) =>
        Number(b.suspect) - Number(a.suspect) ||
        b.events - a.events ||
        (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

function countryName(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  try {
    const name = regionNames.of(code);
    return name && name !== code ? name : '';
  } catch {
    return '';
  }
}

export function indicatorsSection(
  suspects: Suspect[],
  timeline: TimelineEntry[],
  ipFacts: (ip: string) => IpFacts,
  pivots: readonly ReportPivot[] = [],
): IndicatorsSection {
  const principals = gather(suspects, 'principal', timeline, (entry) => entry.principal).map(
    ({ usedBy: _usedBy, ...rest }) => {
      const pivot = pivots.find((candidate) => candidate.principal === rest.value);
      return {
        ...rest,
        pivotedFrom: pivot
          ? `${pivot.via} by ${pivot.from || 'a suspect'} at ${displayTime(pivot.time)}`
          : '',
      };
    },
  );
  const accessKeys = gather(suspects, 'key', timeline, (entry) => entry.accessKeyId ?? '');
  const ips = gather(suspects, 'ip', timeline, (entry) => entry.sourceIp).map((seen) => {
    const facts = ipFacts(seen.value);
    const country = facts.country ?? '';
    return {
      ...seen,
      kind: facts.kind,
      country,
      countryName: countryName(country),
      city: facts.city ?? '',
      region: facts.region ?? '',
      asn: facts.asn ?? null,
      asOrg: facts.asOrg ?? '',
      insideAws: facts.insideAws,
    };
  });
  const userAgents = gather([], undefined, timeline, (entry) => entry.userAgent).map(
    ({ suspect: _suspect, suspectNote: _note, ...rest }) => rest,
  );
  return { principals, accessKeys, ips, userAgents };
}

function suspectCell(seen: {
  suspect: boolean;
  suspectNote: string;
  pivotedFrom?: string;
}): string {
  if (!seen.suspect) return seen.pivotedFrom ? `pivoted into: ${seen.pivotedFrom}` : 'no';
  return seen.suspectNote ? `yes: ${seen.suspectNote}` : 'yes';
}

function seenCell(seen: { firstSeen: string; lastSeen: string }): string {
  if (!seen.firstSeen) return NONE;
  return seen.firstSeen === seen.lastSeen
    ? displayTime(seen.firstSeen)
    : `${displayTime(seen.firstSeen)} to ${displayTime(seen.lastSeen)}`;
}

function location(ip: IpIndicator): string {
  const country = ip.country
    ? ip.countryName
      ? `${ip.countryName} (${ip.country})`
      : ip.country
    : '';
  const place = [ip.city, ip.region].filter((part) => part !== '').join(', ');
  if (country) return place ? `${place}, ${country}` : country;
  // No location: say what kind of address it is instead (a service, AWS internal, private).
  return ip.kind === 'public' ? 'unknown' : ip.kind;
}

function network(ip: IpIndicator): string {
  if (ip.asn === null) return NONE;
  return ip.asOrg ? `AS${ip.asn} ${ip.asOrg}` : `AS${ip.asn}`;
}

export function indicatorsBlocks(
  indicators: IndicatorsSection,
  ipDataDate: string,
  ipAttribution: string,
): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'Indicators of compromise' },
    {
      kind: 'paragraph',
      text: 'From the suspects the analyst marked and the events on the timeline. Copy indicators from the JSON report: in Markdown, links inside values are deliberately broken.',
    },
    { kind: 'heading', level: 3, text: 'Principals' },
    tableOr(
      ['Principal', 'Marked suspect', 'Timeline events', 'Seen (UTC)'],
      indicators.principals.map((seen) => [
        seen.value,
        suspectCell(seen),
        String(seen.events),
        seenCell(seen),
      ]),
      'None.',
    ),
    { kind: 'heading', level: 3, text: 'Access keys' },
    tableOr(
      ['Access key', 'Marked suspect', 'Timeline events', 'Used by', 'Seen (UTC)'],
      indicators.accessKeys.map((seen) => [
        seen.value,
        suspectCell(seen),
        String(seen.events),
        orNone(seen.usedBy.join(', ')),
        seenCell(seen),
      ]),
      'None.',
    ),
    { kind: 'heading', level: 3, text: 'IP addresses' },
    tableOr(
      [
        'Address',
        'Location',
        'Network',
        'Inside AWS',
        'Marked suspect',
        'Timeline events',
        'Used by',
      ],
      indicators.ips.map((ip) => [
        ip.value,
        location(ip),
        network(ip),
        ip.insideAws ? 'yes' : { text: 'no', tone: 'medium' as const },
        suspectCell(ip),
        String(ip.events),
        orNone(ip.usedBy.join(', ')),
      ]),
      'None.',
    ),
    {
      kind: 'paragraph',
      text: `IP data: ${ipDataDate}. ${ipAttribution}.`,
    },
    { kind: 'heading', level: 3, text: 'User agents' },
    tableOr(
      ['User agent', 'Timeline events', 'Used by'],
      indicators.userAgents.map((seen) => [
        seen.value,
        String(seen.events),
        orNone(seen.usedBy.join(', ')),
      ]),
      'None.',
    ),
  ];
}
