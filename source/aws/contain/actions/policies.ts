import { statementsOf } from '../../iam/policy-document.js';
import type { RoleInventory, UserInventory } from '../../iam/types.js';
import { iamSubject, plannedCall, type PlanContext } from '../plan-context.js';
import {
  QUARANTINE_INLINE_NAME,
  QUARANTINE_POLICY_ARN,
  REVOKE_POLICY_NAME,
  type Check,
  type PlannedCall,
} from '../types.js';

type Principal = UserInventory | RoleInventory;
interface Part {
  calls: PlannedCall[];
  checks: Check[];
  notes: string[];
}

const targetOf = (principal: Principal) => ({ kind: principal.kind, name: principal.name });

/** AttachUserPolicy / AttachRolePolicy of AWSCompromisedKeyQuarantineV3, unless it is there. */
export function attachQuarantine(principal: Principal, context: PlanContext): Part {
  const { key, noun } = iamSubject(targetOf(principal));
  const attached = principal.attachedPolicies.some(
    (policy) => policy.arn === QUARANTINE_POLICY_ARN,
  );
  const calls = attached
    ? []
    : [
        plannedCall(
          context,
          'iam',
          `Attach${noun}Policy`,
          { [key]: principal.name, PolicyArn: QUARANTINE_POLICY_ARN },
          'deny the actions an attacker uses (AWS quarantine policy)',
        ),
      ];
  return {
    calls,
    checks: [
      {
        kind: 'attached',
        target: targetOf(principal),
        policyArn: QUARANTINE_POLICY_ARN,
        present: true,
      },
    ],
    notes: attached ? ['the quarantine policy is already attached'] : [],
  };
}

export const DENY_ALL_DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'TrailhoundQuarantine', Effect: 'Deny', Action: '*', Resource: '*' }],
});

/** An inline deny-all, for accounts where the managed policy cannot be attached. */
export function putInlineQuarantine(principal: Principal, context: PlanContext): Part {
  const { key, noun } = iamSubject(targetOf(principal));
  const present = principal.inlinePolicies.some(
    (policy) =>
      policy.name === QUARANTINE_INLINE_NAME &&
      statementsOf(policy.document).some(
        (statement) =>
          statement.effect === 'Deny' &&
          statement.actions.includes('*') &&
          statement.resources.includes('*') &&
          statement.condition === undefined,
      ),
  );
  return {
    calls: present
      ? []
      : [
          plannedCall(
            context,
            'iam',
            `Put${noun}Policy`,
            {
              [key]: principal.name,
              PolicyName: QUARANTINE_INLINE_NAME,
              PolicyDocument: DENY_ALL_DOCUMENT,
            },
            'deny every action (inline quarantine)',
          ),
        ],
    checks: [
      {
        kind: 'inline',
        target: targetOf(principal),
        policyName: QUARANTINE_INLINE_NAME,
        present: true,
      },
    ],
    notes: present ? ['the inline quarantine policy is already in place'] : [],
  };
}

/** The document the IAM console writes to revoke sessions issued before `cutoff`. */
export function revokeDocument(cutoff: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff } },
      },
    ],
  });
}

/** The cutoff of an existing AWSRevokeOlderSessions policy, if it has one. */
export function revokeCutoff(principal: Principal): string | undefined {
  const policy = principal.inlinePolicies.find((inline) => inline.name === REVOKE_POLICY_NAME);
  for (const statement of statementsOf(policy?.document)) {
    const condition = statement.condition as Record<string, Record<string, unknown>> | undefined;
    const value = condition?.['DateLessThan']?.['aws:TokenIssueTime'];
    const time = Array.isArray(value) ? value[0] : value;
    if (statement.effect === 'Deny' && typeof time === 'string') return time;
  }
  return undefined;
}

/**
 * Revoke every session issued before now: an inline Deny `*` on `*` while aws:TokenIssueTime is
 * before the cutoff. A policy already there with a cutoff at or after this one covers it, so a
 * re-run of the same plan does nothing; a later run moves the cutoff forward.
 */
export function putRevokeSessions(principal: Principal, context: PlanContext): Part {
  const { key, noun } = iamSubject(targetOf(principal));
  const cutoff = context.now.toISOString();
  const existing = revokeCutoff(principal);
  const covered = existing !== undefined && Date.parse(existing) >= Date.parse(cutoff);
  return {
    calls: covered
      ? []
      : [
          plannedCall(
            context,
            'iam',
            `Put${noun}Policy`,
            {
              [key]: principal.name,
              PolicyName: REVOKE_POLICY_NAME,
              PolicyDocument: revokeDocument(cutoff),
            },
            `deny every session issued before ${cutoff}`,
          ),
        ],
    checks: [
      {
        kind: 'inline',
        target: targetOf(principal),
        policyName: REVOKE_POLICY_NAME,
        present: true,
        tokenIssueTime: covered ? existing : cutoff,
      },
    ],
    notes: covered ? [`sessions issued before ${existing} are already revoked`] : [],
  };
}

/** Undo quarantine: detach the managed policy and delete the inline deny-all, where present. */
export function removeQuarantine(principal: Principal, context: PlanContext): Part {
  const { key, noun } = iamSubject(targetOf(principal));
  const calls: PlannedCall[] = [];
  if (principal.attachedPolicies.some((policy) => policy.arn === QUARANTINE_POLICY_ARN)) {
    calls.push(
      plannedCall(
        context,
        'iam',
        `Detach${noun}Policy`,
        { [key]: principal.name, PolicyArn: QUARANTINE_POLICY_ARN },
        'undo: lift the quarantine',
      ),
    );
  }
  if (principal.inlinePolicies.some((policy) => policy.name === QUARANTINE_INLINE_NAME)) {
    calls.push(
      plannedCall(
        context,
        'iam',
        `Delete${noun}Policy`,
        { [key]: principal.name, PolicyName: QUARANTINE_INLINE_NAME },
        'undo: lift the inline quarantine',
      ),
    );
  }
  return {
    calls,
    checks: [
      {
        kind: 'attached',
        target: targetOf(principal),
        policyArn: QUARANTINE_POLICY_ARN,
        present: false,
      },
      {
        kind: 'inline',
        target: targetOf(principal),
        policyName: QUARANTINE_INLINE_NAME,
        present: false,
      },
    ],
    notes: calls.length === 0 ? [`${principal.name} is not quarantined`] : [],
  };
}

/** Undo revoke-sessions: delete the AWSRevokeOlderSessions inline policy. */
export function removeRevokeSessions(principal: Principal, context: PlanContext): Part {
  const { key, noun } = iamSubject(targetOf(principal));
  const present = principal.inlinePolicies.some((policy) => policy.name === REVOKE_POLICY_NAME);
  return {
    calls: present
      ? [
          plannedCall(
            context,
            'iam',
            `Delete${noun}Policy`,
            { [key]: principal.name, PolicyName: REVOKE_POLICY_NAME },
            'undo: sessions work again',
          ),
        ]
      : [],
    checks: [
      {
        kind: 'inline',
        target: targetOf(principal),
        policyName: REVOKE_POLICY_NAME,
        present: false,
      },
    ],
    notes: present ? [] : [`${principal.name} has no session-revocation policy`],
  };
}
