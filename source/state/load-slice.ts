import type { StateCreator } from 'zustand/vanilla';
import { combined, pullParts, type LoadProgress, type PullWatch } from '../ingest/index.js';
import type { AppState, LoadSlice, StoreDeps } from './types.js';

/**
 * While loading, the stream re-reads the index at most this often: five times a second, and
 * twice once the stream is large, where each re-read re-sorts and redraws a stream of hundreds
 * of thousands of rows (at 1M events, 30 re-reads took ~0.6 s of the UI thread's time).
 */
const REFRESH_INTERVAL_MS = 200;
const LARGE_REFRESH_INTERVAL_MS = 500;
const LARGE_STREAM_ROWS = 250_000;

export function refreshInterval(rows: number): number {
  return rows >= LARGE_STREAM_ROWS ? LARGE_REFRESH_INTERVAL_MS : REFRESH_INTERVAL_MS;
}

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
    // The pulls' progress comes with every object (hundreds a second): the status line takes it
    // at the stream's pace, the latest shown by a timer when no other report follows.
    let pulls: readonly PullWatch[] = [];
    let pullShown = 0;
    let pullTimer: ReturnType<typeof setTimeout> | undefined;
    const showPull = () => {
      if (pullTimer) clearTimeout(pullTimer);
      pullTimer = undefined;
      pullShown = deps.now();
      set({ pullStatus: pullStatus(pulls, deps.now()) });
    };
    const onPull = () => {
      const progress = combined(pulls.flatMap((pull) => pull.latest() ?? []));
      const since = deps.now() - pullShown;
      if (progress?.done || since >= REFRESH_INTERVAL_MS) return showPull();
      pullTimer ??= setTimeout(showPull, REFRESH_INTERVAL_MS - since);
    };
    return {
      source: deps.source,
      pullStatus: '',
      attachPulls: (given) => {
        pulls = given;
        for (const pull of given) pull.subscribe(onPull);
        if (given.length > 0) showPull();
      },
      cancelPull: () => {
        const running = pulls.filter((pull) => !pull.stopped && !pull.latest()?.done);
        if (running.length === 0) return false;
        for (const pull of running) pull.stop();
        set({ message: 'stopping the pull: what came is kept' });
        showPull();
        return true;
      },
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
        const interval = refreshInterval(deps.index.size);
        if (progress.done || since >= interval) {
          show(progress);
          return;
        }
        waiting = progress;
        timer ??= setTimeout(() => {
          if (waiting) show(waiting);
        }, interval - since);
      },
      setReports: (reports) => set({ reports }),
    };
  };

/** `s3: 1,204/52,310 objects · 120 MB/6.1 GB · … (esc stops)`, or '' once every pull has ended. */
export function pullStatus(pulls: readonly PullWatch[], now: number): string {
  const progress = combined(pulls.flatMap((pull) => pull.latest() ?? []));
  if (!progress || progress.done) return '';
  if (pulls.every((pull) => pull.stopped)) return 's3: stopping…';
  // Events are on the line already (the counts): the pull's own parts only.
  const parts = pullParts(progress, undefined, now);
  return `s3: ${parts.join(' · ')} (esc stops)`;
}
