import { findingIsAbout, type Finding, type RecordFacts } from '../detect/index.js';
import type { IpFacts } from '../geo/index.js';
import type { EventIndex, PrincipalProfile } from '../index/index.js';
import {
  count,
  eventsSection,
  ipSection,
  quoted,
  findingLine,
  heading,
  shortWhen,
  sparkline,
  statLine,
  when,
} from './profile-format.js';
import type { ProfileLine } from './types.js';
import { baselineHeader, markFor, placesSection } from './baseline-lines.js';
import { profileBaselines, type ActorBaseline } from './profile-baseline.js';
import { qualifyName, splitQualified } from '../trail/account-name.js';

export interface ProfileContext {
  index: EventIndex;
  ipFacts: (ip: string) => IpFacts;
  findings: readonly Finding[];
  facts: ReadonlyMap<number, RecordFacts>;
  risk: ReadonlyMap<string, { score: number; rank: number }>;
  ipDataDate: string;
  /** `--baseline-until` (epoch ms): whoever was active before it has a history from then on. */
  baselineUntil?: number;
}

/** The newest event loaded: "now" for a case opened from files. */
export function newestTime(index: EventIndex): number {
  const order = index.order();
  return order.length > 0 ? index.time(order[order.length - 1]!) : Number.NaN;
}

/** The baseline of the actor(s) behind `principals` (a role's sessions count as the role). */
export function baselineOf(
  principals: readonly string[],
  context: ProfileContext,
): ActorBaseline | undefined {
  if (principals.length === 0) return undefined;
  return profileBaselines({
    index: context.index,
    ipFacts: context.ipFacts,
    principals,
    ...(context.baselineUntil !== undefined ? { until: context.baselineUntil } : {}),
  })[0];
}

/** Findings about this principal: a role's (any session's), or a session's own. */
function findingsOf(
  profile: PrincipalProfile,
  findings: readonly Finding[],
  index: EventIndex,
): Finding[] {
  const principalAt = (row: number) => index.value(row, 'principal');
  return findings.filter((finding) => findingIsAbout(finding, profile, principalAt));
}

/**
 * The risk line, from the same findings the FINDINGS section lists, so the two cannot disagree:
 * "no findings" only when that section is empty.
 */
function riskLine(
  profile: PrincipalProfile,
  context: ProfileContext,
  findings: readonly Finding[],
): string {
  if (findings.length === 0) return 'no findings';
  const names = new Set(findings.map((finding) => finding.principal));
  let score = 0;
  let best = Number.POSITIVE_INFINITY;
  for (const [principal, risk] of context.risk) {
    if (!names.has(principal)) continue;
    score += risk.score;
    best = Math.min(best, risk.rank);
  }
  return score > 0
    ? `risk #${best} of ${context.risk.size} (score ${score})`
    : count(findings.length, 'finding');
}

