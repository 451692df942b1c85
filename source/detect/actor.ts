import { splitQualified } from '../trail/account-name.js';
import type { Finding } from './finding.js';
import { roleOf } from './rules/workload-roles.js';

/**
 * Identity Center roles: each session is a person (the session name is their user name), so
 * those sessions stay actors of their own.
 */
const PERSON_ROLE = /^AWSReservedSSO_/;

/**
 * Who acts, as an analyst counts actors: a role with all its sessions (a nightly scanner names a
 * new session every day, yet it is one scanner), or the principal itself. Findings, baselines and
 * bursts group by the actor, never by one day's session name.
 */
export function actorOf(principal: string): string {
  const role = roleOf(principal);
  return role && !PERSON_ROLE.test(splitQualified(role).name) ? role : principal;
}

/**
 * Whether a finding is about the principal a profile shows: a role's profile takes the role's
 * findings (and any about one of its sessions); a session's profile takes its role's findings
 * only when some evidence is that session's own.
 */
export function findingIsAbout(
  finding: Finding,
  profile: { name: string; kind: string },
  principalAt: (row: number) => string,
): boolean {
  if (profile.kind === 'role')
    return finding.principal === profile.name || finding.principal.startsWith(`${profile.name}/`);
  if (finding.principal === profile.name) return true;
  // The rows' principals are the index's own names: an `ACCOUNT/name` profile is `name` there.
  const own = splitQualified(profile.name).name;
  return (
    finding.principal !== '' &&
    finding.principal === actorOf(profile.name) &&
    finding.rows.some((row) => principalAt(row) === own)
  );
}
