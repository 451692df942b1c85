/** Small, defensive readers for untyped JSON: a log may hold any shape in any field. */

export function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
