/**
 * Follow mode's loop: poll every `intervalMs` for events newer than the newest seen, until the
 * signal stops it. Polls never overlap (the next waits for the last to finish), and an error
 * (an expired token, a network drop) is reported and polled through: the analyst may fix the
 * cause while follow mode runs, and the status line says "live" with the last poll's time.
 */
import type { LiveReader, LiveResult } from './live-reader.js';
import type { ServerLookup } from './lookup-plan.js';
import { sleep } from './pacer.js';

export interface FollowOptions {
  intervalMs: number;
  signal: AbortSignal;
  /** Watch one attribute (a contained user or key); default: the reader's lookup. */
  lookup?: ServerLookup | null;
  overlapMs?: number;
  /** After each poll: its result and when it started (epoch ms). */
  onPoll: (poll: LiveResult & { at: number }) => void;
}

/** A live reader of one account or several (AccountsReader): anything that polls. */
export type Pollable = Pick<LiveReader, 'pollNewer'>;

export async function follow(reader: Pollable, options: FollowOptions): Promise<void> {
  const { signal } = options;
  while (!signal.aborted) {
    const at = Date.now();
    const result = await reader.pollNewer({
      signal,
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
      ...(options.overlapMs === undefined ? {} : { overlapMs: options.overlapMs }),
    });
    if (signal.aborted) return;
    options.onPoll({ ...result, at });
    try {
      await sleep(options.intervalMs, signal);
    } catch {
      return;
    }
  }
}
