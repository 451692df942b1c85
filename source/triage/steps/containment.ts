import type { PlaybookStep } from '../types.js';

/**
 * The inline deny that voids every session token issued before now (AWS's own policy name).
 * Now is the clock (`{clock}`), not the trail's end: tokens issued since the evidence ends
 * must be voided too.
 */
const REVOKE_OLDER_SESSIONS =
  '\'{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"{clock}"}}}]}\'';

/**
 * Phase 6: cut the intruder off. Order follows AWS's playbook for compromised credentials:
 * shut the doors (password, keys, sessions) before removing what the intruder built, and
 * deactivate rather than delete so nothing needed for the investigation disappears.
 */
export const CONTAINMENT_STEPS: readonly PlaybookStep[] = [
  {
    id: 'disable-console-access',
    phase: 6,
    title: 'Disable console access',
    why: 'Deleting the login profile ends password sign-in; the user and its history stay.',
    look: 'Record the profile’s creation date first: a recent one may be the intruder’s own.',
    target: {
      kind: 'action',
      action: 'delete-login-profile',
      cli: [
        'aws iam get-login-profile --user-name {principal}',
        'aws iam delete-login-profile --user-name {principal}',
      ].join('\n'),
      needsLive: true,
    },
  },
  {
    id: 'deactivate-access-keys',
    phase: 6,
    title: 'Deactivate the access keys',
    why: 'Deactivate, not delete: the key stops working at once, stays on record, and can be turned back on if a workload breaks.',
    look: 'Every key of the user, not just the one seen: list them, deactivate each.',
    target: {
      kind: 'action',
      action: 'deactivate-keys',
      cli: [
        'aws iam list-access-keys --user-name {principal}',
        'aws iam update-access-key --user-name {principal} --access-key-id {key} --status Inactive',
        '# repeat update-access-key for every other key the list shows',
      ].join('\n'),
      needsLive: true,
    },
  },
  {
    id: 'attach-quarantine-policy',
    phase: 6,
    title: 'Attach the quarantine policy',
    why: 'AWS’s managed quarantine policy denies the calls intruders use to escalate, persist and spend, whatever credential of the user is used.',
    look: 'That the policy is attached; calls after it should fail with AccessDenied.',
    target: {
      kind: 'action',
      action: 'quarantine-policy',
      cli: 'aws iam attach-user-policy --user-name {principal} --policy-arn arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3',
      needsLive: true,
    },
  },
  {
    id: 'revoke-active-sessions',
    phase: 6,
    title: 'Revoke active sessions',
    why: 'Session tokens already issued stay valid for hours after the keys are off; a deny on older tokens voids them.',
    look: 'The user, and each role the suspect assumed (from its profile): both get the deny.',
    target: {
      kind: 'action',
      action: 'revoke-sessions',
      cli: [
        `aws iam put-user-policy --user-name {principal} --policy-name AWSRevokeOlderSessions --policy-document ${REVOKE_OLDER_SESSIONS}`,
        `aws iam put-role-policy --role-name ROLE_NAME --policy-name AWSRevokeOlderSessions --policy-document ${REVOKE_OLDER_SESSIONS}`,
      ].join('\n'),
      needsLive: true,
    },
  },
  {
    id: 'delete-suspicious-roles',
    phase: 6,
    title: 'Delete roles the intruder created',
    why: 'A role with an outside trust is a door that no key rotation closes.',
    look: 'Only roles confirmed as the intruder’s (phase 3). Save get-role first: the trust policy is evidence.',
    target: {
      kind: 'action',
      action: 'delete-role',
      cli: [
        'aws iam get-role --role-name ROLE_NAME > ./evidence/role-ROLE_NAME.json',
        'aws iam list-instance-profiles-for-role --role-name ROLE_NAME',
        'aws iam remove-role-from-instance-profile --instance-profile-name PROFILE_NAME --role-name ROLE_NAME',
        'aws iam list-role-policies --role-name ROLE_NAME',
        'aws iam delete-role-policy --role-name ROLE_NAME --policy-name POLICY_NAME',
        'aws iam list-attached-role-policies --role-name ROLE_NAME',
        'aws iam detach-role-policy --role-name ROLE_NAME --policy-arn POLICY_ARN',
        'aws iam delete-role --role-name ROLE_NAME',
      ].join('\n'),
      needsLive: true,
    },
  },
  {
    id: 'delete-rogue-users',
    phase: 6,
    title: 'Delete users the intruder created',
    why: 'A rogue user keeps its own password and keys; IAM refuses DeleteUser until everything attached is gone.',
    look: 'Only users confirmed as the intruder’s (phase 3). The order is AWS’s: each line removes what blocks the last.',
    target: {
      kind: 'action',
      action: 'delete-user',
      cli: [
        'aws iam delete-login-profile --user-name USER_NAME',
        'aws iam list-access-keys --user-name USER_NAME',
        'aws iam delete-access-key --user-name USER_NAME --access-key-id KEY_ID',
        'aws iam list-signing-certificates --user-name USER_NAME',
        'aws iam delete-signing-certificate --user-name USER_NAME --certificate-id CERTIFICATE_ID',
        'aws iam list-ssh-public-keys --user-name USER_NAME',
        'aws iam delete-ssh-public-key --user-name USER_NAME --ssh-public-key-id SSH_KEY_ID',
        'aws iam list-service-specific-credentials --user-name USER_NAME',
        'aws iam delete-service-specific-credential --user-name USER_NAME --service-specific-credential-id CREDENTIAL_ID',
        'aws iam list-mfa-devices --user-name USER_NAME',
        'aws iam deactivate-mfa-device --user-name USER_NAME --serial-number MFA_SERIAL',
        'aws iam delete-virtual-mfa-device --serial-number MFA_SERIAL',
        'aws iam list-user-policies --user-name USER_NAME',
        'aws iam delete-user-policy --user-name USER_NAME --policy-name POLICY_NAME',
        'aws iam list-attached-user-policies --user-name USER_NAME',
        'aws iam detach-user-policy --user-name USER_NAME --policy-arn POLICY_ARN',
        'aws iam list-groups-for-user --user-name USER_NAME',
        'aws iam remove-user-from-group --user-name USER_NAME --group-name GROUP_NAME',
        'aws iam delete-user --user-name USER_NAME',
      ].join('\n'),
      needsLive: true,
    },
  },
  {
    id: 'stop-compromised-lambda',
    phase: 6,
    title: 'Stop a compromised Lambda function',
    why: 'Reserved concurrency 0 stops every invocation at once and keeps the code for evidence.',
    look: 'Note the current concurrency first, to restore it once clean code is deployed.',
    target: {
      kind: 'action',
      action: 'stop-lambda',
      cli: [
        'aws lambda get-function-concurrency --function-name FUNCTION_NAME',
        'aws lambda put-function-concurrency --function-name FUNCTION_NAME --reserved-concurrent-executions 0',
      ].join('\n'),
      needsLive: true,
    },
  },
];
