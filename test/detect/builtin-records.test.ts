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
 * The rules no Stratus detonation covers, each on the smallest set of records that shows its
 * pattern, and each with a near miss that must stay quiet.
 */
const tree = tempTree('rules');
afterAll(() => tree.remove());
let serial = 0;

async function findingsOf(records: TestRecord[]) {
  const file = tree.write(`case-${serial++}.json`, recordsJson(records));
  return (await detectIn([file])).findings;
}

const at = (day: number, hour: number, minute = 0, second = 0) =>
  new Date(Date.UTC(2025, 2, day, hour, minute, second)).toISOString().replace(/\.\d{3}Z$/, 'Z');

const call = (eventSource: string, eventName: string, overrides: TestRecord = {}): TestRecord =>
  makeRecord({ eventSource, eventName, ...overrides });

interface Case {
  rule: string;
  fires: TestRecord[];
  quiet: TestRecord[];
  summary?: RegExp;
}

const CASES: Case[] = [
  {
    rule: 'guardduty-disabled',
    fires: [
      call('guardduty.amazonaws.com', 'DeleteDetector', {
        requestParameters: { detectorId: 'd-1' },
      }),
    ],
    quiet: [call('guardduty.amazonaws.com', 'GetDetector')],
    summary: /DeleteDetector on d-1/,
  },
  {
    rule: 'config-disabled',
    fires: [call('config.amazonaws.com', 'StopConfigurationRecorder')],
    quiet: [call('config.amazonaws.com', 'StartConfigurationRecorder')],
  },
  {
    rule: 'securityhub-disabled',
    fires: [call('securityhub.amazonaws.com', 'DisableSecurityHub')],
    quiet: [call('securityhub.amazonaws.com', 'EnableSecurityHub')],
  },
  {
    rule: 's3-bucket-made-public',
    fires: [
      call('s3.amazonaws.com', 'PutBucketPolicy', {
        requestParameters: {
          bucketName: 'dora-cloudbucket',
          bucketPolicy: {
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
          },
        },
      }),
    ],
    quiet: [
      call('s3.amazonaws.com', 'PutBucketPolicy', {
        requestParameters: {
          bucketName: 'dora-cloudbucket',
          bucketPolicy: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:root' },
                Action: '*',
              },
            ],
          },
        },
      }),
    ],
    summary: /PutBucketPolicy on dora-cloudbucket/,
  },
  {
    rule: 's3-versioning-suspended',
    fires: [
      call('s3.amazonaws.com', 'PutBucketVersioning', {
        requestParameters: { bucketName: 'logs', VersioningConfiguration: { Status: 'Suspended' } },
      }),
    ],
    quiet: [
      call('s3.amazonaws.com', 'PutBucketVersioning', {
        requestParameters: { bucketName: 'logs', VersioningConfiguration: { Status: 'Enabled' } },
      }),
    ],
  },
  {
    rule: 's3-bucket-deleted',
    fires: [call('s3.amazonaws.com', 'DeleteBucket', { requestParameters: { bucketName: 'b' } })],
    quiet: [
      call('s3.amazonaws.com', 'DeleteBucket', {
        requestParameters: { bucketName: 'b' },
        errorCode: 'AccessDenied',
      }),
    ],
  },
  {
    rule: 's3-bulk-object-reads',
    fires: Array.from({ length: 60 }, (_, i) =>
      call('s3.amazonaws.com', 'GetObject', {
        eventTime: at(3, 10, 0, i),
        requestParameters: { bucketName: 'hr', key: `payroll/${i}.pdf` },
      }),
    ),
    quiet: Array.from({ length: 60 }, (_, i) =>
      call('s3.amazonaws.com', 'GetObject', {
        eventTime: at(3, 10, 0, i),
        requestParameters: { bucketName: 'hr', key: 'payroll/same.pdf' },
      }),
    ),
    summary: /60 objects read in 59 s/,
  },
  {
    rule: 'console-login-failures',
    fires: Array.from({ length: 6 }, (_, i) =>
      call('signin.amazonaws.com', 'ConsoleLogin', {
        eventTime: at(3, 9, i),
        requestParameters: null,
        responseElements: { ConsoleLogin: 'Failure' },
        errorMessage: 'Failed authentication',
      }),
    ),
    quiet: Array.from({ length: 6 }, (_, i) =>
      call('signin.amazonaws.com', 'ConsoleLogin', {
        eventTime: at(3 + i, 9),
        requestParameters: null,
        responseElements: { ConsoleLogin: 'Failure' },
        errorMessage: 'Failed authentication',
      }),
    ),
    summary: /6 failed logins in 5 min/,
  },
  {
    rule: 'sts-cross-account-assume-role',
    fires: [
      call('sts.amazonaws.com', 'AssumeRole', {
        requestParameters: {
          roleArn: 'arn:aws:iam::999988887777:role/partner',
          roleSessionName: 's',
        },
      }),
    ],
    quiet: [
      call('sts.amazonaws.com', 'AssumeRole', {
        requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/ops', roleSessionName: 's' },
      }),
    ],
    summary: /from account 111122223333 into arn:aws:iam::999988887777:role\/partner/,
  },
  {
    rule: 'sts-get-session-token',
    fires: [call('sts.amazonaws.com', 'GetSessionToken')],
    quiet: [call('sts.amazonaws.com', 'GetSessionToken', { errorCode: 'AccessDenied' })],
  },
  {
    rule: 'lambda-role-iam-write',
    fires: [
      call('sts.amazonaws.com', 'AssumeRole', {
        userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
        sourceIPAddress: 'lambda.amazonaws.com',
        resources: [
          {
            ARN: 'arn:aws:iam::111122223333:role/service-role/invoice-role',
            type: 'AWS::IAM::Role',
          },
        ],
      }),
      call('iam.amazonaws.com', 'CreateUser', {
        userIdentity: assumedRole('invoice-role', 'invoice-processor'),
        sourceIPAddress: '3.5.1.1',
        requestParameters: { userName: 'backdoor' },
      }),
    ],
    quiet: [
      call('iam.amazonaws.com', 'CreateUser', {
        userIdentity: assumedRole('admin', 'alice'),
        requestParameters: { userName: 'bob' },
      }),
    ],
    summary: /CreateUser by the function role invoice-role/,
  },
  {
    rule: 'iam-user-created-off-hours',
    fires: [
      ...Array.from({ length: 40 }, (_, i) =>
        makeRecord({ eventTime: at(3 + (i % 5), 9 + (i % 8), i) }),
      ),
      call('iam.amazonaws.com', 'CreateUser', {
        eventTime: at(8, 3, 12),
        requestParameters: { userName: 'helper' },
      }),
    ],
    quiet: [
      ...Array.from({ length: 40 }, (_, i) =>
        makeRecord({ eventTime: at(3 + (i % 5), 9 + (i % 8), i) }),
      ),
      call('iam.amazonaws.com', 'CreateUser', {
        eventTime: at(8, 11, 12),
        requestParameters: { userName: 'helper' },
      }),
    ],
    summary: /created user helper at 03:xx UTC/,
  },
  {
    rule: 'new-address-first-action-iam-write',
    // A history first (two earlier days): on a trail's first days every address is new.
    fires: [
      makeRecord({ eventTime: at(2, 9), sourceIPAddress: '81.2.69.142' }),
      makeRecord({ eventTime: at(3, 9), sourceIPAddress: '81.2.69.142' }),
      call('iam.amazonaws.com', 'AttachUserPolicy', {
        eventTime: at(4, 9),
        sourceIPAddress: '102.88.109.159',
        requestParameters: {
          userName: 'alice',
          policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        },
      }),
    ],
    quiet: [
      makeRecord({ eventTime: at(3, 9), sourceIPAddress: '81.2.69.142' }),
      makeRecord({ eventTime: at(4, 8, 59), sourceIPAddress: '102.88.109.159' }),
      call('iam.amazonaws.com', 'AttachUserPolicy', {
        eventTime: at(4, 9),
        sourceIPAddress: '102.88.109.159',
        requestParameters: {
          userName: 'alice',
          policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        },
      }),
    ],
  },
];

