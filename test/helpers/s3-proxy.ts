/**
 * A small HTTP proxy of our own in front of moto's S3: it counts what moto receives by S3
 * operation (ListObjectsV2, GetObject, HeadBucket...) and can answer some requests itself with an
 * S3 error (503 SlowDown, 403 AccessDenied, KMS.AccessDenied...) instead of passing them on. The
 * tests point the client's endpoint at the proxy, then assert on the counts and on what survived.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3Request {
  /** ListObjectsV2, GetObject, HeadObject, HeadBucket, PutObject, GetBucketLocation, Other. */
  operation: string;
  method: string;
  bucket: string;
  /** The object key (decoded), '' for a bucket request. */
  key: string;
  /** The query string's parameters (prefix, delimiter, continuation-token...). */
  query: URLSearchParams;
}

export interface S3Fault {
  status: number;
  code: string;
  message?: string;
}

export interface S3Proxy {
  endpoint: string;
  /** Requests passed to moto, in order (faulted ones are not among them). */
  received: S3Request[];
  /** Requests answered with an injected fault. */
  faulted: S3Request[];
  count(operation: string): number;
  /** Decides per request whether to answer with a fault; undefined passes it to moto. */
  inject(rule: ((request: S3Request) => S3Fault | undefined) | undefined): void;
  clear(): void;
  close(): Promise<void>;
}

export function classify(method: string, url: string): S3Request {
  const parsed = new URL(url, 'http://proxy');
  const parts = parsed.pathname.split('/').slice(1);
  const bucket = decodeURIComponent(parts[0] ?? '');
  const key = parts
    .slice(1)
    .map((part) => decodeURIComponent(part))
    .join('/');
  const query = parsed.searchParams;
  let operation = 'Other';
  if (key === '') {
    if (method === 'GET' && query.get('list-type') === '2') operation = 'ListObjectsV2';
    else if (method === 'GET' && query.has('location')) operation = 'GetBucketLocation';
    else if (method === 'GET' && bucket === '') operation = 'ListBuckets';
    else if (method === 'GET') operation = 'ListObjects';
    else if (method === 'HEAD') operation = 'HeadBucket';
    else if (method === 'PUT') operation = 'CreateBucket';
  } else if (method === 'GET') operation = 'GetObject';
  else if (method === 'HEAD') operation = 'HeadObject';
  else if (method === 'PUT') operation = 'PutObject';
  return { operation, method, bucket, key, query };
}

function errorXml(fault: S3Fault): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>${
    fault.message ?? fault.code
  }</Message><RequestId>PROXY</RequestId></Error>`;
}

/** Starts the proxy on loopback in front of `target` (moto's endpoint). */
export async function startS3Proxy(target: string): Promise<S3Proxy> {
  const upstream = new URL(target);
  const received: S3Request[] = [];
  const faulted: S3Request[] = [];
  let rule: ((request: S3Request) => S3Fault | undefined) | undefined;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const s3 = classify(req.method ?? 'GET', req.url ?? '/');
    const fault = rule?.(s3);
    if (fault) {
      faulted.push(s3);
      req.resume();
      const body = req.method === 'HEAD' ? '' : errorXml(fault);
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      res.end(body);
      return;
    }
    received.push(s3);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    faulted,
    count: (operation) => received.filter((request) => request.operation === operation).length,
    inject: (next) => {
      rule = next;
    },
    clear: () => {
      received.length = 0;
      faulted.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
