import type { Finding } from '../finding.js';
import type { Expectation } from './model.js';

/**
 * Rules whose claim is "a new, or another, place": from known networks that claim is false.
 * Rules about what was done (an admin policy attached, logging stopped) are not among them: done
 * from the office VPN they are still findings.
 */
export const PLACE_RULES: ReadonlySet<string> = new Set([
  'console-login-new-ip',
  'get-caller-identity-new-ip',
  'impossible-travel',
  'access-key-multiple-ips',
  'new-address-first-action-iam-write',
  'key-created-then-used-elsewhere',
  's3-list-buckets-outside-aws',
  'chain-login-discovery-access',
]);

/** Rules whose claim is "another account": from an expected account, not a finding. */
export const CROSS_ACCOUNT_RULES: ReadonlySet<string> = new Set([
  'sts-cross-account-assume-role',
  'iam-role-trusts-other-account',
  'ec2-snapshot-shared',
  'ec2-ami-shared',
  'rds-snapshot-shared',
]);

/**
 * What each expectation covers: built-in rules by id, Sigma rules by their ATT&CK techniques
 * (a technique covers its sub-techniques). Built-ins are named, not matched by technique: a
 * correlation that cites T1098 among others is more than an IAM write.
 */
const EXPECTED: Record<Expectation, { rules: string[]; techniques: string[] }> = {
  'iam-write': {
    rules: [
      'iam-user-created',
      'iam-rogue-user-created',
      'iam-user-created-off-hours',
      'iam-admin-policy-attached',
      'iam-credentials-for-other-user',
      'iam-role-trusts-other-account',
      'rolesanywhere-trust-anchor-created',
      'lambda-role-iam-write',
      'new-address-first-action-iam-write',
    ],
    techniques: ['T1098', 'T1136'],
  },
  enumeration: {
    rules: [
      'discovery-burst',
      'access-denied-burst',
      's3-list-buckets-outside-aws',
      'get-caller-identity-new-ip',
    ],
    techniques: ['T1580', 'T1526', 'T1087', 'T1619', 'T1069', 'T1518', 'T1082'],
  },
  deploy: {
    rules: ['lambda-function-modified', 'ssm-remote-command', 'cloudwatch-logs-deleted'],
    techniques: ['T1648', 'T1525', 'T1651'],
  },
  'assume-role': {
    rules: ['sts-assume-role-first-time', 'sts-cross-account-assume-role', 'sts-get-session-token'],
    techniques: ['T1548.005'],
  },
  'secrets-read': { rules: ['credential-store-read-burst'], techniques: ['T1555.006'] },
  'data-read': { rules: ['s3-bulk-object-reads'], techniques: ['T1530'] },
};

function coversTechnique(wanted: string, technique: string): boolean {
  return technique === wanted || technique.startsWith(`${wanted}.`);
}

/** Whether a role's `expects` (expectation names or rule ids) covers a finding. */
export function expects(names: readonly string[], finding: Finding): boolean {
  for (const name of names) {
    if (name === finding.ruleId) return true;
    const expected = EXPECTED[name as Expectation];
    if (!expected) continue;
    if (finding.origin !== 'sigma') {
      if (expected.rules.includes(finding.ruleId)) return true;
    } else if (
      finding.techniques.some((technique) =>
        expected.techniques.some((wanted) => coversTechnique(wanted, technique)),
      )
    )
      return true;
  }
  return false;
}
