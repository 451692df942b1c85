/**
 * Automation from outside the account: GitHub Actions deploying with Terraform through OIDC
 * from hosted runners (a fresh Azure address per job, in several regions), a legacy CI user's
 * long-term key doing the same from the same runners, a security scanner assuming its audit
 * role every night with a dated session name, and the organization's shared-services account
 * deploying through a cross-account role.
 */

import { ACCOUNT, AGENTS, GLOBAL_REGION, type IamUser, type Region } from '../../demo/cast.js';
import { longTermKey, roleSession } from '../../demo/identity.js';
import { updateFunctionCode } from '../../demo/lambda.js';
import { accessDenied, type Actor, type Call, type Trail } from '../../demo/record.js';
import { getObject, putObject } from '../../demo/s3.js';
import { assumeRole } from '../../demo/sessions.js';
import { HOUR, MINUTE, SECOND, awsDisplayDate, isoSeconds } from '../../demo/time.js';
import { iamWrite, policyArn, read, role, roleArn, write } from './calls.js';
import { AWS_PUBLIC, RUNNERS, address } from './places.js';
import type { TrailDay } from './people.js';

const GHA_ROLE = role('github-actions-deploy', 'AROAGHA5K2M8WQEXAMPLE');
const OIDC = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const REPOS = ['acme/platform-infra', 'acme/orders-api', 'acme/thumbnailer', 'acme/billing-sync'];
const STS_JS =
  'aws-sdk-js/3.758.0 ua/2.1 os/linux#6.8.0-1021-azure lang/js md/nodejs#20.19.0 api/sts#3.758.0 m/E,e';
const CLI_RUNNER =
  'aws-cli/2.25.6 md/awscrt#0.23.8 ua/2.1 os/linux#6.8.0-1021-azure md/arch#x86_64 lang/python#3.12.9 md/pyimpl#CPython exec-env/GitHubActions cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off';
const FUNCTIONS: { name: string; region: Region }[] = [
  { name: 'orders-api', region: 'us-east-1' },
  { name: 'thumbnailer', region: 'us-east-1' },
  { name: 'billing-sync', region: 'eu-west-1' },
  { name: 'report-builder', region: 'ap-southeast-2' },
];

function runnerIp(trail: Trail): string {
  return address(trail.rng, trail.rng.pick(RUNNERS));
}

/** Terraform's refresh: it reads back everything it manages before planning. */
function terraformPlan(trail: Trail): Call[] {
  const { rng } = trail;
  const calls: Call[] = [
    read('sts', 'GetCallerIdentity', GLOBAL_REGION),
    getObject(rng, 'acme-terraform-state', 'prod/terraform.tfstate', rng.int(300_000, 420_000)),
  ];
  for (const fn of FUNCTIONS) {
    const roleName = `${fn.name}-role`;
    calls.push(
      read('iam', 'GetRole', GLOBAL_REGION, { roleName }),
      read('iam', 'ListRolePolicies', GLOBAL_REGION, { roleName }),
      read('iam', 'ListAttachedRolePolicies', GLOBAL_REGION, { roleName }),
      read('lambda', 'GetFunction20150331v2', fn.region, { functionName: fn.name }),
      read('lambda', 'ListVersionsByFunction20150331', fn.region, { functionName: fn.name }),
      read('logs', 'DescribeLogGroups', fn.region, {
        logGroupNamePrefix: `/aws/lambda/${fn.name}`,
      }),
    );
  }
  for (const name of ['developers-access', 'analysts-read', 'ci-deploy']) {
    calls.push(
      read('iam', 'GetPolicy', GLOBAL_REGION, { policyArn: policyArn(name) }),
      read('iam', 'GetPolicyVersion', GLOBAL_REGION, {
        policyArn: policyArn(name),
        versionId: 'v3',
      }),
    );
  }
  for (const region of ['us-east-1', 'eu-west-1'] as const)
    calls.push(
      read('ec2', 'DescribeVpcs', region, { vpcSet: {}, filterSet: {} }),
      read('ec2', 'DescribeSubnets', region, { subnetSet: {}, filterSet: {} }),
      read('ec2', 'DescribeSecurityGroups', region, { securityGroupSet: {}, filterSet: {} }),
    );
  return calls;
}

