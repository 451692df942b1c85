import { afterAll, describe, expect, it } from 'vitest';
import { detectIn } from '../helpers/detect.js';
import {
  assumedRole,
  iamUser,
  makeRecord,
  recordsJson,
  tempTree,
  type TestRecord,
} from '../helpers/records.js';

/**
 * Rules that were high on an ordinary day's work: an administrator onboarding a colleague, a
 * Terraform role granting a policy, an image pipeline sharing AMIs with the organization, a
 * key-rotation function, a security analyst triaging findings. Each is done here from where the
 * caller always works, after a few ordinary days, and must not be high; the same from somewhere
 * new stays high.
 */

const OFFICE = '24.29.96.10'; // New York, Charter
const ELSEWHERE = '102.88.109.159'; // Lagos, MTN
const AWS_OREGON = '18.236.1.1';
const HOME = '73.162.4.20'; // Comcast
const ORG_ACCOUNT = '444455556666';
const STRANGER = '999900001111';

const tree = tempTree('ordinary');
afterAll(() => tree.remove());
let serial = 0;

async function findingsOf(records: TestRecord[]) {
  return (await detectIn([tree.write(`trail-${serial++}.json`, recordsJson(records))])).findings;
}

const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2025, 5, day, hour, minute)).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Three ordinary working days for an identity, from one address. */
function workDays(identity: TestRecord, ip: string, userAgent?: string): TestRecord[] {
  return [1, 2, 3].flatMap((day) =>
    [0, 15, 30].map((minute) =>
      makeRecord({
        userIdentity: identity,
        eventTime: at(day, 10, minute),
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DescribeInstances',
        sourceIPAddress: ip,
        ...(userAgent ? { userAgent } : {}),
      }),
    ),
  );
}

function iam(identity: TestRecord, time: string, ip: string, eventName: string, params: object) {
  return makeRecord({
    userIdentity: identity,
    eventTime: time,
    eventSource: 'iam.amazonaws.com',
    eventName,
    sourceIPAddress: ip,
    requestParameters: params,
    readOnly: false,
  });
}

const severityOf = (findings: Awaited<ReturnType<typeof findingsOf>>, rule: string) =>
  findings.filter((finding) => finding.ruleId === rule).map((finding) => finding.severity);

