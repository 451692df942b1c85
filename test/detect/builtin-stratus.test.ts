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

  it('does not call the techniques that are quiet by design findings of the wrong kind', async () => {
    const run = await detectIn([
      fixture('stratus', 'aws.credential-access.secretsmanager-retrieve-secrets.json'),
    ]);
    expect(run.findings.filter((f) => f.ruleId.startsWith('cloudtrail-'))).toEqual([]);
  });
});
