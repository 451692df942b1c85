import type { SigmaRule } from '../detect/index.js';
import type { EventIndex } from '../index/index.js';
import type { LoadResult, OpenedSources } from '../ingest/index.js';
import { openSources, type AppStore } from '../state/index.js';

export interface FileLoad {
  /**
   * Settles as soon as the screen can be taken: events have arrived (undefined), or the files
   * are all read and none gave an event (the result, for the TUI to refuse with its reasons).
   */
  ready: Promise<LoadResult | undefined>;
  /** The files read (the detections may still be running). */
  read: Promise<LoadResult>;
  /** The whole load and the detections after it. */
  done: Promise<LoadResult>;
}

/**
 * Starts reading the SOURCE files into the store before the screen is taken, so a trail that
 * gives nothing is said on a normal terminal, like a refused connection under --live, instead
 * of an empty stream with the reason under `E`. A real trail's first batch comes in well under
 * a second, so the screen is not held back for long.
 */
export function startFileLoad(
  store: AppStore,
  index: EventIndex,
  opened: Pick<OpenedSources, 'inputs' | 'pulls'>,
  options: { workers?: number; sigma: readonly SigmaRule[]; sigmaPaths: string[] },
): FileLoad {
  let settle: (result: LoadResult | undefined) => void = () => undefined;
  const ready = new Promise<LoadResult | undefined>((resolve) => (settle = resolve));
  let loaded: (result: LoadResult) => void = () => undefined;
  const read = new Promise<LoadResult>((resolve) => (loaded = resolve));
  const unsubscribe = store.subscribe((state) => {
    if (state.progress.events > 0) settle(undefined);
  });
  const done = openSources(store, index, opened.inputs, {
    ...options,
    pulls: opened.pulls,
    onLoaded: (result) => {
      const empty =
        result.sources.length > 0 && result.sources.every((source) => source.events === 0);
      settle(empty ? result : undefined);
      loaded(result);
    },
  });
  // A load that fails outright is said on the status line, as before: the screen is taken.
  done.then(
    () => unsubscribe(),
    () => {
      unsubscribe();
      settle(undefined);
    },
  );
  return { ready, read, done };
}
