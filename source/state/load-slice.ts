import type { StateCreator } from 'zustand/vanilla';
import type { LoadProgress } from '../ingest/index.js';
import type { AppState, LoadSlice, StoreDeps } from './types.js';

/** While loading, the stream re-reads the index at most this often. */
const REFRESH_INTERVAL_MS = 200;

export const createLoadSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], LoadSlice> =>
  (set, get) => {
    let lastRefresh = 0;
    // Batches arrive many times a second, and every change of the shown progress costs the UI
    // thread a whole frame (~10 ms at 80×24, a second of a million-event load): between refreshes
    // the latest progress waits, and a timer shows it if no batch comes to.
    let waiting: LoadProgress | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = (progress: LoadProgress) => {
      waiting = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
      lastRefresh = deps.now();
      set({ progress, duplicates: deps.index.duplicates });
      get().refreshRows();
    };
    return {
      source: deps.source,
      progress: {
        filesTotal: 0,
        filesDone: 0,
        events: 0,
        malformed: 0,
        failed: 0,
        skipped: 0,
        done: false,
      },
      reports: [],
      duplicates: 0,
      reader: undefined,
      attachReader: (reader) => set({ reader }),
      setProgress: (progress) => {
        const since = deps.now() - lastRefresh;
        if (progress.done || since >= REFRESH_INTERVAL_MS) {
          show(progress);
          return;
        }
        waiting = progress;
        timer ??= setTimeout(() => {
          if (waiting) show(waiting);
        }, REFRESH_INTERVAL_MS - since);
      },
      setReports: (reports) => set({ reports }),
    };
  };
