import type { DetectionContext } from '../context.js';
import { eventRule, plural, type BuiltinRule, type RuleHit } from '../rule.js';
import { duration, runsOf } from './clusters.js';
import { gradeReach, highOnlyFromUnusualPlaces } from './usual-place.js';

/** Ways back in that are not users: trusted roles, certificate trust anchors, open ports. */

const ACCOUNT_IN_ARN = /^arn:[^:]+:iam::(\d{12}):/;

/** Principals of a trust policy outside the role's own account ('*' counts as outside). */
function outsiders(context: DetectionContext, row: number): string[] {
  const own = context.value(row, 'account');
  return (context.facts(row)?.trusted ?? []).filter((principal) => {
    if (principal === '*') return true;
    const account =
      ACCOUNT_IN_ARN.exec(principal)?.[1] ?? (/^\d{12}$/.test(principal) ? principal : '');
    return account !== '' && account !== own;
  });
}

/**
 * Trusting anyone is always high. Trusting an account of the organization (one the trail shows
 * working) is how cross-account roles are built: low. Trusting an outsider is high unless the
 * caller works from where it always does: a pipeline or an administrator adding a vendor's
 * account from their usual place is medium.
 */
function trustsOtherAccount(rule: BuiltinRule): BuiltinRule {
  return {
    ...rule,
    run(context) {
      return rule.run(context).map((hit) => {
        const trusted = hit.rows.flatMap((row) => outsiders(context, row));
        return gradeReach(context, hit, {
          everyone: trusted.includes('*'),
          accounts: trusted.map(accountOf),
        });
      });
    },
  };
}

function accountOf(principal: string): string {
  return ACCOUNT_IN_ARN.exec(principal)?.[1] ?? principal;
}

const CREDENTIAL_READS = [
  'GetSecretValue',
  'BatchGetSecretValue',
  'GetParameter',
  'GetParameters',
  'GetParametersByPath',
  'GetPasswordData',
];
const CREDENTIAL_READS_MIN = 5;
const CREDENTIAL_GAP_MS = 10 * 60_000;

export const PERSISTENCE_RULES: BuiltinRule[] = [
  trustsOtherAccount(
    eventRule({
      id: 'iam-role-trusts-other-account',
      title: 'Role trusts another account (or anyone)',
      severity: 'high',
      techniques: ['T1098.003', 'T1199'],
      why: 'A role that an outside account may assume is a door that survives every password reset.',
      learns:
        'the accounts the trail shows (the organization) and the places each caller is established at',
      highWhen:
        'anyone (*) is trusted, or an account the trail never shows, unless from a place the caller is established at',
      operations: ['CreateRole', 'UpdateAssumeRolePolicy'],
      needsFacts: true,
      describe: (context, row) => {
        if (context.value(row, 'error')) return undefined;
        const outside = outsiders(context, row);
        if (outside.length === 0) return undefined;
        const role = context.value(row, 'resources').split('\n')[0] || 'a role';
        return `${role} may be assumed by ${outside.join(', ')}`;
      },
    }),
  ),
  highOnlyFromUnusualPlaces(
    eventRule({
      id: 'rolesanywhere-trust-anchor-created',
      title: 'IAM Roles Anywhere trust anchor created',
      severity: 'high',
      techniques: ['T1098'],
      why: 'A trust anchor lets anyone holding a certificate from that CA get credentials, from anywhere.',
      learns: 'the addresses, networks and AS numbers each caller is established at',
      highWhen: 'created from a place the caller is not established at (medium from a usual place)',
      operations: ['CreateTrustAnchor', 'CreateProfile'],
      describe: (context, row) =>
        context.value(row, 'eventSource').startsWith('rolesanywhere.') &&
        !context.value(row, 'error')
          ? `${context.value(row, 'eventName')} ${context.value(row, 'resources').split('\n')[0] ?? ''}`.trim()
          : undefined,
    }),
  ),
  eventRule({
    id: 'security-group-opened-to-world',
    title: 'Security group opened to the internet',
    severity: 'medium',
    techniques: ['T1562.007'],
    why: 'An ingress rule from 0.0.0.0/0 exposes the instances behind it to every scanner.',
    operations: ['AuthorizeSecurityGroupIngress'],
    needsFacts: true,
    describe: (context, row) => {
      if (context.value(row, 'error')) return undefined;
      const open = (context.facts(row)?.cidrs ?? []).filter((cidr) => cidr.endsWith('/0'));
      return open.length > 0 ? `ingress from ${open.join(', ')}` : undefined;
    },
  }),
  eventRule({
    id: 'ssm-remote-command',
    title: 'Commands run on instances through SSM',
    severity: 'low',
    techniques: ['T1651'],
    why: 'SendCommand and StartSession run code on instances without SSH: handy for admins and intruders alike.',
    operations: ['SendCommand', 'StartSession'],
  }),
  {
    id: 'credential-store-read-burst',
    title: 'Burst of secret, parameter or password reads',
    severity: 'medium',
    techniques: ['T1555.006', 'T1552'],
    why: 'Reading many secrets in minutes, or being refused them, is credential harvesting.',
    needsFacts: false,
    run(context) {
      const reads = context.rowsOf(CREDENTIAL_READS);
      const hits: RuleHit[] = [];
      for (const group of context.groupByActor(reads).values()) {
        for (const run of runsOf(context, group, CREDENTIAL_GAP_MS)) {
          if (run.length < CREDENTIAL_READS_MIN) continue;
          const denied = run.filter((row) => context.value(row, 'error') !== '').length;
          const span = context.time(run[run.length - 1]!) - context.time(run[0]!);
          hits.push({
            principal: context.actor(run[0]!),
            rows: run,
            summary: `${plural(run.length, 'read')} of secrets or parameters in ${duration(span)}${denied > 0 ? `, ${denied} denied` : ''}`,
          });
        }
      }
      return hits;
    },
  },
];
