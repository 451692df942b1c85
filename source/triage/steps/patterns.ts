import type { PlaybookStep } from '../types.js';

/**
 * Phase 4: the patterns the incident guide names, each with the findings that bear on it. A
 * pattern with no findings is not cleared: the rule may not see what the logs lack.
 */
export const PATTERN_STEPS: readonly PlaybookStep[] = [
  {
    id: 'pattern-compromised-credentials',
    phase: 4,
    title: 'Compromised credentials',
    why: 'Most incidents start with a password or key used by someone else.',
    look: 'New addresses, countries and networks, logins without MFA, failed logins, one key in several places, instance credentials outside AWS.',
    target: {
      kind: 'findings',
      rules: [
        'console-login-new-ip',
        'console-login-without-mfa',
        'console-login-failures',
        'access-key-multiple-ips',
        'impossible-travel',
        'instance-credentials-outside-aws',
        'unusual-hours',
        'get-caller-identity-new-ip',
        'chain-login-discovery-access',
      ],
    },
  },
  {
    id: 'pattern-lambda-compromise',
    phase: 4,
    title: 'Lambda compromise',
    why: 'A changed function runs the intruder’s code with its role, long after the session ends.',
    look: 'Functions changed from unusual places, and execution roles that changed IAM.',
    target: { kind: 'findings', rules: ['lambda-function-modified', 'lambda-role-iam-write'] },
  },
  {
    id: 'pattern-rogue-iam-users',
    phase: 4,
    title: 'Rogue IAM users',
    why: 'New users, keys for other users and admin grants are how intruders stay and climb.',
    look: 'Users with generic or service-like names, users made off hours, credentials made for someone else, admin policies granted.',
    target: {
      kind: 'findings',
      rules: [
        'iam-rogue-user-created',
        'iam-user-created',
        'iam-user-created-off-hours',
        'iam-credentials-for-other-user',
        'iam-admin-policy-attached',
        'key-created-then-used-elsewhere',
        'new-address-first-action-iam-write',
      ],
    },
  },
  {
    id: 'pattern-federation-abuse',
    phase: 4,
    title: 'Federation-token and role abuse',
    why: 'Temporary credentials outlive a deactivated key: federation tokens last up to 36 hours.',
    look: 'GetFederationToken and GetSessionToken callers, roles assumed for the first time or across accounts, new trusts and trust anchors.',
    target: {
      kind: 'findings',
      rules: [
        'sts-get-federation-token',
        'sts-get-session-token',
        'sts-assume-role-first-time',
        'sts-cross-account-assume-role',
        'iam-role-trusts-other-account',
        'rolesanywhere-trust-anchor-created',
      ],
    },
  },
  {
    id: 'pattern-defense-evasion',
    phase: 4,
    title: 'Logging and detection turned off',
    why: 'A stopped trail or a disabled detector means the logs you read are missing a part.',
    look: 'Trails stopped, deleted or changed, GuardDuty, Config or Security Hub disabled, flow logs deleted: note the gap each leaves.',
    target: {
      kind: 'findings',
      rules: [
        'cloudtrail-stop-logging',
        'cloudtrail-delete-trail',
        'cloudtrail-trail-changed',
        'guardduty-disabled',
        'config-disabled',
        'securityhub-disabled',
        'flow-logs-deleted',
        'cloudwatch-logs-deleted',
      ],
    },
  },
  {
    id: 'pattern-data-access',
    phase: 4,
    title: 'Data read or shared out',
    why: 'What left the account decides who must be told.',
    look: 'Buckets listed and objects read, secrets read, snapshots and AMIs shared, buckets made public.',
    target: {
      kind: 'findings',
      rules: [
        's3-list-buckets-outside-aws',
        's3-bulk-object-reads',
        'credential-store-read-burst',
        'ec2-snapshot-shared',
        'ec2-ami-shared',
        'rds-snapshot-shared',
        's3-bucket-made-public',
      ],
    },
  },
];
