import { copyJson } from './deep-json.js';

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

/**
 * A copy of `value` with every secret-bearing field's value replaced by REDACTED, at any depth
 * (the walk keeps its own stack: a record nested thousands deep must not overflow it).
 */
export function redactSecrets<T>(value: T): T {
  return copyJson(value, {
    member: (key, item, keep) =>
      SECRET_KEYS.has(key.toLowerCase()) && item !== null && item !== '' ? REDACTED : keep,
  });
}
