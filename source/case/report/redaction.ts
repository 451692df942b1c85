/**
 * Presenter mode masks account ids, key ids and addresses. Rather than trust each section to
 * mask the right fields, the finished report has every string passed through the mask: an
 * account id inside a free-text note, an audit detail or a source path is caught as surely as
 * one in an ARN. Indicators are gathered and located before masking, so masking changes only
 * what is shown, not what was counted.
 */
export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, redact)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>))
    copy[key] = redactStrings(item, redact);
  return copy as T;
}
