import type { IpProfile, KeyProfile } from '../index/index.js';
import { actorOf } from '../detect/actor.js';
import { baselineOf, newestTime, type ProfileContext } from './principal-lines.js';
import { baselineHeader, markFor, placesSection } from './baseline-lines.js';
import { derivedText, markText, profileBaselines, type ActorBaseline } from './profile-baseline.js';
import {
  count,
  describeIp,
  citingSection,
  eventsSection,
  ipSection,
  quoted,
  heading,
  shortWhen,
  sparkline,
  statLine,
  when,
} from './profile-format.js';
import type { ProfileLine } from './types.js';

const KIND_LABEL: Record<string, string> = {
  'aws-service': 'an AWS service acting for the principal',
  'aws-internal': 'AWS Internal (a call made inside AWS)',
  private: 'a private address (inside a VPC or on-premises)',
  public: 'a public address',
  unknown: 'not an IP address',
};

const PLACE_WORDS: Array<['address' | 'network' | 'asOrg' | 'country', string]> = [
  ['address', 'address'],
  ['network', 'network'],
  ['asOrg', 'AS org'],
  ['country', 'country'],
];

/**
 * How the address, its network, AS organisation and country stand for the first principal to
 * use it: "for KeyHunter (first here 03-13 14:02): address NEW · network NEW · …".
 */
function firstUseLine(
  ip: string,
  baselines: readonly ActorBaseline[],
  ipFacts: ProfileContext['ipFacts'],
): ProfileLine[] {
  let first: ActorBaseline | undefined;
  let firstSeen = Infinity;
  for (const baseline of baselines) {
    const seen = baseline.values.address?.get(ip)?.principal.firstSeen ?? Infinity;
    if (seen < firstSeen) [first, firstSeen] = [baseline, seen];
  }
  if (!first) return [];
  const marks = PLACE_WORDS.map(([dimension, word]) => {
    const value = derivedText(dimension, ip, ipFacts);
    const mark = value === undefined ? undefined : markFor(first, dimension, value);
    return `${word} ${mark === undefined ? '–' : markText(mark).trim() || 'seen'}`;
  });
  return [
    {
      text: `for ${first.actor} (first here ${shortWhen(firstSeen)}): ${marks.join(' · ')}`,
      tone: marks.some((mark) => / (new|NEW)$/.test(mark)) ? 'alert' : 'normal',
      target: { kind: 'principal', name: first.actor },
    },
  ];
}

/** The IP page: who used the address, what they did, and what the offline data says of it. */
export function ipLines(profile: IpProfile, context: ProfileContext): ProfileLine[] {
  const facts = context.ipFacts(profile.ip);
  const scope = `ip:${quoted(profile.ip)}`;
  const lines: ProfileLine[] = [
    { text: `${profile.ip}  ${KIND_LABEL[facts.kind] ?? facts.kind}`, tone: 'heading' },
    {
      text: `${describeIp(facts)}${facts.insideAws ? '  — inside AWS' : facts.kind === 'public' ? '  — outside AWS' : ''}`,
      tone: facts.kind === 'public' && !facts.insideAws ? 'alert' : 'normal',
    },
    {
      text: `${count(profile.events, 'event')}, ${count(profile.errors, 'error')} · ${when(profile.first)} → ${when(profile.last)} UTC`,
      tone: 'normal',
      target: { kind: 'events', label: `${profile.ip} events`, query: scope },
    },
    { text: `activity ${sparkline(profile.histogram)}`, tone: 'dim' },
  ];
  lines.push(
    ...citingSection(
      'FINDINGS CITING THIS ADDRESS',
      context.findings,
      (row) => context.index.value(row, 'sourceIp') === profile.ip,
    ),
  );
  // Each principal's own baseline says whether this address was new for it (and the account).
  const baselines = profileBaselines({
    index: context.index,
    ipFacts: context.ipFacts,
    principals: profile.principals.map((principal) => principal.value),
    dimensions: ['address', 'network', 'asOrg', 'country'],
    ...(context.baselineUntil !== undefined ? { until: context.baselineUntil } : {}),
  });
  const byActor = new Map(baselines.map((baseline) => [baseline.actor, baseline]));
  const baselineFor = (principal: string) => byActor.get(actorOf(principal));
  lines.push(...firstUseLine(profile.ip, baselines, context.ipFacts));
  lines.push(heading('PRINCIPALS', profile.principals.length, profile.totals.principals));
  for (const principal of profile.principals)
    lines.push(
      statLine(
        principal,
        { kind: 'principal', name: principal.value },
        34,
        '',
        markFor(baselineFor(principal.value), 'address', profile.ip),
      ),
    );
  lines.push(heading('ACCESS KEYS', profile.accessKeys.length, profile.totals.accessKeys));
  for (const key of profile.accessKeys)
    lines.push(statLine(key, { kind: 'key', key: key.value }, 22));
  const subject = { label: profile.ip, scope };
  lines.push(
    ...eventsSection(
      'EVENT NAMES',
      profile.eventNames,
      profile.totals.eventNames,
      subject,
      'event',
      30,
    ),
    ...eventsSection(
      'USER AGENTS',
      profile.userAgents,
      profile.totals.userAgents,
      subject,
      'ua',
      40,
    ),
    ...eventsSection('REGIONS', profile.regions, profile.totals.regions, subject, 'region', 16),
  );
  lines.push({ text: `IP data: ${context.ipDataDate} (offline)`, tone: 'dim' });
  return lines;
}