/** The principal page: who, when, from where, what it did, and what is wrong with it. */
export function principalLines(profile: PrincipalProfile, context: ProfileContext): ProfileLine[] {
  const lines: ProfileLine[] = [];
  const scope =
    profile.kind === 'role'
      ? `user:${quoted(`${profile.name}/*`)}`
      : `user:${quoted(profile.name)}`;
  lines.push({
    text: `${profile.name}  ${profile.identityTypes.join(', ')}  ${profile.arns[0] ?? ''}${profile.arns.length > 1 ? ` (+${profile.arns.length - 1} ARNs)` : ''}`,
    tone: 'heading',
  });
  const findings = findingsOf(profile, context.findings, context.index);
  lines.push({
    text: `${count(profile.events, 'event')}, ${count(profile.errors, 'error')} · ${riskLine(profile, context, findings)}`,
    tone: 'normal',
    target: { kind: 'events', label: `${profile.name} events`, query: scope },
  });
  lines.push({ text: `${when(profile.first)} → ${when(profile.last)} UTC`, tone: 'normal' });
  lines.push({ text: `activity ${sparkline(profile.histogram)}`, tone: 'dim' });
  // An `ACCOUNT/name` profile (several accounts loaded) is judged as that account's actor.
  const { account } = splitQualified(profile.name);
  const baseline = baselineOf(
    [qualifyName(account, profile.sessions[0]?.value ?? splitQualified(profile.name).name)],
    context,
  );
  lines.push(...baselineHeader(baseline, profile.name, newestTime(context.index)));
  const mark = (dimension: Parameters<typeof markFor>[1]) => (value: string) =>
    markFor(baseline, dimension, value);

  lines.push(heading('FINDINGS', findings.length, findings.length));
  for (const finding of findings) lines.push(findingLine(finding));

  if (profile.kind === 'role') {
    lines.push(heading('SESSIONS', profile.sessions.length, profile.totals.sessions));
    for (const session of profile.sessions)
      lines.push(statLine(session, { kind: 'principal', name: session.value }, 34));
  }
  lines.push(
    ...ipSection(
      'SOURCE IPS',
      profile.sourceIps,
      profile.totals.sourceIps,
      context.ipFacts,
      mark('address'),
    ),
  );
  const subject = { label: profile.name, scope };
  // A session is judged as its role: its places are the ones it used, counted for the role.
  lines.push(
    ...(baseline && baseline.actor !== profile.name
      ? placesSection(
          baseline,
          subject,
          profile.sourceIps.map((ip) => ip.value),
          context.ipFacts,
        )
      : placesSection(baseline, subject)),
  );
  lines.push(
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
  lines.push(heading('ACCESS KEYS', profile.accessKeys.length, profile.totals.accessKeys));
  for (const key of profile.accessKeys)
    lines.push(statLine(key, { kind: 'key', key: key.value }, 22, key.kind));

  lines.push(heading('CONSOLE LOGINS', profile.consoleLogins.length, profile.consoleLogins.length));
  for (const login of profile.consoleLogins) {
    const mfa = context.facts.get(login.row)?.mfa;
    lines.push({
      text: `  ${shortWhen(login.time)}  ${login.sourceIp.padEnd(18)} ${login.failed ? `FAILED ${login.error}` : 'success'}${login.failed ? '' : `  MFA ${mfa || '?'}`}`,
      tone: login.failed || mfa === 'no' ? 'alert' : 'normal',
      target: { kind: 'ip', ip: login.sourceIp },
    });
  }
  lines.push(
    ...eventsSection(
      'EVENT NAMES',
      profile.eventNames,
      profile.totals.eventNames,
      subject,
      'event',
      30,
      mark('eventName'),
    ),
  );
  if (profile.accessDeniedBursts.length > 0) {
    lines.push(
      heading(
        'ACCESS DENIED BURSTS',
        profile.accessDeniedBursts.length,
        profile.accessDeniedBursts.length,
      ),
    );
    for (const burst of profile.accessDeniedBursts)
      lines.push({
        text: `  ${shortWhen(burst.first)} → ${shortWhen(burst.last)}  ${count(burst.count, 'denied call')}`,
        tone: 'alert',
        target: { kind: 'rows', label: `${profile.name} · denied burst`, rows: burst.rows },
      });
  }
  lines.push(heading('IAM CHANGES', profile.iamChanges.length, profile.iamChanges.length));
  for (const change of profile.iamChanges)
    lines.push({
      text: `  ${shortWhen(change.time)}  ${change.eventName.padEnd(22)} ${change.targets.join(', ')}${change.failed ? '  (failed)' : ''}`,
      tone: change.failed ? 'dim' : 'alert',
      target: {
        kind: 'events',
        label: `${profile.name} › ${change.eventName}`,
        query: `${scope} event:${quoted(change.eventName)}`,
      },
    });
  lines.push(
    heading(
      'CREATED OR ASSUMED IDENTITIES',
      profile.createdIdentities.length + profile.assumedRoles.length,
      profile.createdIdentities.length + profile.assumedRoles.length,
    ),
  );
  for (const created of profile.createdIdentities)
    lines.push({
      text: `  ${shortWhen(created.time)}  ${created.eventName.padEnd(22)} ${created.identity}`,
      tone: 'alert',
      target: { kind: 'principal', name: created.identity },
    });
  for (const assumed of profile.assumedRoles) {
    const roleName = assumed.role.replace(/^.*:role\/(?:.*\/)?/, '');
    lines.push({
      text: `  ${shortWhen(assumed.time)}  ${'AssumeRole'.padEnd(22)} ${assumed.role}${assumed.failed ? '  (failed)' : ''}`,
      tone: 'normal',
      target: { kind: 'principal', name: roleName },
    });
  }
  lines.push(
    ...eventsSection(
      'RESOURCES',
      profile.resources,
      profile.totals.resources,
      subject,
      'resource',
      40,
    ),
    ...eventsSection(
      'REGIONS',
      profile.regions,
      profile.totals.regions,
      subject,
      'region',
      16,
      mark('region'),
    ),
  );
  lines.push({ text: `IP data: ${context.ipDataDate} (offline)`, tone: 'dim' });
  return lines;
}
