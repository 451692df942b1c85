/**
 * A pull's progress on stderr: on a terminal a bar redrawn in place (a few times a second),
 * otherwise a plain line every few seconds, so a log of a long scripted pull still shows it
 * moving; a closing line either way.
 */
import { combined, pullParts, pullSummary } from '../ingest/pull-text.js';
import type { PullWatch } from '../ingest/s3-input.js';
import type { LoadProgress } from '../ingest/index.js';
import type { PullProgress } from '../ingest/s3/types.js';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';

const BAR_EVERY_MS = 100;
export const PLAIN_EVERY_MS = 5000;
const BAR_WIDTH = 10;

export interface PullMeter {
  /** The loader's progress: the events parsed so far. */
  onLoad: (progress: LoadProgress) => void;
  /** Clears the bar and writes the closing line. */
  finish: () => void;
}

export function pullMeter(
  pulls: readonly PullWatch[],
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  now: () => number = Date.now,
): PullMeter {
  const tty = stderr.isTTY === true;
  const every = tty ? BAR_EVERY_MS : PLAIN_EVERY_MS;
  const name = sanitizeText(pulls.length === 1 ? pulls[0]!.shown : `${pulls.length} buckets`);
  const latest = new Map<PullWatch, PullProgress>();
  let events = 0;
  let drawn = -Infinity;
  let shown = false;
  let finished = false;
  const current = () => combined([...latest.values()]);
  const draw = (force = false) => {
    const progress = current();
    if (!progress || finished) return;
    const at = now();
    if (!force && at - drawn < every) return;
    drawn = at;
    const parts = pullParts(progress, events, at);
    if (tty) {
      const share = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 0;
      const filled = Math.round(share * BAR_WIDTH);
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)}%`;
      const width = Math.max(20, (stderr.columns ?? 80) - 1);
      stderr.write(`\r\x1b[K${fitWidth(`${bar} ${parts.join(' · ')}`, width).trimEnd()}`);
      shown = true;
    } else stderr.write(`trailhound: ${name}: ${parts.join(' · ')}\n`);
  };
  const unsubscribe = pulls.map((pull) =>
    pull.subscribe((progress) => {
      latest.set(pull, progress);
      draw();
    }),
  );
  return {
    onLoad: (progress) => {
      events = progress.events;
      draw();
    },
    finish: () => {
      for (const stop of unsubscribe) stop();
      if (tty && shown) stderr.write('\r\x1b[K');
      const progress = current();
      if (progress && !finished)
        stderr.write(`trailhound: ${name}: ${pullSummary(progress, events, now())}\n`);
      finished = true;
    },
  };
}
