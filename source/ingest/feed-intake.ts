import type { FeedFile, FileFeed } from './feed.js';

/**
 * Takes a feed's files as they arrive and hands each to `onFile`, until the feed ends or the
 * load is stopped. Stopped, it stops waiting at once (a feed that is slow to notice the signal
 * does not hold the load) and asks the feed to end; what came before stays.
 *
 * Resolves with the reason the feed broke off, when it threw instead of ending: that is one of
 * the source's problems, like those the feed itself reports.
 */
export async function drainFeed(
  feed: FileFeed,
  onFile: (file: FeedFile) => void,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const files = feed.files[Symbol.asyncIterator]();
  let stop: () => void = () => undefined;
  const stopped = new Promise<'stopped'>((resolve) => {
    stop = () => resolve('stopped');
    if (signal?.aborted) resolve('stopped');
    else signal?.addEventListener('abort', stop, { once: true });
  });
  try {
    for (;;) {
      const next = files.next();
      // A step still pending when the load stops may fail later: nobody waits for it then.
      next.catch(() => undefined);
      const step = await Promise.race([next, stopped]);
      if (step === 'stopped') {
        // Not awaited: an iterator busy in a download answers return() only after it.
        files.return?.()?.catch(() => undefined);
        return undefined;
      }
      if (step.done) return undefined;
      onFile(step.value);
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
