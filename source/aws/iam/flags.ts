import { statementsOf, type Statement } from './policy-document.js';
import type { PolicyText, RoleInventory, UserInventory } from './types.js';

/**
 * What stands out in a principal's IAM state, computed from the inventory alone (pure: the
 * caller passes the time, its own account and the IPs each key was seen from in the loaded trail).
 */
export interface InventoryFlag {
  id:
    | 'console-without-mfa'
    | 'admin-access'
    | 'old-access-key'
    | 'key-multiple-ips'
    | 'rogue-name'
    | 'service-role-path'
    | 'trusts-other-account';
  severity: 'high' | 'medium' | 'low';
  title: string;
  /** Names come from IAM and are attacker-chosen: sanitize before printing. */
  detail: string;
}

export interface UserFlagInput {
  now: Date;
  /** Source IPs seen per access key id in the loaded trail. */
  ipsByKey?: ReadonlyMap<string, readonly string[]>;
  /** Keys older than this many days are flagged (AWS's guidance is 90). */
  maxKeyAgeDays?: number;
}

const DAY_MS = 86_400_000;
const ADMIN_POLICY = /:policy\/AdministratorAccess$/;

/**
 * Names attackers give the users they create to pass as routine (the incident guide's list,
 * `aws_consoler` from the tool of that name, names posing as AWS's own). The detections keep a
 * similar list for CreateUser events; the aws layer may not import detect, so this is its own.
 */
const GENERIC_NAMES =
  'admin|administrator|backup|support|test|temp|root|sysadmin|svc|service|default|guest|devops|ops|user|security|audit|monitoring';
const GENERIC = new RegExp(`^(${GENERIC_NAMES})([-_.]?[a-z0-9]{0,6})$`, 'i');
const AWS_LOOKALIKE = /consoler|^aws[-_.]|^amazon[-_.]/i;

export function isRogueName(name: string): boolean {
  return GENERIC.test(name) || AWS_LOOKALIKE.test(name);
}

/** A statement that allows every action on every resource (`*`, `*:*`). */
export function allowsEverything(statement: Statement): boolean {
  return (
    statement.effect === 'Allow' &&
    statement.actions.some((action) => action === '*' || action === '*:*') &&
    statement.resources.includes('*')
  );
}

function adminGrants(principal: UserInventory | RoleInventory): string[] {
  const grants = policyGrants(principal.attachedPolicies, principal.inlinePolicies, '');
  if (principal.kind === 'user') {
    for (const group of principal.groupPolicies ?? []) {
      grants.push(
        ...policyGrants(
          group.attachedPolicies,
          group.inlinePolicies,
          ` through group ${group.name}`,
        ),
      );
    }
  }
  return grants;
}

/** The one flag for AdministratorAccess or `*` on `*`, however granted; none without. */
function adminFlag(principal: UserInventory | RoleInventory): InventoryFlag[] {
  const admin = adminGrants(principal);
  if (admin.length === 0) return [];
  return [
    {
      id: 'admin-access',
      severity: 'high',
      title: 'Administrator access',
      detail: admin.join('; '),
    },
  ];
}

function policyGrants(
  attached: UserInventory['attachedPolicies'],
  inline: UserInventory['inlinePolicies'],
  via: string,
): string[] {
  const grants = attached
    .filter((policy) => ADMIN_POLICY.test(policy.arn))
    .map((policy) => `attached ${policy.name}${via}`);
  for (const policy of inline) {
    if (statementsOf(policy.document).some(allowsEverything))
      grants.push(`inline ${policy.name} allows * on *${via}`);
  }
  return grants;
}

export function userFlags(user: UserInventory, input: UserFlagInput): InventoryFlag[] {
  const flags: InventoryFlag[] = [];
  if (user.loginProfile && user.mfaDevices.length === 0) {
    flags.push({
      id: 'console-without-mfa',
      severity: 'medium',
      title: 'Console access without MFA',
      detail: `${user.name} has a console password and no MFA device`,
    });
  }
  flags.push(...adminFlag(user));
  const maxAge = (input.maxKeyAgeDays ?? 90) * DAY_MS;
  for (const key of user.accessKeys) {
    const created = key.createdAt ? Date.parse(key.createdAt) : NaN;
    if (key.status === 'Active' && input.now.getTime() - created > maxAge) {
      const days = Math.floor((input.now.getTime() - created) / DAY_MS);
      flags.push({
        id: 'old-access-key',
        severity: 'low',
        title: `Access key older than ${input.maxKeyAgeDays ?? 90} days`,
        detail: `${key.id} is ${days} days old and active`,
      });
    }
    const ips = new Set(input.ipsByKey?.get(key.id) ?? []);
    if (ips.size > 1) {
      flags.push({
        id: 'key-multiple-ips',
        severity: 'medium',
        title: 'Access key used from more than one IP',
        detail: `${key.id} used from ${[...ips].sort().join(', ')}`,
      });
    }
  }
  if (isRogueName(user.name)) {
    flags.push({
      id: 'rogue-name',
      severity: 'high',
      title: 'User name of the kind attackers use',
      detail: `${user.name} looks generic or poses as AWS`,
    });
  }
  // AWS puts service-linked *roles* under these paths; a user there is hiding.
  if (/^\/(aws-)?service-role\//.test(user.path)) {
    flags.push({
      id: 'service-role-path',
      severity: 'high',
      title: 'User under a service-role path',
      detail: `${user.name} has path ${user.path}`,
    });
  }
  return flags;
}

export function roleFlags(role: RoleInventory, input: { callerAccount: string }): InventoryFlag[] {
  const flags: InventoryFlag[] = [];
  flags.push(...adminFlag(role));
  const outsiders = foreignTrustees(role.trustPolicy, input.callerAccount || role.accountId);
  if (outsiders.length > 0) {
    flags.push({
      id: 'trusts-other-account',
      severity: 'high',
      title: 'Trust policy lets another account in',
      detail: `${role.name} can be assumed by ${outsiders.join(', ')}`,
    });
  }
  if (isRogueName(role.name) && !/^\/(aws-)?service-role\//.test(role.path)) {
    flags.push({
      id: 'rogue-name',
      severity: 'low',
      title: 'Role name of the kind attackers use',
      detail: `${role.name} looks generic or poses as AWS`,
    });
  }
  return flags;
}

/**
 * The AWS principals outside `account` that an Allow statement of a trust policy names: other
 * account ids or ARNs in other accounts, and `*` (anyone). Service and federated principals are
 * not accounts and are left to the analyst.
 */
export function foreignTrustees(trust: PolicyText, account: string): string[] {
  const found = new Set<string>();
  for (const statement of statementsOf(trust.document)) {
    if (statement.effect !== 'Allow') continue;
    for (const principal of awsPrincipals(statement.principal)) {
      if (principal === '*') found.add('* (anyone)');
      else {
        const other = /^\d{12}$/.test(principal) ? principal : (principal.split(':')[4] ?? '');
        if (other !== '' && other !== account) found.add(principal);
      }
    }
  }
  return [...found];
}

function awsPrincipals(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (typeof principal !== 'object' || principal === null) return [];
  const aws = (principal as Record<string, unknown>)['AWS'];
  if (typeof aws === 'string') return [aws];
  return Array.isArray(aws) ? aws.filter((item): item is string => typeof item === 'string') : [];
}