describe('built-in rules on hand-made records', () => {
  it.each(CASES.map((c) => [c.rule, c] as const))(
    '%s fires on its pattern and not on the near miss',
    async (rule, c) => {
      const fired = (await findingsOf(c.fires)).filter((f) => f.ruleId === rule);
      expect(fired, `expected ${rule}`).toHaveLength(1);
      if (c.summary) expect(fired[0]!.summary).toMatch(c.summary);
      const quiet = (await findingsOf(c.quiet)).filter((f) => f.ruleId === rule);
      expect(quiet.map((f) => f.summary)).toEqual([]);
    },
  );

  it('a discovery burst is low from its routine address, medium from a new one', async () => {
    const names = [
      'ListUsers',
      'ListRoles',
      'ListPolicies',
      'ListGroups',
      'DescribeInstances',
      'DescribeVpcs',
      'ListBuckets',
      'GetAccountSummary',
      'ListKeys',
      'DescribeSubnets',
      'ListFunctions',
    ];
    const burst = (day: number, ip: string) =>
      Array.from({ length: 22 }, (_, i) =>
        call('iam.amazonaws.com', names[i % names.length]!, {
          userIdentity: assumedRole('SecurityAudit', `scanner-${day}`),
          eventTime: at(day, 2, 10, i),
          sourceIPAddress: ip,
        }),
      );
    const findings = await findingsOf([
      ...burst(3, '10.0.0.9'),
      ...burst(4, '10.0.0.9'),
      ...burst(5, '185.220.101.4'),
    ]);
    const bursts = findings.filter((f) => f.ruleId === 'discovery-burst');
    // The role is the actor: its routine nights are one low finding listing both sessions, the
    // night from a new address a medium one.
    expect(bursts.map((f) => [f.principal, f.severity, f.sessions])).toEqual(
      expect.arrayContaining([
        ['SecurityAudit', 'low', ['scanner-3', 'scanner-4']],
        ['SecurityAudit', 'medium', ['scanner-5']],
      ]),
    );
    expect(bursts).toHaveLength(2);
  });
});
