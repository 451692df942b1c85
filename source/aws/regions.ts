/**
 * The commercial regions `--all-regions` reads. A static list rather than ec2:DescribeRegions:
 * that would need another client and permission, and LookupEvents in a region the account has
 * not opted into fails with a clear error that names the region. Opt-in regions (af-south-1,
 * ap-east-1, me-south-1, ...) are included; the reader reports those it cannot reach and goes on.
 */
export const COMMERCIAL_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'sa-east-1',
];

/** IAM, sign-in and global STS events are logged only here. */
export const GLOBAL_EVENTS_REGION = 'us-east-1';
