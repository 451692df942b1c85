/**
 * Reading and acting in another account: STS AssumeRole into `arn:aws:iam::ACCOUNT:role/NAME`,
 * as a credential provider the account's clients share. The credentials are held in memory only
 * (never printed, never written), last a bounded hour, and are asked for again a few minutes
 * before they expire, so a long live read or follow mode never sends an expired token.
 * `@aws-sdk/credential-providers` (fromTemporaryCredentials) is not a dependency; this is the
 * small part of it trailhound needs.
 */
import { userInfo } from 'node:os';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export type CredentialProvider = () => Promise<TemporaryCredentials>;

/** One hour: the longest a role may be assumed by role chaining, and the default. */
export const SESSION_SECONDS = 3600;
/** Asked for again this long before expiry: a paced request may wait seconds before it is sent. */
export const REFRESH_BEFORE_MS = 5 * 60 * 1000;

export interface AssumeRoleOptions {
  roleArn: string;
  sessionName: string;
  durationSeconds?: number;
  /**
   * `--read-only`: managed policies passed as session policies, so the credentials AWS issues
   * can only read whatever the role allows (trailhound's own guard refuses writes before they are
   * sent; this makes AWS refuse them too).
   */
  policyArns?: readonly string[];
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A provider that assumes the role on first use, shares one request among concurrent callers,
 * and assumes it again when the credentials are within REFRESH_BEFORE_MS of expiring. A failure
 * is not cached: the next call asks again (the analyst may fix the trust policy meanwhile).
 */
export function assumeRoleProvider(sts: STSClient, options: AssumeRoleOptions): CredentialProvider {
  const now = options.now ?? Date.now;
  let current: TemporaryCredentials | undefined;
  let pending: Promise<TemporaryCredentials> | undefined;
  const fresh = (credentials: TemporaryCredentials | undefined) =>
    credentials !== undefined && credentials.expiration.getTime() - REFRESH_BEFORE_MS > now();
  return () => {
    if (fresh(current)) return Promise.resolve(current!);
    pending ??= sts
      .send(
        new AssumeRoleCommand({
          RoleArn: options.roleArn,
          RoleSessionName: options.sessionName,
          DurationSeconds: options.durationSeconds ?? SESSION_SECONDS,
          ...(options.policyArns && options.policyArns.length > 0
            ? { PolicyArns: options.policyArns.map((arn) => ({ arn })) }
            : {}),
        }),
      )
      .then((output) => {
        const issued = output.Credentials;
        if (
          !issued?.AccessKeyId ||
          !issued.SecretAccessKey ||
          !issued.SessionToken ||
          !issued.Expiration
        ) {
          throw Object.assign(new Error('AssumeRole returned no credentials'), {
            name: 'CredentialsProviderError',
          });
        }
        current = {
          accessKeyId: issued.AccessKeyId,
          secretAccessKey: issued.SecretAccessKey,
          sessionToken: issued.SessionToken,
          expiration: issued.Expiration,
        };
        return current;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/** `arn:PARTITION:iam::ACCOUNT:role/NAME`; the partition is the caller's (aws, aws-cn, ...). */
export function roleArn(account: string, roleName: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

/** The partition of an ARN (`arn:aws-us-gov:...` → `aws-us-gov`), `aws` when it has none. */
export function partitionOf(arn: string | undefined): string {
  return /^arn:([a-z-]+):/.exec(arn ?? '')?.[1] ?? 'aws';
}

/**
 * `trailhound-<user>`: the session name CloudTrail records in the member account, so the
 * account's own logs say who read or acted through the role. The user is the caller's name (the
 * last part of its ARN), else the local login; only the characters STS allows, 64 at most.
 */
export function sessionName(callerArn?: string): string {
  const fromArn = callerArn?.split(/[/:]/).at(-1);
  let user = fromArn;
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'analyst';
    }
  }
  const clean = user.replace(/[^\w+=,.@-]/g, '_');
  return `trailhound-${clean}`.slice(0, 64);
}

/** The managed policy that limits an assumed session to reads under --read-only. */
export function readOnlySessionPolicy(partition: string): string {
  return `arn:${partition}:iam::aws:policy/ReadOnlyAccess`;
}
