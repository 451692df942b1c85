/**
 * One page of LookupEvents over one region's records, with AWS's rules: one lookup attribute,
 * 1–50 events a page, StartTime/EndTime inclusive, newest first, and a NextToken good only for
 * the parameters it was issued with.
 */
import type { Served } from './lookup-event.js';

const PAGE_LIMIT = 50;
const ATTRIBUTE_KEYS = new Set([
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
]);

export class RequestError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** One page of LookupEvents for one region's records (newest first). */
export function lookupPage(
  records: readonly Served[],
  input: Record<string, unknown>,
  secret: string,
): Record<string, unknown> {
  const attributes = (input['LookupAttributes'] ?? []) as {
    AttributeKey?: string;
    AttributeValue?: string;
  }[];
  if (!Array.isArray(attributes) || attributes.length > 1) {
    throw new RequestError(
      'InvalidLookupAttributesException',
      'You cannot specify more than one lookup attribute.',
    );
  }
  const attribute = attributes[0];
  if (
    attribute &&
    (!ATTRIBUTE_KEYS.has(attribute.AttributeKey ?? '') || !attribute.AttributeValue)
  ) {
    throw new RequestError(
      'InvalidLookupAttributesException',
      `invalid lookup attribute ${String(attribute.AttributeKey)}`,
    );
  }
  const maxResults = numberOf(input['MaxResults']) ?? PAGE_LIMIT;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > PAGE_LIMIT) {
    throw new RequestError('InvalidMaxResultsException', 'MaxResults must be from 1 to 50.');
  }
  // awsJson1_1 sends timestamps as epoch seconds (with fractions).
  const start = secondsToMs(input['StartTime']);
  const end = secondsToMs(input['EndTime']);
  if (start !== undefined && end !== undefined && start > end) {
    throw new RequestError('InvalidTimeRangeException', 'StartTime is after EndTime.');
  }
  const parameters = JSON.stringify([attributes, start ?? null, end ?? null, maxResults]);
  let after: { time: number; id: string } | undefined;
  if (typeof input['NextToken'] === 'string') {
    after = readToken(input['NextToken'], parameters, secret);
  }

  const page: Served[] = [];
  let more = false;
  for (const record of records) {
    if (after && newestFirst(record, after as Served) <= 0) continue;
    if (start !== undefined && record.time < start) continue;
    if (end !== undefined && record.time > end) continue;
    if (
      attribute &&
      !record.attributes.get(attribute.AttributeKey!)?.includes(attribute.AttributeValue!)
    ) {
      continue;
    }
    if (page.length === maxResults) {
      more = true;
      break;
    }
    page.push(record);
  }
  const output: Record<string, unknown> = { Events: page.map((record) => record.event) };
  const last = page[page.length - 1];
  if (more && last) output['NextToken'] = makeToken(last, parameters, secret);
  return output;
}

/**
 * A token is the position after the last event served, bound to the request's parameters: a
 * cursor rather than an offset, so events arriving meanwhile neither shift nor repeat a page.
 */
function makeToken(last: Served, parameters: string, secret: string): string {
  return Buffer.from(
    JSON.stringify({ t: last.time, i: last.id, p: parameters, s: secret }),
  ).toString('base64');
}

function readToken(
  token: string,
  parameters: string,
  secret: string,
): { time: number; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
      t: number;
      i: string;
      p: string;
      s: string;
    };
    if (parsed.s === secret && parsed.p === parameters && typeof parsed.t === 'number') {
      return { time: parsed.t, id: String(parsed.i) };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new RequestError(
    'InvalidNextTokenException',
    'The NextToken is invalid or was issued for other parameters.',
  );
}

export function newestFirst(
  a: { time: number; id: string },
  b: { time: number; id: string },
): number {
  if (a.time !== b.time) return b.time - a.time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function secondsToMs(value: unknown): number | undefined {
  return typeof value === 'number' ? Math.round(value * 1000) : undefined;
}
