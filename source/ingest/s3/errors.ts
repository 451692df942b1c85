/**
 * One line for anything S3 can answer the planner or the puller with: the call, the bucket and
 * prefix (or key), why, and what to do. S3's reasons differ from the other services' in ways an
 * analyst needs told apart: a denied listing wants `s3:ListBucket` on the bucket, a denied read
 * `s3:GetObject` on the keys, and a denied read of an SSE-KMS object wants `kms:Decrypt` on the
 * trail's key (S3 says AccessDenied for all three). The rest is `describeAwsError`'s.
 *
 * Everything S3 sends (codes, messages, the bucket's keys) is untrusted: cleaned to one safe line.
 */
import { cleanMessage, describeAwsError } from '../../aws/errors.js';
import { S3ListingError, S3ListingTooLongError } from './listing.js';
import type { S3Location } from './types.js';

export interface S3ErrorContext {
  /** The S3 API call: ListObjectsV2, GetObject, HeadBucket, GetBucketLocation. */
  call: string;
  bucket: string;
  prefix?: string;
  key?: string;
  /** The region the call went to. */
  region?: string;
  profile?: string;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden', 'AllAccessDisabled']);
const NO_BUCKET = new Set(['NoSuchBucket']);
/** Codes describeAwsError words well: expired, malformed or mis-signed credentials. */
const CREDENTIALS = new Set([
  'ExpiredToken',
  'RequestExpired',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
]);
const SLOW = new Set(['SlowDown', 'ServiceUnavailable', '503']);

/** `s3://bucket/prefix-or-key`, safe to print. */
export function s3Text(bucket: string, path = ''): string {
  return cleanMessage(`s3://${bucket}/${path}`);
}

export function describeS3Error(error: unknown, context: S3ErrorContext): string {
  if (error instanceof S3ListingError)
    return describeS3Error(error.error, { ...context, prefix: context.prefix ?? error.prefix });
  const call = cleanMessage(context.call);
  const target = context.key ?? context.prefix ?? '';
  const where = `${call} on ${s3Text(context.bucket, target)}`;
  if (error instanceof S3ListingTooLongError) {
    return `${where}: more than ${error.pages} pages (${error.pages * 1000} entries) in one folder, far more than CloudTrail writes there: this is not a CloudTrail log folder; point at the trail's folder (the one holding AWSLogs/).`;
  }
  const facts = factsOf(error);
  const code = facts.code;
  const reading = /^(GetObject|HeadObject)$/.test(context.call);

  if (code === 'InvalidAccessKeyId') {
    return `${where}: the credentials were refused (InvalidAccessKeyId: S3 knows no such access key). Check the profile's keys, --profile, and --endpoint-url.`;
  }
  if (code === 'InvalidToken' || code === 'TokenRefreshRequired') {
    return `${where}: the session token was refused (${cleanMessage(code)}): malformed, or from another partition. Refresh the credentials ("aws sso login" or a new session), then try again.`;
  }
  // Refused credentials come back as 403 too: told before any 403 is taken for a denial.
  if (CREDENTIALS.has(code)) return describeAwsError(error, awsContext(where, context));
  if (
    /^KMS\./.test(code) ||
    (reading && facts.status === 403 && /kms|KMS|key management/.test(facts.message))
  ) {
    const keyArn = /arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+/.exec(
      facts.message,
    )?.[0];
    const key = keyArn ? ` (${cleanMessage(keyArn)})` : '';
    if (/Disabled|InvalidState|NotFound/.test(code))
      return `${where}: the object is encrypted with a KMS key${key} that is disabled, pending deletion or gone (${cleanMessage(code)}): it cannot be read until the key is enabled again.`;
    return `${where}: the object is encrypted with a KMS key (SSE-KMS)${key} the identity in use may not decrypt with. Grant kms:Decrypt on the trail's KMS key (in the key policy or an IAM policy), then try again.`;
  }
  if (DENIED.has(code) || facts.status === 403) {
    const who = /User: (arn:\S+) is not authorized/.exec(facts.message)?.[1];
    const identity = who ? cleanMessage(who) : 'the identity in use';
    if (reading) {
      const folder = (context.key ?? '').replace(/[^/]*$/, '');
      return `${where}: access denied: ${identity} is not allowed s3:GetObject on the trail's objects. Grant s3:GetObject on ${cleanMessage(`arn:aws:s3:::${context.bucket}/${folder}*`)} (or use a profile that has it).`;
    }
    if (context.call === 'GetBucketLocation')
      return `${where}: access denied: ${identity} is not allowed s3:GetBucketLocation on ${cleanMessage(context.bucket)}. Pass the bucket's region with --region, or grant s3:GetBucketLocation.`;
    const scope = context.prefix
      ? ` (a prefix condition must allow ${cleanMessage(context.prefix)})`
      : '';
    return `${where}: access denied: ${identity} is not allowed s3:ListBucket on the bucket ${cleanMessage(context.bucket)}. Grant s3:ListBucket on ${cleanMessage(`arn:aws:s3:::${context.bucket}`)}${scope}, or use a profile that has it.`;
  }
  if (NO_BUCKET.has(code) || (context.call === 'HeadBucket' && facts.status === 404)) {
    return `${where}: there is no bucket named ${cleanMessage(context.bucket)} (NoSuchBucket). Check the name, and the account, --profile and --endpoint-url in use.`;
  }
  if (code === 'NoSuchKey' || (reading && facts.status === 404)) {
    return `${where}: the object is gone (NoSuchKey): deleted, or expired by a lifecycle rule, after it was listed. Plan again to skip it.`;
  }
  if (
    code === 'PermanentRedirect' ||
    code === 'AuthorizationHeaderMalformed' ||
    facts.status === 301
  ) {
    const region = facts.region ? cleanMessage(facts.region) : undefined;
    return `${where}: the bucket lives in another region${region ? ` (${region})` : ''}. Pass --region ${region ?? "with the bucket's region"} and try again.`;
  }
  if (SLOW.has(code) || facts.status === 503) {
    return `${where}: S3 kept asking to slow down (503 ${cleanMessage(code || 'SlowDown')}) after retries. Lower --s3-concurrency, or try again in a minute.`;
  }
  return describeAwsError(error, awsContext(where, context));
}

function awsContext(where: string, context: S3ErrorContext) {
  return {
    call: where,
    ...(context.region ? { region: context.region } : {}),
    ...(context.profile ? { profile: context.profile } : {}),
  };
}

/**
 * The line for a prefix with no `AWSLogs/` folder under it: the nearby folders that do hold one
 * ("did you mean"), or how to find the trail's prefix when none was found.
 */
export function describeMissingAwsLogs(
  location: S3Location,
  candidates: readonly string[],
  searched: { parents: number; children: number },
): string {
  const here = s3Text(location.bucket, location.prefix);
  if (candidates.length > 0) {
    const shown = candidates.slice(0, 3).map((prefix) => s3Text(location.bucket, prefix));
    return `${here} holds no AWSLogs/ folder: did you mean ${shown.join(' or ')}?`;
  }
  const places = [
    ...(searched.parents > 0 ? [`the ${plural(searched.parents, 'folder')} above it`] : []),
    ...(searched.children > 0 ? [`the first ${plural(searched.children, 'folder')} in it`] : []),
  ];
  const near =
    places.length > 0
      ? `; neither ${places.length === 1 && searched[searched.parents > 0 ? 'parents' : 'children'] === 1 ? 'does' : 'do'} ${places.join(' or ')}`
      : '';
  return `${here} holds no AWSLogs/ folder${near}. Give the trail's folder: its S3 key prefix is S3KeyPrefix in "aws cloudtrail describe-trails".`;
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${count} ${noun}s`;
}

interface Facts {
  code: string;
  message: string;
  status: number | undefined;
  region: string | undefined;
}

function factsOf(error: unknown): Facts {
  if (typeof error !== 'object' || error === null)
    return { code: '', message: String(error), status: undefined, region: undefined };
  const record = error as Record<string, unknown>;
  const metadata = record['$metadata'] as { httpStatusCode?: unknown } | undefined;
  const response = record['$response'] as { headers?: Record<string, unknown> } | undefined;
  const header = response?.headers?.['x-amz-bucket-region'];
  const region =
    typeof record['Region'] === 'string'
      ? record['Region']
      : typeof header === 'string'
        ? header
        : undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    code: text(record['Code']) || text(record['name']),
    message: text(record['message']) || text(record['Message']),
    status: typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined,
    region: region && /^[a-z0-9-]{1,32}$/.test(region) ? region : undefined,
  };
}