/** What an apply changes: mostly code, sometimes a role's policy, now and then a new role. */
function terraformApply(trail: Trail, time: number): Call[] {
  const { rng } = trail;
  const fn = rng.pick(FUNCTIONS);
  const spec = {
    ...fn,
    roleArn: roleArn(`${fn.name}-role`),
    runtime: 'python3.12',
    handler: 'app.handler',
  };
  const calls: Call[] = [
    {
      ...putObject(
        rng,
        'acme-build-artifacts',
        `${fn.name}/${rng.hex(40)}.zip`,
        rng.int(2_000_000, 9_000_000),
      ),
    },
    updateFunctionCode(rng, time, spec, rng.int(2_000_000, 9_000_000)),
    write('lambda', 'UpdateFunctionConfiguration20150331v2', fn.region, {
      functionName: fn.name,
      timeout: 60,
    }),
    write('lambda', 'PublishVersion20150331', fn.region, { functionName: fn.name }),
  ];
  const roll = rng.int(0, 9);
  const roleName = `${fn.name}-role`;
  if (roll < 3)
    calls.push(iamWrite('PutRolePolicy', { roleName, policyName: 'app', policyDocument: '{}' }));
  else if (roll < 5)
    calls.push(
      iamWrite('CreatePolicyVersion', {
        policyArn: policyArn('ci-deploy'),
        setAsDefault: true,
        policyDocument: '{}',
      }),
      iamWrite('DeletePolicyVersion', {
        policyArn: policyArn('ci-deploy'),
        versionId: `v${rng.int(1, 4)}`,
      }),
    );
  else if (roll === 5) {
    const name = `${fn.name}-worker-${rng.hex(4)}-role`;
    calls.push(
      iamWrite(
        'CreateRole',
        { roleName: name, assumeRolePolicyDocument: '{}' },
        { role: { roleName: name, arn: roleArn(name) } },
      ),
      iamWrite('AttachRolePolicy', {
        roleName: name,
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      }),
      iamWrite('TagRole', { roleName: name, tags: [{ key: 'managed-by', value: 'terraform' }] }),
    );
  }
  calls.push(
    putObject(rng, 'acme-terraform-state', 'prod/terraform.tfstate', rng.int(300_000, 420_000)),
  );
  return calls;
}

