import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSigmaRules, type SigmaLoad } from '../../../source/detect/sigma/index.js';
import { fixture } from '../../helpers/fixtures.js';
import { awsDocs, byFile, compile, match, stratus, type LogRecord } from './rules.js';

let loaded: SigmaLoad;
const rule = (file: string) => byFile(loaded.rules, file);
const one = (technique: string, eventName: string): LogRecord => {
  const record = stratus(technique).find((candidate) => candidate.eventName === eventName);
  if (record === undefined) throw new Error(`${technique} has no ${eventName}`);
  return record;
};
const edit = (record: LogRecord, changes: LogRecord): LogRecord => ({
  ...structuredClone(record),
  ...changes,
});

function flaws2Records(): LogRecord[] {
  const records: LogRecord[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json.gz')) {
        const body = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as {
          Records: LogRecord[];
        };
        records.push(...body.Records);
      }
    }
  };
  walk(fixture('flaws2'));
  return records;
}

beforeAll(async () => {
  loaded = await loadSigmaRules([fixture('sigma-cloudtrail')]);
});

describe('the 57 SigmaHQ CloudTrail rules', () => {
  it('all load, with their metadata, and none is reported as a problem', () => {
    const files = readdirSync(fixture('sigma-cloudtrail')).filter((name) => name.endsWith('.yml'));
    expect(files).toHaveLength(57);
    expect(loaded.problems).toEqual([]);
    expect(loaded.rules).toHaveLength(57);
    expect(
      loaded.rules.every((candidate) => candidate.kind === 'detection' && candidate.generate),
    ).toBe(true);

    const keys = rule('aws_iam_backdoor_users_keys.yml');
    expect(keys).toMatchObject({
      id: '0a5177f4-6ca9-44c2-aacf-d3f3d8b6e4d2',
      title: 'AWS IAM Backdoor Users Keys',
      level: 'medium',
      status: 'test',
      author: 'faloker',
      techniques: ['T1098'],
      tags: ['attack.persistence', 'attack.privilege-escalation', 'attack.t1098'],
    });
    expect(keys.references[0]).toContain('RhinoSecurityLabs/pacu');
    expect(keys.description).toContain('Detects AWS API key creation for a user by another user.');
    expect(keys.falsepositives).toHaveLength(2);
    expect(rule('aws_cloudtrail_console_login_success_without_mfa.yml').techniques).toEqual([
      'T1078.004',
    ]);
  });
});

