/**
 * Secrets a CloudTrail record can carry: older logs keep the session token AssumeRole and
 * GetFederationToken handed out, and some services echo passwords or keys in their parameters.
 * They are credentials, not evidence: trailhound never prints or writes them.
 */
const SECRET_KEYS = new Set(
  [
    'sessionToken',
    'secretAccessKey',
    'password',
    'newPassword',
    'oldPassword',
    'masterUserPassword',
    'privateKey',
    'privateKeyMaterial',
    'secretString',
    'secretBinary',
    'clientSecret',
  ].map((key) => key.toLowerCase()),
);

export const REDACTED = '[redacted by trailhound]';

/** A copy of `value` with every secret-bearing field's value replaced by REDACTED. */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => redactSecrets(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    copy[key] =
      SECRET_KEYS.has(key.toLowerCase()) && item !== null && item !== ''
        ? REDACTED
        : redactSecrets(item);
  }
  return copy as T;
}
