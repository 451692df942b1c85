import type { Suspects } from './types.js';

/** A marked suspect as the case keeps it (only what the playbook reads). */
export interface MarkedSuspect {
  kind: 'principal' | 'ip' | 'key';
  value: string;
  /** UTC ISO time it was marked. */
  markedAt: string;
}

/**
 * The suspect of each kind the playbook fills in: the one marked last, since the analyst's
 * latest mark is their current focus. A tie goes to the later entry in the list.
 */
export function pickSuspects(marked: readonly MarkedSuspect[]): Suspects {
  const latest = new Map<MarkedSuspect['kind'], MarkedSuspect>();
  for (const suspect of marked) {
    const held = latest.get(suspect.kind);
    if (held === undefined || suspect.markedAt >= held.markedAt) latest.set(suspect.kind, suspect);
  }
  const picked: Suspects = {};
  for (const [kind, suspect] of latest) picked[kind] = suspect.value;
  return picked;
}
