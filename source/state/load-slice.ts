import type { StateCreator } from 'zustand/vanilla';
import type { AppState, LoadSlice, StoreDeps } from './types.js';

/** While loading, the stream re-reads the index at most this often. */
const REFRESH_INTERVAL_MS = 200;

export const createLoadSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], LoadSlice> =>
  (set, get) => {
    let lastRefresh = 0;
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
        set({ progress, duplicates: deps.index.duplicates });
        const now = deps.now();
        if (progress.done || now - lastRefresh >= REFRESH_INTERVAL_MS) {
          lastRefresh = now;
          get().refreshRows();
        }
      },
      setReports: (reports) => set({ reports }),
    };
  };
