import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { expect } from 'vitest';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { renderTui, type Tui } from '../helpers/render-tui.js';

export const DEMO = DEMO_DATA_FILE;
export const DEMO_TOTAL = '3,313';

/** A stream row starts with the two marker cells, then the time (short `03-13 14:02:38` or long). */
const ROW = /^[›»• ][!*◆ ] (?:\d{4}-)?\d\d-\d\d \d\d:\d\d:\d\d /;

/** The frame as text without SGR styling, split into lines. */
export function lines(frame: string): string[] {
  return stripVTControlCharacters(frame).split('\n');
}

export function streamRows(frame: string): string[] {
  return lines(frame).filter((line) => ROW.test(line));
}

/** The one row carrying the selection marker; fails when there is none or more than one. */
export function selectedRow(frame: string): string {
  // › selected, » selected and pinned.
  const marked = streamRows(frame).filter((line) => /^[›»]/.test(line));
  expect(marked, `exactly one selected row in:\n${frame}`).toHaveLength(1);
  return marked[0]!;
}

export function statusLine(frame: string): string {
  return lines(frame).at(-1) ?? '';
}

/**
 * What the app just said: on the status line, or (too long to sit beside the counts) above it,
 * wrapped over up to four lines from the one starting `» `: those are joined back into one.
 */
export function messageText(frame: string): string {
  const all = lines(frame);
  const above = all.slice(-5, -1);
  const start = above.findLastIndex((line) => line.startsWith('» '));
  const message = (start < 0 ? above.slice(-1) : above.slice(start)).map((line) => line.trim());
  return `${message.join(' ')}\n${all.at(-1) ?? ''}`;
}

export function filterLine(frame: string): string {
  return lines(frame).at(-2) ?? '';
}

/** `N/M` from the status bar (`3,313 events · 12/3,313 · …`). */
export function position(frame: string): string {
  const found = / · ([\d,]+\/[\d,]+)/.exec(statusLine(frame));
  return found?.[1] ?? '(no position)';
}

/** Every frame fits the terminal: at most rows − 1 lines and no line wider than the columns. */
export function expectFits(frames: readonly string[], columns: number, rows: number): void {
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) {
    const all = frame.split('\n');
    expect(all.length, `frame taller than ${rows - 1} lines:\n${frame}`).toBeLessThanOrEqual(
      rows - 1,
    );
    for (const line of all) {
      expect(
        stringWidth(line),
        `line wider than ${columns}: ${JSON.stringify(line)}`,
      ).toBeLessThanOrEqual(columns);
    }
  }
}

/** Renders, runs `body`, and always unmounts. */
export async function withTui(
  options: Parameters<typeof renderTui>[0],
  body: (tui: Tui) => Promise<void>,
): Promise<void> {
  const tui = await renderTui(options);
  try {
    await body(tui);
  } finally {
    tui.unmount();
  }
}

/** Opens the filter bar, enters `query` in one paste and submits it. */
export async function applyFilter(tui: Tui, query: string): Promise<void> {
  await tui.press('/', '\x15', query, '\r');
}
