/**
 * The HTTP handler every AWS client of trailhound sends through: the SDK's own Node handler with
 * a connect timeout and one deadline over the whole exchange, from sending the request to the
 * last byte of the answer.
 *
 * Why a deadline of our own: the SDK's `requestTimeout` stops its clock when the response
 * headers arrive, and its `socketTimeout` is an idle timer that any byte resets, so an endpoint
 * that sends its headers and then drips one byte a second holds a request open forever. Here a
 * timer per attempt aborts the request before the headers, and destroys the body after them.
 *
 * The error is a `TimeoutError`, which the SDK's retry strategy treats as transient: a call is
 * retried up to the client's maxAttempts (3 by default), so one call waits at most maxAttempts
 * deadlines plus the retry back-off, never without end.
 *
 * The SDK also keeps a whole answer in memory before parsing it: an answer past `responseBytes`
 * (declared or counted as it streams) ends the request instead of the process.
 */
import { Transform, type Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { limits } from '../trail/limits.js';

type HandleArgs = Parameters<NodeHttpHandler['handle']>;
const BACKSTOP_MS = 1000;
type Handled = Awaited<ReturnType<NodeHttpHandler['handle']>>;

export interface HttpBounds {
  /** Milliseconds to establish the TCP (and TLS) connection. */
  connectTimeout: number;
  /** Milliseconds for one attempt, request sent to last byte of the answer. */
  requestTimeout: number;
  /** Bytes one answer may hold. */
  responseBytes: number;
}

/** What a request that ran out of time ends in; `describeAwsError` names the bound. */
export class RequestTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
  readonly timeoutKind = 'request';
  constructor(
    readonly timeoutMs: number,
    readonly hostname: string,
  ) {
    super(`no complete answer within ${timeoutMs} ms`);
  }
}

/** An answer larger than the bound; not retried (the same endpoint would send it again). */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(
    readonly maxBytes: number,
    readonly hostname: string,
  ) {
    super(`the answer is larger than ${maxBytes} bytes`);
  }
}

export class BoundedHttpHandler extends NodeHttpHandler {
  readonly bounds: HttpBounds;

  constructor(bounds: HttpBounds) {
    super({
      connectionTimeout: bounds.connectTimeout,
      // The SDK's own clocks (before the headers, and between bytes) as a backstop a little
      // later than ours, so ours, which names the endpoint, is the one that fires. With
      // throwOnRequestTimeout they fail the request instead of printing a warning on the screen.
      requestTimeout: bounds.requestTimeout + BACKSTOP_MS,
      socketTimeout: bounds.requestTimeout + BACKSTOP_MS,
      throwOnRequestTimeout: true,
    });
    this.bounds = bounds;
  }

  override async handle(request: HandleArgs[0], options: HandleArgs[1] = {}): Promise<Handled> {
    const { requestTimeout } = this.bounds;
    const timeout = new RequestTimeoutError(
      requestTimeout,
      `${request.hostname}${request.port ? `:${request.port}` : ''}`,
    );
    const deadline = new AbortController();
    const outer = options.abortSignal as AbortSignal | undefined;
    const onOuterAbort = () => deadline.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener?.('abort', onOuterAbort, { once: true });
    const host = timeout.hostname;
    let body: Readable | undefined;
    const timer = setTimeout(() => {
      deadline.abort(timeout);
      // After the headers the request is no longer watched by the abort signal: end the body.
      body?.destroy(timeout);
    }, requestTimeout);
    // A body nobody reads must not keep the process alive until the timer fires.
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      outer?.removeEventListener?.('abort', onOuterAbort);
    };
    try {
      const handled = await super.handle(request, { ...options, abortSignal: deadline.signal });
      const source = handled.response.body as Readable | undefined;
      if (!source || typeof source.pipe !== 'function') {
        done();
        return handled;
      }
      const { responseBytes } = this.bounds;
      const declared = Number(handled.response.headers['content-length']);
      if (declared > responseBytes) {
        source.destroy();
        throw new ResponseTooLargeError(responseBytes, host);
      }
      body = countedBody(source, responseBytes, host);
      handled.response.body = body;
      body.once('end', done);
      body.once('close', done);
      body.once('error', done);
      return handled;
    } catch (error) {
      done();
      if (deadline.signal.reason === timeout) throw timeout;
      throw error;
    }
  }
}

/** The body as the SDK will read it, failing once it passes `maxBytes`. */
function countedBody(source: Readable, maxBytes: number, host: string): Transform {
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(new ResponseTooLargeError(maxBytes, host));
      else callback(null, chunk);
    },
  });
  source.on('error', (error) => counted.destroy(error));
  // Either way the socket is released: the source ends the counter, the counter's end the source.
  counted.on('close', () => {
    if (!source.readableEnded) source.destroy();
  });
  return source.pipe(counted);
}

/** A fresh handler (each client owns and destroys its own) bounded by the limits in force. */
export function boundedHandler(
  bounds: Pick<HttpBounds, 'connectTimeout' | 'requestTimeout'> &
    Partial<Pick<HttpBounds, 'responseBytes'>> = limits(),
): BoundedHttpHandler {
  return new BoundedHttpHandler({
    connectTimeout: bounds.connectTimeout,
    requestTimeout: bounds.requestTimeout,
    responseBytes: bounds.responseBytes ?? limits().responseBytes,
  });
}