/** One workflow run: OIDC federation, then plan (and on main, apply). */
function workflowRun(trail: Trail, time: number): number {
  const { rng } = trail;
  const ip = runnerIp(trail);
  const repo = rng.pick(REPOS);
  const subject = `repo:${repo}:ref:refs/heads/main`;
  const created = time;
  const key = rng.sessionKeyId();
  trail.add(
    time,
    {
      identity: {
        type: 'WebIdentityUser',
        principalId: `${OIDC}:sts.amazonaws.com:${subject}`,
        userName: subject,
        identityProvider: OIDC,
      },
      ip,
      userAgent: STS_JS,
    },
    {
      service: 'sts',
      name: 'AssumeRoleWithWebIdentity',
      region: GLOBAL_REGION,
      readOnly: true,
      request: { roleArn: GHA_ROLE.arn, roleSessionName: 'GitHubActions', durationSeconds: 3600 },
      response: {
        credentials: { accessKeyId: key, expiration: awsDisplayDate(time + HOUR) },
        subjectFromWebIdentityToken: subject,
        assumedRoleUser: {
          assumedRoleId: `${GHA_ROLE.roleId}:GitHubActions`,
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${GHA_ROLE.name}/GitHubActions`,
        },
        provider: OIDC,
        audience: 'sts.amazonaws.com',
      },
      resources: [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: GHA_ROLE.arn }],
    },
  );
  const actor: Actor = {
    identity: roleSession(GHA_ROLE, 'GitHubActions', key, created),
    ip,
    userAgent: AGENTS.terraform,
  };
  let at = trail.burst(time + rng.int(10, 40) * SECOND, actor, terraformPlan(trail), [0, 2]);
  if (rng.chance(0.35))
    at = trail.burst(at + rng.int(20, 90) * SECOND, actor, terraformApply(trail, at), [1, 8]);
  return at;
}

/** GitHub Actions: workflow runs through the working day on both sides of the Atlantic. */
export function actionsDay(trail: Trail, day: TrailDay, quota: number): void {
  const { rng } = trail;
  const weekend = day.weekday === 0 || day.weekday === 6;
  const runs = Math.max(1, Math.round(((weekend ? 0.2 : 1) * quota) / 45));
  for (let i = 0; i < runs; i++) workflowRun(trail, day.start + rng.int(6 * 60, 23 * 60) * MINUTE);
}

/** The legacy deploy user: a long-term key in a repository secret, used from any runner. */
export function legacyDeployDay(trail: Trail, user: IamUser, day: TrailDay): void {
  const { rng } = trail;
  if (day.weekday === 0 || day.weekday === 6) return;
  for (let runs = rng.int(1, 4); runs > 0; runs--) {
    const actor: Actor = {
      identity: longTermKey(user),
      ip: runnerIp(trail),
      userAgent: CLI_RUNNER,
    };
    const time = day.start + rng.int(13 * 60, 22 * 60) * MINUTE;
    const files = Array.from({ length: rng.int(3, 12) }, () =>
      putObject(
        rng,
        'acme-static-site',
        `assets/${rng.hex(8)}.${rng.pick(['js', 'css', 'svg'])}`,
        rng.int(2_000, 400_000),
      ),
    );
    trail.burst(
      time,
      actor,
      [
        read('sts', 'GetCallerIdentity', GLOBAL_REGION),
        ...files,
        write('cloudfront', 'CreateInvalidation', GLOBAL_REGION, {
          distributionId: 'E2QWRUHEXAMPLE',
          invalidationBatch: { paths: { quantity: 1, items: ['/*'] } },
        }),
      ],
      [0, 3],
    );
  }
}

const SCANNER_ACCOUNT = '999988887777';
const SCANNER_ROLE = role('SecurityAuditScanner', 'AROASCN4T7V2LXEXAMPLE');
const SCAN_REGIONS: Region[] = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

function scanCalls(trail: Trail, count: number): Call[] {
  const { rng } = trail;
  const calls: Call[] = [
    read('iam', 'GetAccountAuthorizationDetails', GLOBAL_REGION, {
      filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'],
    }),
    read('iam', 'GetAccountPasswordPolicy', GLOBAL_REGION),
    read('iam', 'GenerateCredentialReport', GLOBAL_REGION),
    read('iam', 'GetCredentialReport', GLOBAL_REGION),
    read('iam', 'ListUsers', GLOBAL_REGION),
    read('iam', 'ListRoles', GLOBAL_REGION),
    read('s3', 'ListBuckets', 'us-east-1', { Host: 's3.amazonaws.com' }),
  ];
  const perRegion: Array<(region: Region) => Call> = [
    (r) => read('ec2', 'DescribeInstances', r, { instancesSet: {}, filterSet: {} }),
    (r) => read('ec2', 'DescribeSecurityGroups', r, { securityGroupSet: {}, filterSet: {} }),
    (r) => read('ec2', 'DescribeSnapshots', r, { ownersSet: { items: [{ owner: 'self' }] } }),
    (r) => read('ec2', 'DescribeVolumes', r, { volumeSet: {}, filterSet: {} }),
    (r) => read('cloudtrail', 'DescribeTrails', r, { includeShadowTrails: true }),
    (r) =>
      read('cloudtrail', 'GetTrailStatus', r, {
        name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`,
      }),
    (r) => read('guardduty', 'ListDetectors', r),
    (r) => read('config', 'DescribeConfigurationRecorders', r),
    (r) => read('kms', 'ListKeys', r),
    (r) => read('lambda', 'ListFunctions20150331', r),
    (r) => read('rds', 'DescribeDBInstances', r, { maxRecords: 100 }),
    (r) => read('logs', 'DescribeLogGroups', r),
    (r) => read('securityhub', 'GetEnabledStandards', r),
  ];
  while (calls.length < count) {
    const region = rng.pick(SCAN_REGIONS);
    let call = rng.pick(perRegion)(region);
    // The vendor's policy is narrower than its checks: some are always refused.
    if (call.service === 'securityhub' && rng.chance(0.7))
      call = {
        ...call,
        error: accessDenied(
          `arn:aws:sts::${ACCOUNT}:assumed-role/${SCANNER_ROLE.name}/scan`,
          'securityhub:GetEnabledStandards',
          '*',
        ),
      };
    calls.push(call);
  }
  return calls;
}

/** The nightly scan: the vendor's role assumes the audit role with a dated session name. */
export function scannerDay(trail: Trail, day: TrailDay, quota: number): void {
  const { rng } = trail;
  const time = day.start + 2 * HOUR + rng.int(0, 40) * MINUTE;
  const ip = `${AWS_PUBLIC['us-east-1'].v4[0]}.${rng.pick([77, 78, 79])}`;
  const vendorAgent =
    'Boto3/1.37.20 md/Botocore#1.37.20 ua/2.1 os/linux#5.10.234-225.910.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.11 md/pyimpl#CPython cfg/retry-mode#standard Botocore/1.37.20';
  const caller: Actor = {
    identity: {
      type: 'AssumedRole',
      principalId: `AROAVENDOR7Q2LEXAMPLE:scanner-worker`,
      arn: `arn:aws:sts::${SCANNER_ACCOUNT}:assumed-role/scanner-worker/scanner-worker`,
      accountId: SCANNER_ACCOUNT,
    },
    ip,
    userAgent: vendorAgent,
  };
  const session = `scan-${isoSeconds(day.start).slice(0, 10).replaceAll('-', '')}`;
  const creds = assumeRole(trail, time, caller, SCANNER_ROLE, session, { crossAccount: true });
  const actor: Actor = {
    identity: roleSession(SCANNER_ROLE, session, creds.accessKeyId, time),
    ip,
    userAgent: vendorAgent,
  };
  trail.burst(time + 2 * SECOND, actor, scanCalls(trail, quota), [0, 2]);
}

const ORG_ACCOUNT = '222233334444';
const ORG_DEPLOY_ROLE = role('OrganizationDeployRole', 'AROAORG6D3P9KMEXAMPLE');

/** The shared-services account's pipeline deploys stacks here through a cross-account role. */
export function orgDeployDay(trail: Trail, day: TrailDay): void {
  const { rng } = trail;
  if (day.weekday === 0 || day.weekday === 6 || !rng.chance(0.7)) return;
  const time = day.start + rng.int(14 * 60, 20 * 60) * MINUTE;
  const ip = address(rng, AWS_PUBLIC['us-east-1']);
  const build = `AWSCodeBuild-${rng.uuid()}`;
  const caller: Actor = {
    identity: {
      type: 'AssumedRole',
      principalId: `AROAORGBUILD4KEXAMPLE:${build}`,
      arn: `arn:aws:sts::${ORG_ACCOUNT}:assumed-role/codebuild-org-deploy/${build}`,
      accountId: ORG_ACCOUNT,
    },
    ip,
    userAgent: AGENTS.boto3Tool.replace('6.6.9-amd64', '5.10.234-225.910.amzn2.x86_64'),
  };
  const creds = assumeRole(trail, time, caller, ORG_DEPLOY_ROLE, build.slice(0, 64), {
    crossAccount: true,
  });
  const actor: Actor = {
    identity: roleSession(ORG_DEPLOY_ROLE, build.slice(0, 64), creds.accessKeyId, time),
    ip,
    userAgent: caller.userAgent,
  };
  const stack = rng.pick(['baseline-guardrails', 'network-core', 'logging-forwarder']);
  trail.burst(
    time + 5 * SECOND,
    actor,
    [
      read('cloudformation', 'DescribeStacks', 'us-east-1', { stackName: stack }),
      write('cloudformation', 'CreateChangeSet', 'us-east-1', {
        stackName: stack,
        changeSetName: `cs-${rng.hex(8)}`,
      }),
      read('cloudformation', 'DescribeChangeSet', 'us-east-1', { stackName: stack }),
      write('cloudformation', 'ExecuteChangeSet', 'us-east-1', { stackName: stack }),
      read('cloudformation', 'DescribeStackEvents', 'us-east-1', { stackName: stack }),
    ],
    [2, 30],
  );
}
