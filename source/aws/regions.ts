/**
 * The commercial regions `--all-regions` reads. A static list rather than ec2:DescribeRegions:
 * that would need another client and permission, and LookupEvents in a region the account has
 * not opted into is refused in a recognisable way (see isRegionNotEnabled), which the reader
 * notes and skips. Opt-in regions are included so an enabled one is never missed.
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
  'ap-southeast-5',
  'ap-southeast-7',
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
  'mx-central-1',
  'sa-east-1',
];

/**
 * Regions an account must opt into. In one it has not, every call is refused as if the
 * credentials were unknown (UnrecognizedClientException), so `--all-regions` skips those with a
 * note instead of failing the whole read.
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

/** True when `error` in `region` means the account has not enabled that opt-in region. */
export function isRegionNotEnabled(region: string, error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    OPT_IN_REGIONS.has(region) &&
    (name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId')
  );
}

/** IAM, sign-in and global STS events are logged only here. */
export const GLOBAL_EVENTS_REGION = 'us-east-1';
