/**
 * CloudTrail records for the local LookupEvents endpoint: `perRegion` events in each region,
 * spread evenly over a time span ending now, with a handful of users, keys and addresses so
 * lookups and local filters have something to choose between. IAM and sign-in events go to
 * us-east-1 only, as AWS logs them.
 */
export interface LiveRecordsOptions {
  regions: readonly string[];
  perRegion: number;
  /** The newest event's time (epoch ms); default now less a minute. */
  end?: number;
  /** How far back the oldest event is (ms); default 24 hours. */
  spanMs?: number;
  account?: string;
}

const USERS = ['alice', 'bob', 'KeyHunter', 'ci-deployer'];
const KEYS = [
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'AKIAJKLMNOPQREXAMPLE',
  'AKIAZZZZZZZZZEXAMPLE',
];
const IPS = ['203.0.113.10', '198.51.100.7', '102.88.109.159', '192.0.2.33'];
const REGIONAL = [
  ['ec2.amazonaws.com', 'DescribeInstances'],
  ['s3.amazonaws.com', 'ListBuckets'],
  ['lambda.amazonaws.com', 'ListFunctions20150331'],
  ['kms.amazonaws.com', 'ListKeys'],
] as const;
const GLOBAL = [
  ['iam.amazonaws.com', 'ListUsers'],
  ['iam.amazonaws.com', 'CreateAccessKey'],
  ['signin.amazonaws.com', 'ConsoleLogin'],
  ['sts.amazonaws.com', 'GetCallerIdentity'],
] as const;

export function liveRecords(options: LiveRecordsOptions): Record<string, unknown>[] {
  const end = options.end ?? Date.now() - 60_000;
  const span = options.spanMs ?? 24 * 3600 * 1000;
  const account = options.account ?? '111122223333';
  const records: Record<string, unknown>[] = [];
  options.regions.forEach((region, r) => {
    for (let i = 0; i < options.perRegion; i++) {
      // Whole seconds, as CloudTrail writes them; several events share a second now and then.
      const time = Math.floor((end - (span * i) / options.perRegion) / 1000) * 1000;
      const who = (i + r) % USERS.length;
      const names = region === 'us-east-1' && i % 3 === 0 ? GLOBAL : REGIONAL;
      const [eventSource, eventName] = names[i % names.length]!;
      const user = USERS[who]!;
      records.push({
        eventVersion: '1.09',
        userIdentity: {
          type: 'IAMUser',
          principalId: `AIDA${String(who).padStart(17, '0')}`,
          arn: `arn:aws:iam::${account}:user/${user}`,
          accountId: account,
          accessKeyId: KEYS[who],
          userName: user,
        },
        eventTime: new Date(time).toISOString().replace('.000Z', 'Z'),
        eventSource,
        eventName,
        awsRegion: region,
        sourceIPAddress: IPS[(i * 7 + r) % IPS.length],
        userAgent: 'aws-cli/2.15.0 Python/3.11',
        requestParameters: null,
        responseElements: null,
        requestID: `req-${region}-${i}`,
        eventID: `${region}-${String(i).padStart(6, '0')}-0000-4000-8000-000000000000`,
        readOnly: !eventName.startsWith('Create'),
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: account,
        eventCategory: 'Management',
      });
    }
  });
  return records;
}
