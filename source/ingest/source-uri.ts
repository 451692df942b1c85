/**
 * A remote SOURCE as the case keeps it: the URI the analyst gave (`s3://bucket/prefix/`) with
 * the window and connection it was read with as query parameters, so reopening the case reads
 * the same objects (from the cache) without the flags being given again:
 * `s3://trail-bucket/?since=2025-03-01T00:00:00.000Z&until=…&regions=us-east-1&accounts=…`.
 * S3 URIs never hold `?` (the parser refuses it), so the query cannot be part of a prefix.
 */

export interface RemoteParams {
  /** Epoch ms. */
  since?: number;
  until?: number;
  regions?: string[];
  accounts?: string[];
  /** The AWS CLI profile, home region and endpoint the source was read through (no secrets). */
  profile?: string;
  region?: string;
  endpoint?: string;
}

const LISTS = ['regions', 'accounts'] as const;
const TEXTS = ['profile', 'region', 'endpoint'] as const;
const TIMES = ['since', 'until'] as const;
const KNOWN = new Set<string>([...LISTS, ...TEXTS, ...TIMES]);

/** The URI without its query, and what the query says; an unknown or bad parameter is refused. */
export function splitSourceUri(
  text: string,
): { base: string; params: RemoteParams } | { error: string } {
  const mark = text.indexOf('?');
  if (mark < 0) return { base: text, params: {} };
  const base = text.slice(0, mark);
  const query = new URLSearchParams(text.slice(mark + 1));
  const params: RemoteParams = {};
  for (const [name, value] of query) {
    if (!KNOWN.has(name))
      return { error: `${base}: unknown parameter "${name}" (known: ${[...KNOWN].join(', ')})` };
    if ((TIMES as readonly string[]).includes(name)) {
      const time = Date.parse(value);
      if (!Number.isFinite(time)) return { error: `${base}: ${name} is not a time: "${value}"` };
      params[name as (typeof TIMES)[number]] = time;
    } else if ((LISTS as readonly string[]).includes(name))
      params[name as (typeof LISTS)[number]] = value.split(',').filter(Boolean);
    else params[name as (typeof TEXTS)[number]] = value;
  }
  return { base, params };
}

/** The URI with its parameters, in a fixed order (the same read gives the same text). */
export function sourceUri(base: string, params: RemoteParams): string {
  const query = new URLSearchParams();
  for (const name of TIMES) {
    const time = params[name];
    if (time !== undefined) query.set(name, new Date(time).toISOString());
  }
  for (const name of LISTS) {
    const list = params[name];
    if (list && list.length > 0) query.set(name, list.join(','));
  }
  for (const name of TEXTS) {
    const value = params[name];
    if (value !== undefined) query.set(name, value);
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}
