import { displayWidth, fitMiddle, fitWidth } from '../trail/sanitize.js';

/** The parts of the status line, every one already sanitized. */
export interface StatusParts {
  /** Loading progress and event counts: always shown whole. */
  counts: string;
  /** ` · 12/3,313`: where the cursor is; given up for a message that would not fit beside it. */
  position: string;
  /** ` · 1 bad file, …`, ` · 32 findings (6 high)`: always shown whole. */
  problems: string;
  /** What just happened (a pin, a refusal, an alert): shown whole when it can be. */
  message: string;
  /** The live source and its progress, or ''. */
  live: string;
  /** Where the evidence ends ("trail ends 2025-03-14 23:47 UTC"), or ''. */
  trailEnd: string;
  /** The source's short name ("demo case", a folder). */
  source: string;
  /** The keys that matter now, when there is no message. */
  hints: string;
}

const SEPARATOR = ' · ';

/**
 * One status line of `width` columns. What matters most survives a narrow terminal: the counts
 * are never cut; then the message, the live state, where the trail ends, the source's name and
 * the key hints, each left out (or, for the message and live state, cut) when there is no room.
 */
export function statusLine(parts: StatusParts, width: number): string {
  let counts = `${parts.counts}${parts.position}${parts.problems}`;
  // The right-hand side: what just happened, or else the hints (the first to go).
  const right = parts.message;
  // The position is the first to give way, to a message or a live state that would not fit.
  const beside = right || (parts.live ? `${SEPARATOR}${parts.live}` : '');
  // The position also gives way before the counts or the findings would be cut.
  if (
    (beside && displayWidth(counts) + 3 + displayWidth(beside) > width) ||
    displayWidth(counts) > width
  )
    counts = `${parts.counts}${parts.problems}`;
  const room = (left: string, rightText: string) =>
    width - displayWidth(left) - (rightText ? displayWidth(rightText) + 1 : 0);

  let left = counts;
  const add = (segment: string, cut: boolean) => {
    if (!segment) return;
    const candidate = `${left}${SEPARATOR}${segment}`;
    if (room(candidate, right) >= 0) left = candidate;
    else if (cut) {
      const free = room(`${left}${SEPARATOR}`, right);
      if (free >= 12) left = `${left}${SEPARATOR}${fitWidth(segment, free).trimEnd()}`;
    }
  };

  let message = right;
  if (message && room(left, message) < 0) {
    // Even alone with the counts the message is too long: it loses its middle (its end names
    // the file or the outcome), the counts lose nothing.
    const free = width - displayWidth(left) - 3;
    message = free > 0 ? fitMiddle(message, free).trimEnd() : '';
    return fitWidth(message ? `${left} │ ${message}` : left, width);
  }
  add(parts.live, true);
  // Where the evidence ends says what `after:1h` means: when it does not fit whole it is said
  // shorter (the stream's own times have no year at this width either) before it is left out.
  for (const note of clockNoteForms(parts.trailEnd)) {
    const before = left;
    add(note, false);
    if (left !== before) break;
  }
  add(parts.source, false);
  const rightText = message || parts.hints;
  const gap = width - displayWidth(left) - displayWidth(rightText);
  if (rightText && gap >= 1) return fitWidth(`${left}${' '.repeat(gap)}${rightText}`, width);
  return fitWidth(left, width);
}

/** Whether the message fits on the status line beside the counts (the position may give way). */
export function messageFits(parts: StatusParts, width: number): boolean {
  if (!parts.message) return true;
  return (
    displayWidth(`${parts.counts}${parts.problems}`) + 3 + displayWidth(parts.message) <= width
  );
}

/**
 * A message names files by their base name (`report written: 2026….report.md`): the full path
 * would push the counts off an 80-column line. `:case` shows the paths in full.
 */
export function basenamesIn(message: string): string {
  return message.replace(/(^|[\s:=("'])(?:~|\.{1,2})?\/(?:[^\s/]+\/)*([^\s/]+)/g, '$1$2');
}

/**
 * `trail ends 2025-03-14 23:47 UTC`, then `ends 2025-03-14 23:47Z`, then `ends 03-14 23:47Z`:
 * the same fact in fewer columns, longest first.
 */
export function clockNoteForms(note: string): string[] {
  if (!note) return [];
  const shorter = note.replace(/^trail ends /, 'ends ').replace(/ UTC\b/, 'Z');
  const shortest = shorter.replace(/\b\d{4}-(\d\d-\d\d \d\d:\d\d)/, '$1');
  return [...new Set([note, shorter, shortest])];
}
