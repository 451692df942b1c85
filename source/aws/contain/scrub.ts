/**
 * Responses and parameters on their way to the screen, the audit log or the case: anything that
 * is a secret (a new key's SecretAccessKey, a password, a session token, an MFA seed, a
 * service-specific credential's password) is replaced, whatever call produced it. The SDK's
 * $metadata is cut down to the request id, which is what AWS support asks for.
 */
const SECRET_FIELD = /secret|password|token|seed|qrcode|privatekey|credentials?$/i;

export function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === '$metadata') {
      const id = (field as { requestId?: unknown } | undefined)?.requestId;
      if (typeof id === 'string') out['requestId'] = id;
      continue;
    }
    // PasswordResetRequired is a flag about a password, not one.
    out[key] = SECRET_FIELD.test(key) && typeof field !== 'boolean' ? '[redacted]' : scrub(field);
  }
  return out;
}
