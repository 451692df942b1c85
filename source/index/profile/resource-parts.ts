import { RESOURCE_SEPARATOR } from '../../trail/event.js';

/** S3 ARNs have no region or account: `arn:aws:s3:::bucket/key` names the same thing as `bucket/key`. */
const S3_ARN = /^arn:[^:]*:s3:::/;

/**
 * The distinct resources a `resources` column value names. S3 ARNs are shown as `bucket/key`,
 * the way the request parameters name them, so an object read counts once and not under both
 * spellings.
 */
export function resourceParts(joined: string): string[] {
  if (joined === '') return [];
  if (!joined.includes(RESOURCE_SEPARATOR))
    return [joined.startsWith('arn:') ? joined.replace(S3_ARN, '') : joined];
  const parts: string[] = [];
  for (const raw of joined.split(RESOURCE_SEPARATOR)) {
    const part = raw.startsWith('arn:') ? raw.replace(S3_ARN, '') : raw;
    if (part !== '' && !parts.includes(part)) parts.push(part);
  }
  return parts;
}

const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\//;

/** The role ARN among an AssumeRole call's resources (its first resource when none is one). */
export function roleArnOf(parts: readonly string[]): string {
  return parts.find((part) => ROLE_ARN.test(part)) ?? parts[0] ?? '';
}

/**
 * The identity an IAM call names: the first resource that is a plain name (`userName`,
 * `roleName`), not an ARN (a policy's, say); '' when it names none.
 */
export function identityNameOf(parts: readonly string[]): string {
  return parts.find((part) => !part.startsWith('arn:')) ?? '';
}
