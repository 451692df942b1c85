import type { DetectionContext } from '../context.js';
import { eventRule, plural, type BuiltinRule, type RuleHit } from '../rule.js';
import { usualHours } from './hours.js';
import { highOnlyFromUnusualPlaces } from './usual-place.js';

/** Persistence through IAM: new users with telling names, admin rights, credentials for others. */

/**
 * Names attackers give the users they create to blend in (the guide's list, aws_consoler from
 * the tool of that name, and the usual generic ones). Matched whole or as a prefix before a
 * separator or digits: `backup2`, `admin-temp`.
 */
const GENERIC_NAMES = [
  'admin',
  'administrator',
  'backup',
  'aws_consoler',
  'support',
  'test',
  'temp',
  'root',
  'sysadmin',
  'svc',
  'service',
  'default',
  'guest',
  'devops',
  'ops',
  'user',
  'security',
  'audit',
  'monitoring',
];
const GENERIC = new RegExp(`^(${GENERIC_NAMES.join('|')})([-_.]?[a-z0-9]{0,6})$`, 'i');

function createdName(context: DetectionContext, row: number): string {
  return context.facts(row)?.targetUser || context.value(row, 'resources').split('\n')[0] || '';
}

/** The caller's own user name, when the caller is an IAM user. */
function callerUser(context: DetectionContext, row: number): string {
  return context.value(row, 'identityType') === 'IAMUser' ? context.value(row, 'principal') : '';
}

const CREDENTIAL_CALLS: Record<string, string> = {
  CreateAccessKey: 'created an access key',
  CreateLoginProfile: 'gave console access (new password)',
  UpdateLoginProfile: 'changed the console password',
};

export const ROGUE_USER_RULES: BuiltinRule[] = [
  highOnlyFromUnusualPlaces(
    eventRule({
      id: 'iam-rogue-user-created',
      title: 'IAM user created with a generic or service-like name',
      severity: 'high',
      techniques: ['T1136.003'],
      why: 'Backdoor users hide behind names like admin, backup or aws_consoler, or under /service-role/.',
      learns: 'the addresses, networks and AS numbers each caller is established at',
      highWhen: 'made from a place the caller is not established at (medium from a usual place)',
      operations: ['CreateUser'],
      needsFacts: true,
      describe: (context, row) => {
        if (context.value(row, 'error')) return undefined;
        const name = createdName(context, row);
        const path = context.facts(row)?.path ?? '';
        if (path.includes('/service-role/')) return `created user ${name} under ${path}`;
        return GENERIC.test(name) ? `created user ${name} (generic name)` : undefined;
      },
    }),
  ),
  eventRule({
    id: 'iam-user-created',
    title: 'IAM user created',
    severity: 'low',
    techniques: ['T1136.003'],
    why: 'Every new user is a possible way back in; check who made it and why.',
    operations: ['CreateUser'],
    describe: (context, row) =>
      context.value(row, 'error') ? undefined : `created user ${createdName(context, row)}`,
  }),
  highOnlyFromUnusualPlaces(
    eventRule({
      id: 'iam-admin-policy-attached',
      title: 'AdministratorAccess (or allow-all) granted',
      severity: 'high',
      techniques: ['T1098.003'],
      why: 'Full administrator rights on a user, group or role turn one foothold into the whole account.',
      learns: 'the addresses, networks and AS numbers each caller is established at',
      highWhen: 'granted from a place the caller is not established at (medium from a usual place)',
      operations: [
        'AttachUserPolicy',
        'AttachRolePolicy',
        'AttachGroupPolicy',
        'PutUserPolicy',
        'PutRolePolicy',
        'PutGroupPolicy',
      ],
      needsFacts: true,
      describe: (context, row) => {
        if (context.value(row, 'error')) return undefined;
        const resources = context.value(row, 'resources').split('\n');
        const admin = resources.some((value) => value.endsWith(':policy/AdministratorAccess'));
        if (!admin && !context.facts(row)?.allowsEverything) return undefined;
        const target = resources.find((value) => !value.includes(':policy/')) ?? '';
        const what = admin ? 'AdministratorAccess' : 'an inline allow-all policy';
        return `${what} given to ${target || 'an identity'}`;
      },
    }),
  ),
  highOnlyFromUnusualPlaces(
    eventRule({
      id: 'iam-credentials-for-other-user',
      title: 'Credentials created or changed for another user',
      severity: 'high',
      techniques: ['T1098.001'],
      why: 'Making keys or passwords for someone else is how attackers keep access through an existing user.',
      learns: 'the addresses, networks and AS numbers each caller is established at',
      highWhen:
        'made from a place the caller is not established at; an admin onboarding a colleague from the office is medium',
      operations: Object.keys(CREDENTIAL_CALLS),
      needsFacts: true,
      describe: (context, row) => {
        if (context.value(row, 'error')) return undefined;
        const target = context.facts(row)?.targetUser ?? '';
        // No userName means the caller acted on itself; a role has no keys or password of its own.
        if (!target || target === callerUser(context, row)) return undefined;
        return `${CREDENTIAL_CALLS[context.operation(row)]} for ${target}`;
      },
    }),
  ),
  {
    id: 'iam-user-created-off-hours',
    title: 'IAM user created outside the account’s usual hours',
    severity: 'medium',
    techniques: ['T1136.003'],
    why: 'Administrators create users in working hours; a 3 a.m. user is worth a question.',
    needsFacts: false,
    run(context) {
      const created = context.rowsOf(['CreateUser']);
      if (created.length === 0) return [];
      const usual = usualHours(context, context.order);
      if (!usual) return [];
      const hits: RuleHit[] = [];
      for (const row of created) {
        const hour = new Date(context.time(row)).getUTCHours();
        if (usual.has(hour) || context.value(row, 'error')) continue;
        hits.push({
          principal: context.value(row, 'principal'),
          rows: [row],
          summary: `created user ${createdName(context, row)} at ${String(hour).padStart(2, '0')}:xx UTC, outside ${usual.describe()}`,
        });
      }
      return hits.length > 20
        ? [
            {
              ...hits[0]!,
              rows: hits.flatMap((hit) => hit.rows),
              summary: `${plural(hits.length, 'user')} created off hours`,
            },
          ]
        : hits;
    },
  },
];
