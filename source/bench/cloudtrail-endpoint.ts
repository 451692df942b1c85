/**
 * A local CloudTrail endpoint for LookupEvents, so the real SDK client runs end to end without
 * AWS. moto has no LookupEvents; this speaks the same wire protocol (awsJson1_1, `X-Amz-Target:
 * CloudTrail_20131101.LookupEvents`) and enforces the limits that shape the live ingest: a
 * request rate per region (2/s, refused with ThrottlingException), 50 events a page, NextToken
 * bound to the parameters it was issued for, one lookup attribute, newest first, the record as a
 * JSON string. It serves records grouped by their awsRegion, the region being the one the
 * request was signed for (as with AWS, where each region is its own endpoint).
 *
 * In source rather than test so `npm run bench` can run it from dist.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

type RawRecord = Record<string, unknown>;

export interface EndpointFault {
  /** The error code, as AWS names it: `ExpiredTokenException`, `AccessDeniedException`, ... */
  type: string;
  message: string;
  status?: number;
}

export interface CloudTrailEndpointOptions {
  /** Raw CloudTrail records; each is served in the region named by its awsRegion. */
  records?: readonly RawRecord[];
  /** Requests allowed per region in any one-second window (AWS: 2). */
  ratePerSecond?: number;
  /** Extra share of requests refused with ThrottlingException, 0..1, for retry tests. */
  throttleFraction?: number;
  /** Seed for the injected throttling, so a run can be repeated. */
  seed?: number;
  /** Answers a request with an error instead (expired token, access denied, ...). */
  fault?: (region: string) => EndpointFault | undefined;
}

export interface RegionCounts {
  served: number;
  throttled: number;
  /** Requests refused for a bad parameter (token, attributes, page size, time range). */
  refused: number;
}

export interface LookupRequestLog {
  region: string;
  attributes: { AttributeKey?: string; AttributeValue?: string }[];
  startTime: number | undefined;
  endTime: number | undefined;
  maxResults: number | undefined;
  /** The NextToken sent, if any (to check a refused page is asked again with the same one). */
  token: string | undefined;
  outcome: 'served' | 'throttled' | 'refused' | 'fault';
}

export interface CloudTrailEndpoint {
  url: string;
  counts(region?: string): RegionCounts;
  /** Every request in arrival order. */
  readonly requests: readonly LookupRequestLog[];
  /** Adds records (new activity, for follow-mode tests). */
  addRecords(records: readonly RawRecord[]): void;
  close(): Promise<void>;
}

const TARGET = 'CloudTrail_20131101.LookupEvents';
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

/** One record as LookupEvents returns it, with the time in ms kept for sorting and windows. */
interface Served {
  time: number;
  id: string;
  event: Record<string, unknown>;
  attributes: Map<string, string[]>;
}