describe('ordinary work is not high', () => {
  it('an administrator onboarding a colleague from the office; the same from Lagos is high', async () => {
    const admin = iamUser('ada');
    const onboard = (ip: string) => [
      iam(admin, at(4, 10), ip, 'CreateUser', { userName: 'new.hire42' }),
      iam(admin, at(4, 10, 1), ip, 'CreateLoginProfile', {
        userName: 'new.hire42',
        passwordResetRequired: true,
      }),
    ];
    const usual = await findingsOf([...workDays(admin, OFFICE), ...onboard(OFFICE)]);
    expect(severityOf(usual, 'iam-credentials-for-other-user')).toEqual(['medium']);
    expect(usual.find((f) => f.ruleId === 'iam-credentials-for-other-user')?.summary).toBe(
      'gave console access (new password) for new.hire42; from a usual place',
    );
    const stolen = await findingsOf([...workDays(admin, OFFICE), ...onboard(ELSEWHERE)]);
    expect(severityOf(stolen, 'iam-credentials-for-other-user')).toEqual(['high']);
  });

  it('a user rotating their own key and using it from home; made and used from Lagos is high', async () => {
    const mia = iamUser('mia');
    const rotate = (madeFrom: string, usedFrom: string) => {
      const created = iam(mia, at(4, 10), madeFrom, 'CreateAccessKey', {});
      created.responseElements = {
        accessKey: { accessKeyId: 'AKIAMIANEWKEY0000001', userName: 'mia' },
      };
      const use = makeRecord({
        userIdentity: { ...mia, accessKeyId: 'AKIAMIANEWKEY0000001' },
        eventTime: at(4, 20),
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DescribeInstances',
        sourceIPAddress: usedFrom,
      });
      return [created, use];
    };
    const days = [
      ...workDays(mia, OFFICE),
      ...workDays(mia, HOME).map((record) => ({
        ...record,
        eventTime: String(record.eventTime).replace('T10:', 'T19:'),
      })),
    ];
    const usual = await findingsOf([...days, ...rotate(OFFICE, HOME)]);
    expect(severityOf(usual, 'key-created-then-used-elsewhere')).toEqual([]);
    const stolen = await findingsOf([...days, ...rotate(ELSEWHERE, '45.9.148.108')]);
    expect(severityOf(stolen, 'key-created-then-used-elsewhere')).toEqual(['high']);
    const usedAway = await findingsOf([...days, ...rotate(OFFICE, ELSEWHERE)]);
    expect(severityOf(usedAway, 'key-created-then-used-elsewhere')).toEqual(['medium']);
    expect(usedAway.find((f) => f.ruleId === 'key-created-then-used-elsewhere')?.summary).toMatch(
      /their own key, from an unusual place$/,
    );
  });

  it('a Terraform role granting AdministratorAccess from its usual cloud network', async () => {
    const ci = assumedRole('terraform-ci', 'run-1');
    const grant = iam(ci, at(4, 10), AWS_OREGON, 'AttachRolePolicy', {
      roleName: 'cdk-cfn-exec-role',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    grant['resources'] = [
      { ARN: 'arn:aws:iam::111122223333:role/cdk-cfn-exec-role', type: 'AWS::IAM::Role' },
      { ARN: 'arn:aws:iam::aws:policy/AdministratorAccess', type: 'AWS::IAM::Policy' },
    ];
    const findings = await findingsOf([...workDays(ci, AWS_OREGON), grant]);
    expect(severityOf(findings, 'iam-admin-policy-attached')).toEqual(['medium']);
  });

  it('an image pipeline sharing an AMI with an account of the organization', async () => {
    const pipeline = assumedRole('image-builder', 'build-7');
    const colleague = assumedRole('deployer', 'd', ORG_ACCOUNT);
    const share = (account: string) =>
      makeRecord({
        userIdentity: pipeline,
        eventTime: at(4, 10),
        eventSource: 'ec2.amazonaws.com',
        eventName: 'ModifyImageAttribute',
        sourceIPAddress: AWS_OREGON,
        requestParameters: {
          imageId: 'ami-0abc',
          launchPermission: { add: { items: [{ userId: account }] } },
        },
      });
    // The organization's other account shows up in the trail: its deployer calls in.
    const seen = makeRecord({ userIdentity: colleague, eventTime: at(2, 9) });
    const org = await findingsOf([seen, share(ORG_ACCOUNT)]);
    expect(severityOf(org, 'ec2-ami-shared')).toEqual(['low']);
    const outsider = await findingsOf([...workDays(pipeline, AWS_OREGON), share(STRANGER)]);
    expect(severityOf(outsider, 'ec2-ami-shared')).toEqual(['medium']);
    const cold = await findingsOf([share(STRANGER)]);
    expect(severityOf(cold, 'ec2-ami-shared')).toEqual(['high']);
  });

  it('a key-rotation function making its daily IAM calls', async () => {
    const rotator = assumedRole('key-rotator', 'key-rotator');
    const lambdaAgent = 'Boto3/1.34.0 Python/3.12.1 Linux/5.10 exec-env/AWS_Lambda_python3.12';
    const records: TestRecord[] = [];
    for (let day = 1; day <= 5; day++)
      for (const eventName of ['CreateAccessKey', 'UpdateAccessKey'])
        records.push({
          ...iam(rotator, at(day, 3), AWS_OREGON, eventName, { userName: 'reporting-bot' }),
          userAgent: lambdaAgent,
        });
    expect(severityOf(await findingsOf(records), 'lambda-role-iam-write')).toEqual(['medium']);
    // The same role suddenly creating a user: not its habit.
    records.push({
      ...iam(rotator, at(5, 3, 5), AWS_OREGON, 'CreateUser', { userName: 'backdoor' }),
      userAgent: lambdaAgent,
    });
    expect(severityOf(await findingsOf(records), 'lambda-role-iam-write')).toEqual(['high']);
  });

  it('an analyst triaging Security Hub findings; disabling Security Hub stays high', async () => {
    const analyst = iamUser('sec.analyst');
    const call = (eventName: string) =>
      makeRecord({
        userIdentity: analyst,
        eventTime: at(4, 10),
        eventSource: 'securityhub.amazonaws.com',
        eventName,
        sourceIPAddress: OFFICE,
      });
    const triage = await findingsOf([...workDays(analyst, OFFICE), call('BatchUpdateFindings')]);
    expect(severityOf(triage, 'securityhub-disabled')).toEqual(['medium']);
    const off = await findingsOf([...workDays(analyst, OFFICE), call('DisableSecurityHub')]);
    expect(severityOf(off, 'securityhub-disabled')).toEqual(['high']);
  });

  it('a role made to trust an account of the organization', async () => {
    const admin = iamUser('ada');
    const trust = (account: string) =>
      iam(admin, at(4, 10), OFFICE, 'CreateRole', {
        roleName: 'cross-account-read',
        assumeRolePolicyDocument: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${account}:root` },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      });
    const seen = makeRecord({ userIdentity: assumedRole('deployer', 'd', ORG_ACCOUNT) });
    const org = await findingsOf([seen, ...workDays(admin, OFFICE), trust(ORG_ACCOUNT)]);
    expect(severityOf(org, 'iam-role-trusts-other-account')).toEqual(['low']);
    const vendor = await findingsOf([...workDays(admin, OFFICE), trust(STRANGER)]);
    expect(severityOf(vendor, 'iam-role-trusts-other-account')).toEqual(['medium']);
    const stolen = await findingsOf([
      ...workDays(admin, OFFICE),
      { ...trust(STRANGER), sourceIPAddress: ELSEWHERE },
    ]);
    expect(severityOf(stolen, 'iam-role-trusts-other-account')).toEqual(['high']);
  });
});
