import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { detectIn } from '../helpers/detect.js';

/**
 * Each Stratus Red Team detonation that a built-in rule covers must raise that rule: the real
 * logs of the attack, not records shaped to please the rule.
 */
const EXPECTED: [technique: string, ruleId: string][] = [
  ['aws.initial-access.console-login-without-mfa', 'console-login-without-mfa'],
  ['aws.persistence.iam-create-admin-user', 'iam-admin-policy-attached'],
  ['aws.persistence.iam-create-admin-user', 'iam-user-created'],
  ['aws.persistence.iam-create-user-login-profile', 'iam-credentials-for-other-user'],
  ['aws.persistence.iam-backdoor-user', 'iam-credentials-for-other-user'],
  ['aws.persistence.iam-create-backdoor-role', 'iam-admin-policy-attached'],
  ['aws.persistence.sts-federation-token', 'sts-get-federation-token'],
  ['aws.persistence.lambda-overwrite-code', 'lambda-function-modified'],
  ['aws.persistence.lambda-layer-extension', 'lambda-function-modified'],
  ['aws.persistence.lambda-backdoor-function', 'lambda-function-modified'],
  ['aws.defense-evasion.cloudtrail-stop', 'cloudtrail-stop-logging'],
  ['aws.defense-evasion.cloudtrail-delete', 'cloudtrail-delete-trail'],
  ['aws.defense-evasion.cloudtrail-event-selectors', 'cloudtrail-trail-changed'],
  ['aws.defense-evasion.vpc-remove-flow-logs', 'flow-logs-deleted'],
  ['aws.defense-evasion.dns-delete-logs', 'flow-logs-deleted'],
  ['aws.exfiltration.ec2-share-ebs-snapshot', 'ec2-snapshot-shared'],
  ['aws.exfiltration.ec2-share-ami', 'ec2-ami-shared'],
  ['aws.exfiltration.rds-share-snapshot', 'rds-snapshot-shared'],
  ['aws.defense-evasion.organizations-leave', 'organizations-leave'],
  ['aws.privilege-escalation.iam-update-user-login-profile', 'iam-credentials-for-other-user'],
  ['aws.persistence.iam-backdoor-role', 'iam-role-trusts-other-account'],
  ['aws.persistence.iam-create-backdoor-role', 'iam-role-trusts-other-account'],
  ['aws.persistence.rolesanywhere-create-trust-anchor', 'rolesanywhere-trust-anchor-created'],
  ['aws.exfiltration.ec2-security-group-open-port-22-ingress', 'security-group-opened-to-world'],
  ['aws.credential-access.secretsmanager-retrieve-secrets', 'credential-store-read-burst'],
  ['aws.credential-access.secretsmanager-batch-retrieve-secrets', 'credential-store-read-burst'],
  ['aws.credential-access.ssm-retrieve-securestring-parameters', 'credential-store-read-burst'],
  ['aws.credential-access.ec2-get-password-data', 'credential-store-read-burst'],
  ['aws.execution.ssm-send-command', 'ssm-remote-command'],
  ['aws.execution.ssm-start-session', 'ssm-remote-command'],
];

describe('built-in rules on the Stratus Red Team detonations', () => {
  it.each(EXPECTED)('%s raises %s', async (technique, ruleId) => {
    const run = await detectIn([fixture('stratus', `${technique}.json`)]);
    const finding = run.findings.find((f) => f.ruleId === ruleId);
    expect(finding, run.findings.map((f) => f.ruleId).join(', ')).toBeDefined();
    expect(finding!.rows.length).toBeGreaterThan(0);
    expect(finding!.techniques.length).toBeGreaterThan(0);
    expect(finding!.summary).not.toBe('');
  });

  it('names the grantee account when a snapshot is shared', async () => {
    const run = await detectIn([
      fixture('stratus', 'aws.exfiltration.ec2-share-ebs-snapshot.json'),
    ]);
    const finding = run.findings.find((f) => f.ruleId === 'ec2-snapshot-shared')!;
    expect(finding.summary).toContain('snap-041993b54a9b3af6f shared with account 098797384747');
    expect(finding.severity).toBe('high');
  });

  it('a role trusted by its own account is not a backdoor; one trusted by another is', async () => {
    const run = await detectIn([fixture('stratus', 'aws.persistence.iam-backdoor-role.json')]);
    const finding = run.findings.find((f) => f.ruleId === 'iam-role-trusts-other-account')!;
    expect(finding.summary).toBe(
      'stratus-red-team-backdoor-r-role may be assumed by arn:aws:iam::193672423079:root',
    );
  });
});