class RequestError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export async function startCloudTrailEndpoint(
  options: CloudTrailEndpointOptions = {},
): Promise<CloudTrailEndpoint> {
  const rate = options.ratePerSecond ?? 2;
  const random = mulberry32(options.seed ?? 1);
  const secret = randomBytes(8).toString('hex');
  const byRegion = new Map<string, Served[]>();
  const windows = new Map<string, number[]>();
  const counts = new Map<string, RegionCounts>();
  const requests: LookupRequestLog[] = [];

  const addRecords = (records: readonly RawRecord[]) => {
    const touched = new Set<string>();
    for (const record of records) {
      const region = typeof record['awsRegion'] === 'string' ? record['awsRegion'] : 'us-east-1';
      let list = byRegion.get(region);
      if (!list) byRegion.set(region, (list = []));
      list.push(toServed(record));
      touched.add(region);
    }
    for (const region of touched) byRegion.get(region)!.sort(newestFirst);
  };
  addRecords(options.records ?? []);

  const countsOf = (region: string): RegionCounts => {
    let entry = counts.get(region);
    if (!entry) counts.set(region, (entry = { served: 0, throttled: 0, refused: 0 }));
    return entry;
  };

  /** A sliding one-second window of served requests, as AWS's per-region limit behaves. */
  const admit = (region: string, now: number): boolean => {
    let window = windows.get(region);
    if (!window) windows.set(region, (window = []));
    while (window.length > 0 && window[0]! <= now - 1000) window.shift();
    if (window.length >= rate) return false;
    if (options.throttleFraction && random() < options.throttleFraction) return false;
    window.push(now);
    return true;
  };

  const handle = (request: IncomingMessage, body: string, response: ServerResponse) => {
    const target = request.headers['x-amz-target'];
    if (target !== TARGET) {
      throw new RequestError('UnknownOperationException', `unsupported target ${String(target)}`);
    }
    const region = signedRegion(request.headers['authorization']);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body || '{}') as Record<string, unknown>;
    } catch {
      throw new RequestError('SerializationException', 'request body is not JSON');
    }
    const log: LookupRequestLog = {
      region,
      attributes: Array.isArray(input['LookupAttributes'])
        ? (input['LookupAttributes'] as LookupRequestLog['attributes'])
        : [],
      startTime: numberOf(input['StartTime']),
      endTime: numberOf(input['EndTime']),
      maxResults: numberOf(input['MaxResults']),
      token: typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined,
      outcome: 'served',
    };
    requests.push(log);
    const fault = options.fault?.(region);
    if (fault) {
      log.outcome = 'fault';
      throw new RequestError(fault.type, fault.message, fault.status ?? 400);
    }
    if (!admit(region, Date.now())) {
      log.outcome = 'throttled';
      countsOf(region).throttled++;
      throw new RequestError('ThrottlingException', 'Rate exceeded');
    }
    try {
      const output = lookup(byRegion.get(region) ?? [], input, secret);
      countsOf(region).served++;
      send(response, 200, output);
    } catch (error) {
      log.outcome = 'refused';
      countsOf(region).refused++;
      throw error;
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        handle(request, Buffer.concat(chunks).toString('utf8'), response);
      } catch (error) {
        const failure =
          error instanceof RequestError
            ? error
            : new RequestError('InternalFailure', 'the endpoint failed', 500);
        sendError(response, failure);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts: (region) => {
      if (region !== undefined) return { ...countsOf(region) };
      const total: RegionCounts = { served: 0, throttled: 0, refused: 0 };
      for (const entry of counts.values()) {
        total.served += entry.served;
        total.throttled += entry.throttled;
        total.refused += entry.refused;
      }
      return total;
    },
    requests,
    addRecords,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** One page of LookupEvents for one region's records (newest first). */
function lookup(
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

function newestFirst(a: { time: number; id: string }, b: { time: number; id: string }): number {
  if (a.time !== b.time) return b.time - a.time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function toServed(record: RawRecord): Served {
  const time = Date.parse(String(record['eventTime']));
  const id = String(record['eventID'] ?? '');
  const identity = (record['userIdentity'] ?? {}) as Record<string, unknown>;
  const username = usernameOf(identity);
  const resources = resourcesOf(record);
  const event: Record<string, unknown> = {
    EventId: id,
    EventName: record['eventName'],
    ReadOnly: String(record['readOnly'] ?? inferReadOnly(String(record['eventName'] ?? ''))),
    EventTime: time / 1000,
    EventSource: record['eventSource'],
    Resources: resources,
    CloudTrailEvent: JSON.stringify(record),
  };
  if (username) event['Username'] = username;
  if (typeof identity['accessKeyId'] === 'string') event['AccessKeyId'] = identity['accessKeyId'];
  const attributes = new Map<string, string[]>([
    ['EventId', [id]],
    ['EventName', [String(record['eventName'] ?? '')]],
    ['ReadOnly', [String(event['ReadOnly'])]],
    ['EventSource', [String(record['eventSource'] ?? '')]],
    ['Username', username ? [username] : []],
    ['AccessKeyId', typeof event['AccessKeyId'] === 'string' ? [event['AccessKeyId']] : []],
    // A resource is looked up by its ARN or its name (the ARN's last segment).
    [
      'ResourceName',
      resources.flatMap((r) => [
        r.ResourceName,
        r.ResourceName.slice(r.ResourceName.lastIndexOf('/') + 1),
      ]),
    ],
    ['ResourceType', resources.map((resource) => resource.ResourceType)],
  ]);
  return { time, id, event, attributes };
}

/** LookupEvents' Username: the IAM user's name, the role session's name, or `root`. */
function usernameOf(identity: Record<string, unknown>): string | undefined {
  if (typeof identity['userName'] === 'string') return identity['userName'];
  if (identity['type'] === 'Root') return 'root';
  const arn = identity['arn'];
  if (typeof arn === 'string' && arn.includes('/')) return arn.slice(arn.lastIndexOf('/') + 1);
  return undefined;
}

function resourcesOf(record: RawRecord): { ResourceType: string; ResourceName: string }[] {
  const listed = record['resources'];
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((resource: Record<string, unknown>) =>
    typeof resource?.['ARN'] === 'string'
      ? [{ ResourceType: String(resource['type'] ?? ''), ResourceName: resource['ARN'] }]
      : [],
  );
}

function inferReadOnly(eventName: string): boolean {
  return /^(Get|List|Describe|Head|Lookup)/.test(eventName);
}

/** The region from the SigV4 credential scope: `Credential=AKID/DATE/REGION/SERVICE/...`. */
function signedRegion(authorization: string | undefined): string {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '');
  return scope?.[1] ?? 'us-east-1';
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function secondsToMs(value: unknown): number | undefined {
  return typeof value === 'number' ? Math.round(value * 1000) : undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomBytes(16).toString('hex'),
  });
  response.end(text);
}

/** awsJson1_1 errors: the code in `x-amzn-errortype` and in the body's `__type`. */
function sendError(response: ServerResponse, error: RequestError): void {
  const text = JSON.stringify({ __type: error.type, message: error.message });
  response.writeHead(error.status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': error.type,
    'x-amzn-requestid': randomBytes(16).toString('hex'),
  });
  response.end(text);
}

/** A small seeded generator: the same seed refuses the same requests. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
