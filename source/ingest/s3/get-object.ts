/**
 * One GetObject, read whole and checked: the body is bounded by a size cap, must be as long as
 * its Content-Length, and (on the first try) must still be the version the plan listed
 * (`If-Match` its ETag). The SDK's own retries are turned off for this call: the pull decides
 * when to try again, and must see every 503 SlowDown to narrow itself.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';

/** A single CloudTrail log object is at most a few hundred MB; anything larger is refused. */
export const MAX_OBJECT_BYTES = 512 * 1024 * 1024;

export interface FetchedObject {
  bytes: Uint8Array;
  etag: string;
}

/** The body ended before its Content-Length (a cut connection): worth another try. */
export class ShortBodyError extends Error {
  override readonly name = 'ShortBodyError';
  constructor(
    readonly expected: number,
    readonly got: number,
  ) {
    super(`the body ended at ${got} of ${expected} bytes`);
  }
}

/** Larger than the object size cap: never read. */
export class ObjectTooLargeError extends Error {
  override readonly name = 'ObjectTooLargeError';
  constructor(
    readonly size: number,
    readonly cap: number,
  ) {
    super(`the object is ${size} bytes, more than the ${cap} a CloudTrail log file can be`);
  }
}

/** A pass-through standing in for the client's retry middleware, for this one command. */
const noRetry = (next: (args: never) => Promise<unknown>) => (args: never) => next(args);

export async function getObject(
  client: S3Client,
  request: { bucket: string; key: string; ifMatch?: string | undefined; maxBytes: number },
  signal: AbortSignal,
): Promise<FetchedObject> {
  const command = new GetObjectCommand({
    Bucket: request.bucket,
    Key: request.key,
    ...(request.ifMatch === undefined ? {} : { IfMatch: request.ifMatch }),
  });
  // Same name, step and priority as the SDK's retry middleware: the command's copy replaces the
  // client's when the two stacks are joined, for this command only.
  command.middlewareStack.add(noRetry as never, {
    name: 'retryMiddleware',
    tags: ['RETRY'],
    step: 'finalizeRequest',
    priority: 'high',
    override: true,
  });
  const output = await client.send(command, { abortSignal: signal });
  const body = output.Body as Readable | undefined;
  const declared = output.ContentLength;
  if (declared !== undefined && declared > request.maxBytes) {
    body?.destroy();
    throw new ObjectTooLargeError(declared, request.maxBytes);
  }
  const chunks: Buffer[] = [];
  let got = 0;
  if (body) {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      got += chunk.length;
      if (got > request.maxBytes) {
        body.destroy();
        throw new ObjectTooLargeError(got, request.maxBytes);
      }
      chunks.push(chunk);
    }
  }
  if (declared !== undefined && got !== declared) throw new ShortBodyError(declared, got);
  return {
    bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, got),
    etag: output.ETag ?? request.ifMatch ?? '',
  };
}
