import type { StateCreator } from 'zustand/vanilla';
import { describeNow, evidenceNow, type EvidenceNow } from '../index/index.js';
import type { StepClock } from '../triage/index.js';
import type { AppState, StoreDeps } from './types.js';

/**
 * The evidence clock: what "now" means for relative times (`after:1h`, guided counts, the
 * playbook's AWS CLI windows). The newest event in a trail read from files, the clock under
 * --live, or the time given with --now.
 */
export interface ClockSlice {
  /** Now for the evidence, in epoch ms (read fresh: it moves as events load). */
  evidenceNow: () => number;
  /** Both times a playbook step needs: the evidence's now, and the clock (for containment). */
  stepClock: () => StepClock;
  /** What now is, for the status bar: "trail ends 2025-03-14 23:47 UTC"; '' under --live. */
  clockNote: string;
  /** Recomputes `clockNote` (after events arrive). */
  updateClock: () => void;
}

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
