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
import { lookupPage, newestFirst, RequestError } from './lookup-page.js';
import { toServed, type Served } from './lookup-event.js';

type RawRecord = Record<string, unknown>;

export interface EndpointFault {
  /** The error code, as AWS names it: `ExpiredTokenException`, `AccessDeniedException`, ... */
  type: string;
  message: string;
  status?: number;
}

/**
 * How a hostile endpoint answers a request instead, for tests of the live reader's bounds:
 * `silent` reads the request and never answers; `drip` sends the headers, then the real page one
 * byte every `everyMs` (default 1000); `not-json` answers an HTML page; `token` serves the first
 * page again with this NextToken (an endpoint whose tokens go round: A, B, A, …); `huge` streams
 * `bytes` of whitespace before a page, with no declared length.
 */
export type Misbehaviour =
  | { kind: 'silent' }
  | { kind: 'drip'; everyMs?: number }
  | { kind: 'not-json'; status?: number }
  | { kind: 'token'; token: string }
  | { kind: 'huge'; bytes: number };

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
  /** Misbehaves on a request; `served` is how many the region had answered before it. */
  misbehave?: (request: LookupRequestLog, served: number) => Misbehaviour | undefined;
  /**
   * Many accounts behind one endpoint: the account a request's access key belongs to (as AWS
   * knows it; a test asks STS). When given, each account is served only the records whose
   * recipientAccountId it is and is rate-limited on its own, per region, as AWS does; counts
   * and the request log then key by `ACCOUNT/REGION`.
   */
  accountOf?: (accessKeyId: string) => string | undefined | Promise<string | undefined>;
}

export interface RegionCounts {
  served: number;
  throttled: number;
  /** Requests refused for a bad parameter (token, attributes, page size, time range). */
  refused: number;
}

export interface LookupRequestLog {
  region: string;
  /** The account asked (with `accountOf`). */
  account?: string;
  attributes: { AttributeKey?: string; AttributeValue?: string }[];
  startTime: number | undefined;
  endTime: number | undefined;
  maxResults: number | undefined;
  /** The NextToken sent, if any (to check a refused page is asked again with the same one). */
  token: string | undefined;
  outcome: 'served' | 'throttled' | 'refused' | 'fault' | 'hostile';
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
      const awsRegion = typeof record['awsRegion'] === 'string' ? record['awsRegion'] : 'us-east-1';
      const region = options.accountOf
        ? `${String(record['recipientAccountId'])}/${awsRegion}`
        : awsRegion;
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

  const handle = (
    request: IncomingMessage,
    body: string,
    response: ServerResponse,
    account: string | undefined,
  ) => {
    const target = request.headers['x-amz-target'];
    if (target !== TARGET) {
      throw new RequestError('UnknownOperationException', `unsupported target ${String(target)}`);
    }
    const signed = signedRegion(request.headers['authorization']);
    const region = account === undefined ? signed : `${account}/${signed}`;
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body || '{}') as Record<string, unknown>;
    } catch {
      throw new RequestError('SerializationException', 'request body is not JSON');
    }
    const log: LookupRequestLog = {
      region: signed,
      ...(account === undefined ? {} : { account }),
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
    const trick = options.misbehave?.(log, countsOf(region).served);
    if (trick) {
      log.outcome = 'hostile';
      misbehave(trick, byRegion.get(region) ?? [], input, response);
      return;
    }
    if (!admit(region, Date.now())) {
      log.outcome = 'throttled';
      countsOf(region).throttled++;
      throw new RequestError('ThrottlingException', 'Rate exceeded');
    }
    try {
      const output = lookupPage(byRegion.get(region) ?? [], input, secret);
      countsOf(region).served++;
      send(response, 200, output);
    } catch (error) {
      log.outcome = 'refused';
      countsOf(region).refused++;
      throw error;
    }
  };

  const misbehave = (
    trick: Misbehaviour,
    records: readonly Served[],
    input: Record<string, unknown>,
    response: ServerResponse,
  ) => {
    if (trick.kind === 'silent') return;
    if (trick.kind === 'huge') {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = trick.bytes;
      const more = () => {
        while (left > 0 && !response.destroyed) {
          left -= chunk.length;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        response.end('{"Events":[]}');
      };
      more();
      return;
    }
    if (trick.kind === 'not-json') {
      response.writeHead(trick.status ?? 200, { 'content-type': 'text/html' });
      response.end('<html><body>Service Unavailable</body></html>');
      return;
    }
    const { NextToken: _ignored, ...first } = input;
    const page = lookupPage(records, first, secret);
    if (trick.kind === 'token') {
      send(response, 200, { ...page, NextToken: trick.token });
      return;
    }
    const bytes = Buffer.from(JSON.stringify(page));
    response.writeHead(200, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': bytes.length,
    });
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < bytes.length) response.write(bytes.subarray(sent, ++sent));
      else response.end();
    }, trick.everyMs ?? 1000);
    response.on('close', () => clearInterval(drip));
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (account: string | undefined) => {
        try {
          handle(request, Buffer.concat(chunks).toString('utf8'), response, account);
        } catch (error) {
          const failure =
            error instanceof RequestError
              ? error
              : new RequestError('InternalFailure', 'the endpoint failed', 500);
          sendError(response, failure);
        }
      };
      if (!options.accountOf) return reply(undefined);
      const key = /Credential=([^/]+)\//.exec(request.headers['authorization'] ?? '')?.[1] ?? '';
      Promise.resolve(options.accountOf(key)).then(
        (account) => reply(account ?? 'unknown'),
        () => reply('unknown'),
      );
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

/** The region from the SigV4 credential scope: `Credential=AKID/DATE/REGION/SERVICE/...`. */
function signedRegion(authorization: string | undefined): string {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '');
  return scope?.[1] ?? 'us-east-1';
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
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
