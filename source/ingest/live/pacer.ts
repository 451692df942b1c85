/**
 * Spaces one region's requests so they never exceed its rate. LookupEvents allows 2 requests a
 * second per account and region; AWS's retries back off only after being refused, so pacing
 * ahead of time is what keeps a long read at the limit instead of bouncing off it. Every attempt
 * (the SDK's retries too) takes a slot.
 */
export interface Pacer {
  /** Resolves when the next request may start; rejects if the signal aborts first. */
  wait(signal?: AbortSignal): Promise<void>;
}

/**
 * Network jitter can bring two requests sent 500 ms apart within 500 ms of each other at the
 * server; a 2% margin (510 ms at 2/s, 98 events/s) keeps them under a strict one-second window.
 */
const MARGIN = 1.02;

export function createPacer(ratePerSecond: number): Pacer {
  const interval = (1000 / ratePerSecond) * MARGIN;
  let next = 0;
  return {
    wait(signal) {
      const now = performance.now();
      const at = Math.max(now, next);
      next = at + interval;
      return sleep(at - now, signal);
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : Object.assign(new Error('cancelled'), { name: 'AbortError' });
}
