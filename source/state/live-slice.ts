import type { StateCreator } from 'zustand/vanilla';
import type { LiveService, LiveSummary } from './live-service.js';
import type { AppState, LiveSlice, LiveWatch, ResolvedDeps } from './types.js';
import { recentContainments, watchFor, watchHits } from './live-watch.js';

/** AWS's credential-compromise playbook: watch a contained principal for 30 minutes. */
export const WATCH_MS = 30 * 60 * 1000;

/**
 * The live source in the store: the first read (esc cancels and keeps what came), then follow
 * mode (`f`): a poll every few seconds, new events marked in the stream, and after a
 * containment a watch on the contained principal, its keys and its addresses that raises a
 * finding if any of them acts again.
 */
export const createLiveSlice =
  (deps: ResolvedDeps): StateCreator<AppState, [], [], LiveSlice> =>
  (set, get) => {
    const service: LiveService | undefined = deps.live;
    let reading: AbortController | undefined;
    /** Follow mode's loop runs until this is aborted (f again, or quitting). */
    let following: AbortController | undefined;
    /** Rows the watches have looked at: those from here on arrived since the last poll. */
    let seenRows = 0;
    const pollMs = (deps.followSeconds ?? 30) * 1000;

    const patch = (change: Partial<AppState['live']>) =>
      set({ live: { ...get().live, ...change } });

    const after = (errors: string[]) => {
      if (errors.length > 0) {
        patch({ error: errors[0] });
        set({ message: errors[0]! });
      }
      get().refreshRows();
      get().refreshScreen();
    };

    /** After each of follow mode's polls: what came is shown, watched and run through the rules. */
    const onPoll = (summary: LiveSummary) => {
      patch({ lastPoll: deps.now(), polls: get().live.polls + 1 });
      after(summary.errors);
      const firstNew = seenRows;
      seenRows = deps.index.size;
      if (seenRows === firstNew) return;
      checkWatches(firstNew);
      // New events get the same rules as the rest, in the background, one run at a time.
      if (deps.redetect && get().detection.status !== 'running') void deps.redetect();
    };

    /** New rows by a watched principal, key or address raise a finding, once per watch. */
    const checkWatches = (firstNewRow: number) => {
      const watches = get().live.watches;
      const raised: LiveWatch[] = [];
      for (const watch of watches) {
        if (watch.raised || deps.now() > watch.until) continue;
        const rows = watchHits(deps.index, watch, firstNewRow);
        if (rows.length === 0) continue;
        raised.push(watch);
        get().addFindings([
          {
            key: `watch:${watch.principal}:${watch.since}`,
            ruleId: 'contained-principal-active',
            title: 'A contained principal acted again',
            severity: 'critical',
            techniques: ['T1078.004'],
            principal: watch.principal,
            summary: `${rows.length} event(s) by ${watch.principal}, its keys or its addresses after containment at ${new Date(watch.since).toISOString()}`,
            why: 'The containment did not hold, or another credential of the intruder is in use: contain again and look for what was missed.',
            rows,
            first: deps.index.time(rows[0]!),
            last: deps.index.time(rows[rows.length - 1]!),
          },
        ]);
      }
      if (raised.length > 0) {
        patch({
          watches: watches.map((watch) =>
            raised.includes(watch) ? { ...watch, raised: true } : watch,
          ),
        });
        set({
          message: `ALERT: ${raised.map((watch) => watch.principal).join(', ')} acted again after containment (F)`,
        });
      }
    };

    /** Containments of the last 30 minutes in the case (a reopened session) are watched again. */
    const resumeWatches = () => {
      const watched = new Set(get().live.watches.map((watch) => watch.principal));
      const audit = get().caseFile?.audit ?? [];
      for (const { principal, at } of recentContainments(audit, deps.now(), WATCH_MS)) {
        if (watched.has(principal)) continue;
        watched.add(principal);
        get().watchContained(watchFor(deps.index, principal, at));
      }
    };

    return {
      live: {
        status: service ? 'ready' : 'off',
        account: service?.account ?? '',
        arn: service?.arn ?? '',
        regions: service?.regions.length ?? 0,
        progress: undefined,
        lastPoll: undefined,
        polls: 0,
        freshFrom: Number.MAX_SAFE_INTEGER,
        fromFiles: 0,
        error: undefined,
        watches: [],
      },
      startLive: async () => {
        if (!service || reading) return;
        reading = new AbortController();
        // What is indexed before the first read came from files (a merge): the rest is live.
        patch({ status: 'loading', error: undefined, fromFiles: deps.index.size });
        try {
          const summary = await service.load((progress) => {
            patch({ progress });
            get().refreshRows();
          }, reading.signal);
          patch({ status: 'ready', progress: summary.progress });
          after(summary.errors);
          resumeWatches();
          if (summary.cancelled) set({ message: 'live read stopped: what came is kept' });
        } catch (error) {
          patch({
            status: 'failed',
            error: error instanceof Error ? error.message : String(error),
          });
        } finally {
          reading = undefined;
        }
      },
      cancelLive: () => {
        if (!reading || get().live.status !== 'loading') return false;
        reading.abort();
        return true;
      },
      toggleFollow: () => {
        if (!service) return set({ message: 'follow needs --live' });
        const status = get().live.status;
        if (status === 'loading') return set({ message: 'still reading: follow starts after' });
        if (following) {
          following.abort();
          following = undefined;
          patch({ status: 'ready' });
          return set({ message: 'follow off' });
        }
        const loop = (following = new AbortController());
        seenRows = deps.index.size;
        patch({ status: 'following', freshFrom: deps.index.size });
        set({ message: `following: a poll every ${pollMs / 1000} s, new events marked +` });
        service.follow(pollMs, loop.signal, onPoll).catch((error: unknown) => {
          if (loop.signal.aborted) return;
          const why = error instanceof Error ? error.message : String(error);
          following = undefined;
          patch({ status: 'ready', error: why });
          set({ message: `follow stopped: ${why}` });
        });
      },
      watchContained: (watch) => {
        patch({
          watches: [
            ...get().live.watches,
            { ...watch, until: watch.since + WATCH_MS, raised: false },
          ],
        });
      },
      stopLive: () => {
        following?.abort();
        following = undefined;
        reading?.abort();
        if (get().live.status === 'following') patch({ status: 'ready' });
      },
    };
  };