/** The access-key page: whose it is, where it was made, where it was used. */
export function keyLines(profile: KeyProfile, context: ProfileContext): ProfileLine[] {
  const scope = `key:${quoted(profile.key)}`;
  const lines: ProfileLine[] = [
    {
      text: `${profile.key}  ${profile.kind === 'long-term' ? 'long-term key (AKIA)' : profile.kind === 'temporary' ? 'temporary credentials (ASIA)' : 'access key'}`,
      tone: 'heading',
    },
    {
      text: `${count(profile.events, 'event')}, ${count(profile.errors, 'error')} · ${when(profile.first)} → ${when(profile.last)} UTC`,
      tone: 'normal',
      target: { kind: 'events', label: `${profile.key} events`, query: scope },
    },
    { text: `activity ${sparkline(profile.histogram)}`, tone: 'dim' },
  ];
  // Judged against its (busiest) owner's baseline: where the owner usually is, what it uses.
  const owner = profile.owners[0]?.value;
  const baseline = owner === undefined ? undefined : baselineOf([owner], context);
  lines.push(...baselineHeader(baseline, profile.key, newestTime(context.index)));
  const mark = (dimension: Parameters<typeof markFor>[1]) => (value: string) =>
    markFor(baseline, dimension, value);
  lines.push(heading('OWNERS', profile.owners.length, profile.totals.owners));
  for (const owner of profile.owners)
    lines.push(statLine(owner, { kind: 'principal', name: owner.value }, 34));
  // The index cannot see the new key's id; the re-read CreateAccessKey records can.
  const created = profile.creationCandidates.filter(
    (candidate) => context.facts.get(candidate.row)?.createdKey === profile.key,
  );
  const candidates = created.length > 0 ? created : profile.creationCandidates;
  lines.push(
    heading(
      created.length > 0 ? 'CREATED' : 'POSSIBLY CREATED BY',
      candidates.length,
      candidates.length,
    ),
  );
  if (candidates.length === 0)
    lines.push({ text: '  no CreateAccessKey event for this key in the loaded logs', tone: 'dim' });
  for (const candidate of candidates)
    lines.push({
      text: `  ${shortWhen(candidate.time)}  by ${candidate.by} for ${candidate.forUser}`,
      tone: 'alert',
      target: { kind: 'principal', name: candidate.by },
    });
  lines.push(
    ...ipSection(
      'SOURCE IPS',
      profile.sourceIps,
      profile.totals.sourceIps,
      context.ipFacts,
      mark('address'),
    ),
  );
  const subject = { label: profile.key, scope };
  lines.push(
    ...placesSection(
      baseline,
      subject,
      profile.sourceIps.map((ip) => ip.value),
      context.ipFacts,
    ),
    ...eventsSection(
      'EVENT NAMES',
      profile.eventNames,
      profile.totals.eventNames,
      subject,
      'event',
      30,
      mark('eventName'),
    ),
    ...eventsSection(
      'USER AGENTS',
      profile.userAgents,
      profile.totals.userAgents,
      subject,
      'ua',
      40,
      mark('userAgent'),
    ),
  );
  lines.push(
    ...citingSection(
      'FINDINGS CITING THIS KEY',
      context.findings,
      (row) => context.index.value(row, 'accessKeyId') === profile.key,
    ),
  );
  return lines;
}
