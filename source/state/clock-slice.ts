import type { StateCreator } from 'zustand/vanilla';
import { describeNow, evidenceNow, type EvidenceNow } from '../index/index.js';
import type { AppState, ClockSlice, StoreDeps } from './types.js';

/** Now for the evidence, from the store's deps: --now, else the clock under --live, else the trail's end. */
export function evidenceClock(deps: StoreDeps): () => EvidenceNow {
  return () =>
    evidenceNow(deps.index, {
      given: deps.givenNow,
      live: deps.live !== undefined,
      clock: deps.now,
    });
}

/** Under --live the status bar already says live; there the note would only take room. */
function noteFor(now: EvidenceNow): string {
  return now.basis === 'clock' ? '' : describeNow(now);
}

export const createClockSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ClockSlice> =>
  (set, get) => {
    const clock = evidenceClock(deps);
    return {
      evidenceNow: () => clock().at,
      stepClock: () => ({ evidence: clock().at, wall: deps.now() }),
      clockNote: noteFor(clock()),
      updateClock: () => {
        const note = noteFor(clock());
        if (note !== get().clockNote) set({ clockNote: note });
      },
    };
  };