describe('fixture rules against real and hand-made records', () => {
  it('console login without MFA: the rule says NO, the log says No', () => {
    const noMfa = rule('aws_cloudtrail_console_login_success_without_mfa.yml');
    const login = one('aws.initial-access.console-login-without-mfa', 'ConsoleLogin');
    expect((login.additionalEventData as LogRecord).MFAUsed).toBe('No');
    expect(match(noMfa, login)).toBe(true);
    const [, withMfa, failed] = awsDocs('ConsoleLogin');
    expect(match(noMfa, withMfa!)).toBe(false);
    expect(match(noMfa, failed!)).toBe(false);
    expect(match(noMfa, edit(login, { additionalEventData: { MFAUsed: 'YES' } }))).toBe(false);
  });

  it('a rule value matches whatever the case of the log value, unless |cased', () => {
    const ruleSaysNo = compile(`    selection:
        eventName: ConsoleLogin
        additionalEventData.MFAUsed: 'No'
    condition: selection`);
    const login = one('aws.initial-access.console-login-without-mfa', 'ConsoleLogin');
    const shouting = edit(login, { additionalEventData: { MFAUsed: 'NO' } });
    expect(match(ruleSaysNo, shouting)).toBe(true);
    const cased = compile(`    selection:
        additionalEventData.MFAUsed|cased: 'No'
    condition: selection`);
    expect(match(cased, shouting)).toBe(false);
    expect(match(cased, login)).toBe(true);
  });

  it('CloudTrail logging disabled: StopLogging and DeleteTrail, not PutEventSelectors', () => {
    const disabled = rule('aws_cloudtrail_disable_logging.yml');
    expect(match(disabled, one('aws.defense-evasion.cloudtrail-stop', 'StopLogging'))).toBe(true);
    expect(match(disabled, one('aws.defense-evasion.cloudtrail-delete', 'DeleteTrail'))).toBe(true);
    expect(
      match(disabled, one('aws.defense-evasion.cloudtrail-event-selectors', 'PutEventSelectors')),
    ).toBe(false);
    expect(match(disabled, awsDocs('UpdateTrail')[0]!)).toBe(true);
  });

  it('user login profile modified (the fieldref rule), exactly as the rule is written', () => {
    const modified = rule('aws_update_login_profile.yml');
    const update = one(
      'aws.privilege-escalation.iam-update-user-login-profile',
      'UpdateLoginProfile',
    );
    expect(match(modified, update)).toBe(true);
    expect(
      match(modified, one('aws.persistence.iam-create-user-login-profile', 'CreateLoginProfile')),
    ).toBe(false);
    // The filter compares the two fields for equality: only a record where they are equal is let go.
    const identity = update.userIdentity as LogRecord;
    const equalFields = edit(update, {
      requestParameters: { userName: String(identity.arn).toUpperCase() },
    });
    expect(match(modified, equalFields)).toBe(false);
    // A user changing their own profile still fires: a whole ARN never equals a bare user name.
    const onItself = edit(update, { requestParameters: { userName: identity.userName } });
    expect(match(modified, onItself)).toBe(true);
  });

  it('the same filter with |fieldref|endswith lets a user change their own profile', () => {
    const ownProfile = compile(`    selection:
        eventSource: 'iam.amazonaws.com'
        eventName: 'UpdateLoginProfile'
    filter_main_user_identity:
        userIdentity.arn|fieldref|endswith: requestParameters.userName
    condition: selection and not 1 of filter_main_*`);
    const update = one(
      'aws.privilege-escalation.iam-update-user-login-profile',
      'UpdateLoginProfile',
    );
    const identity = update.userIdentity as LogRecord;
    expect(match(ownProfile, update)).toBe(true);
    expect(
      match(ownProfile, edit(update, { requestParameters: { userName: identity.userName } })),
    ).toBe(false);
  });

  it('IAM backdoor user keys: fires on CreateAccessKey for another user, not on CreateUser', () => {
    const backdoor = rule('aws_iam_backdoor_users_keys.yml');
    const created = one('aws.persistence.iam-backdoor-user', 'CreateAccessKey');
    expect(match(backdoor, created)).toBe(true);
    expect(match(backdoor, one('aws.persistence.iam-create-admin-user', 'CreateUser'))).toBe(false);
    // Its filter is `arn|contains: responseElements.accessKey.userName` without |fieldref: a
    // literal text no ARN contains, so keys a user makes for themself fire too.
    const identity = created.userIdentity as LogRecord;
    const ownKey = edit(created, {
      responseElements: { accessKey: { userName: identity.userName } },
    });
    expect(match(backdoor, ownKey)).toBe(true);
    const literal = edit(created, {
      userIdentity: { ...identity, arn: 'x-responseElements.accessKey.userName-x' },
    });
    expect(match(backdoor, literal)).toBe(false);
  });

  it('snapshot exfiltration: ModifySnapshotAttribute, not ModifyImageAttribute', () => {
    const exfiltration = rule('aws_snapshot_backup_exfiltration.yml');
    expect(
      match(
        exfiltration,
        one('aws.exfiltration.ec2-share-ebs-snapshot', 'ModifySnapshotAttribute'),
      ),
    ).toBe(true);
    expect(match(exfiltration, one('aws.exfiltration.ec2-share-ami', 'ModifyImageAttribute'))).toBe(
      false,
    );
  });

  it('bucket enumeration: ListBuckets by a user, not by an assumed role (flaws2)', () => {
    const enumeration = rule('aws_enum_buckets.yml');
    const roleListing = flaws2Records().find((record) => record.eventName === 'ListBuckets')!;
    expect((roleListing.userIdentity as LogRecord).type).toBe('AssumedRole');
    expect(match(enumeration, roleListing)).toBe(false);
    const userListing = edit(roleListing, {
      userIdentity: { type: 'IAMUser', userName: 'alice', arn: 'arn:aws:iam::1:user/alice' },
    });
    expect(match(enumeration, userListing)).toBe(true);
    expect(match(enumeration, edit(userListing, { eventSource: 'ec2.amazonaws.com' }))).toBe(false);
  });

  it('AssumeRole misuse: assumed-role sessions issued by a role', () => {
    const misuse = rule('aws_sts_assumerole_misuse.yml');
    const roleSessions = flaws2Records().filter(
      (record) => (record.userIdentity as LogRecord).type === 'AssumedRole',
    );
    expect(roleSessions.length).toBeGreaterThan(0);
    for (const record of roleSessions) expect(match(misuse, record)).toBe(true);
    expect(match(misuse, one('aws.persistence.iam-backdoor-user', 'CreateAccessKey'))).toBe(false);
    const federation = one('aws.persistence.sts-federation-token', 'GetFederationToken');
    expect(match(misuse, federation)).toBe(false);
  });

  it('GetSessionToken misuse: by an IAM user only', () => {
    const misuse = rule('aws_sts_getsessiontoken_misuse.yml');
    const base = one('aws.persistence.sts-federation-token', 'GetFederationToken');
    const byUser = edit(base, {
      eventName: 'GetSessionToken',
      userIdentity: { type: 'IAMUser', userName: 'bob' },
    });
    expect(match(misuse, byUser)).toBe(true);
    expect(match(misuse, base)).toBe(false);
    expect(match(misuse, edit(byUser, { userIdentity: { type: 'AssumedRole' } }))).toBe(false);
  });

  it('root account usage: root API calls but not AWS service events', () => {
    const root = rule('aws_root_account_usage.yml');
    const [rootLogin] = awsDocs('ConsoleLogin').filter(
      (record) => (record.userIdentity as LogRecord).type === 'Root',
    );
    expect(match(root, rootLogin!)).toBe(true);
    expect(match(root, edit(rootLogin!, { eventType: 'AwsServiceEvent' }))).toBe(false);
    expect(match(root, one('aws.initial-access.console-login-without-mfa', 'ConsoleLogin'))).toBe(
      false,
    );
  });

  it('a "1 of" rule: SAML activity on either STS or IAM', () => {
    const saml = rule('aws_susp_saml_activity.yml');
    const base = one('aws.defense-evasion.organizations-leave', 'AssumeRole');
    expect(match(saml, base)).toBe(false);
    expect(match(saml, edit(base, { eventName: 'AssumeRoleWithSAML' }))).toBe(true);
    expect(
      match(
        saml,
        edit(base, { eventName: 'UpdateSAMLProvider', eventSource: 'iam.amazonaws.com' }),
      ),
    ).toBe(true);
    expect(match(saml, edit(base, { eventName: 'UpdateSAMLProvider' }))).toBe(false);
  });

  it('VPC flow logs deleted: success means errorCode absent or Success', () => {
    const deleted = rule('aws_cloudtrail_vpc_flow_logs_deleted.yml');
    const record = one('aws.defense-evasion.vpc-remove-flow-logs', 'DeleteFlowLogs');
    expect(record.errorCode).toBeUndefined();
    expect(match(deleted, record)).toBe(true);
    expect(match(deleted, edit(record, { errorCode: null }))).toBe(true);
    expect(match(deleted, edit(record, { errorCode: 'success' }))).toBe(true);
    expect(match(deleted, edit(record, { errorCode: 'Client.UnauthorizedOperation' }))).toBe(false);
  });

  it('GuardDuty detector deleted or disabled (a boolean compared by its text)', () => {
    const guardDuty = rule('aws_cloudtrail_guardduty_detector_deleted_or_updated.yml');
    const base: LogRecord = {
      eventSource: 'guardduty.amazonaws.com',
      eventName: 'DeleteDetector',
      requestParameters: { detectorId: 'abc' },
    };
    expect(match(guardDuty, base)).toBe(true);
    expect(match(guardDuty, { ...base, errorCode: 'AccessDenied' })).toBe(false);
    const update = { ...base, eventName: 'UpdateDetector' };
    expect(
      match(guardDuty, { ...update, requestParameters: { detectorId: 'abc', enable: false } }),
    ).toBe(true);
    expect(
      match(guardDuty, { ...update, requestParameters: { detectorId: 'abc', enable: true } }),
    ).toBe(false);
    const ipSet = rule('aws_guardduty_disruption.yml');
    expect(match(ipSet, { ...base, eventName: 'CreateIPSet' })).toBe(true);
    expect(match(ipSet, base)).toBe(false);
  });

  it('bucket versioning disabled: contains on an object searches inside it', () => {
    const versioning = rule('aws_disable_bucket_versioning.yml');
    const suspend: LogRecord = {
      eventSource: 's3.amazonaws.com',
      eventName: 'PutBucketVersioning',
      requestParameters: {
        bucketName: 'evidence',
        VersioningConfiguration: {
          Status: 'Suspended',
          xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
        },
        versioning: '',
      },
    };
    expect(match(versioning, suspend)).toBe(true);
    const enable = structuredClone(suspend);
    ((enable.requestParameters as LogRecord).VersioningConfiguration as LogRecord).Status =
      'Enabled';
    expect(match(versioning, enable)).toBe(false);
  });

  it('Lambda layer attached: startswith on a versioned event name, any element of a list', () => {
    const layer = rule('aws_new_lambda_layer_attached.yml');
    const attached = one(
      'aws.persistence.lambda-layer-extension',
      'UpdateFunctionConfiguration20150331v2',
    );
    expect(match(layer, attached)).toBe(true);
    expect(
      match(layer, one('aws.persistence.lambda-overwrite-code', 'UpdateFunctionCode20150331v2')),
    ).toBe(false);
    const removed = edit(attached, { requestParameters: { functionName: 'f', layers: [] } });
    expect(match(layer, removed)).toBe(false);
  });

  it('SSM SendCommand, security group ingress: more real detonations', () => {
    const ssm = rule('aws_cloudtrail_ssm_malicious_usage.yml');
    const sends = stratus('aws.execution.ssm-send-command').filter(
      (record) => record.eventName === 'SendCommand',
    );
    expect(sends.length).toBeGreaterThan(0);
    for (const record of sends) expect(match(ssm, record)).toBe(!record.errorCode);
    expect(match(ssm, one('aws.execution.ssm-send-command', 'GetCommandInvocation'))).toBe(false);

    const ingress = rule('aws_cloudtrail_security_group_change_ingress_egress.yml');
    const opened = one(
      'aws.exfiltration.ec2-security-group-open-port-22-ingress',
      'AuthorizeSecurityGroupIngress',
    );
    expect(match(ingress, opened)).toBe(true);
    expect(match(ingress, one('aws.exfiltration.ec2-share-ami', 'ModifyImageAttribute'))).toBe(
      false,
    );
  });

  it('IMDS credentials used outside AWS: a regex, negated by a list of filters', () => {
    const imds = rule('aws_cloudtrail_imds_malicious_usage.yml');
    const stolen: LogRecord = {
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      sourceIPAddress: '198.51.100.7',
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::1:assumed-role/aws:ec2-instance/i-0abc',
      },
    };
    expect(match(imds, stolen)).toBe(true);
    expect(match(imds, { ...stolen, sourceIPAddress: 'AWS Internal' })).toBe(false);
    expect(match(imds, { ...stolen, eventSource: 'ssm.amazonaws.com' })).toBe(false);
    // re is case-sensitive: an upper-cased ARN is not the pattern.
    const shouted = {
      ...stolen,
      userIdentity: { arn: 'ARN:AWS:STS::1:ASSUMED-ROLE/AWS:EC2-INSTANCE/I-0ABC' },
    };
    expect(match(imds, shouted)).toBe(false);
  });

  it('S3 Browser policy: contains|all inside a JSON policy document held as text', () => {
    const templated = rule('aws_iam_s3browser_templated_s3_bucket_policy_creation.yml');
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::<YOUR-BUCKET-NAME>/*'],
        },
      ],
    };
    const put: LogRecord = {
      eventSource: 'iam.amazonaws.com',
      eventName: 'PutUserPolicy',
      userAgent: 'S3 Browser 11.5.7 https://s3browser.com',
      requestParameters: { userName: 'u', policyName: 'p', policyDocument: JSON.stringify(policy) },
    };
    expect(match(templated, put)).toBe(true);
    const denied = structuredClone(put);
    (denied.requestParameters as LogRecord).policyDocument = JSON.stringify({
      ...policy,
      Statement: [{ ...policy.Statement[0], Effect: 'Deny' }],
    });
    expect(match(templated, denied)).toBe(false);
  });

  it('ECS credential endpoint: a path through a list of objects into a list of strings', () => {
    const ecs = rule('aws_ecs_task_definition_cred_endpoint_query.yml');
    const register = (command: string[]): LogRecord => ({
      eventSource: 'ecs.amazonaws.com',
      eventName: 'RegisterTaskDefinition',
      requestParameters: {
        containerDefinitions: [
          { name: 'web', command: ['nginx'] },
          { name: 'sidecar', command },
        ],
      },
    });
    expect(
      match(
        ecs,
        register(['sh', '-c', 'curl 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']),
      ),
    ).toBe(true);
    expect(match(ecs, register(['sh', '-c', 'sleep 60']))).toBe(false);
  });

  it('VM export failure: contains "*" means the field is there', () => {
    const exportFailure = rule('aws_ec2_vm_export_failure.yml');
    const base: LogRecord = {
      eventSource: 'ec2.amazonaws.com',
      eventName: 'CreateInstanceExportTask',
    };
    expect(
      match(exportFailure, { ...base, responseElements: { exportTask: { state: 'active' } } }),
    ).toBe(true);
    expect(match(exportFailure, { ...base, errorCode: 'AccessDenied' })).toBe(false);
    expect(match(exportFailure, { ...base, errorMessage: '' })).toBe(false);
  });
});
