import { describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/render-tui.js';
import { DEMO, DEMO_TOTAL, lines, position, selectedRow, streamRows, withTui } from './helpers.js';

const COLUMNS = 80;
const ROWS = 24;
/** 24 rows: a 23-line frame less the column header, the filter line and the status bar. */
const VISIBLE = 20;

/** Every frame written since `from` shows exactly one selected row, so the cursor never left. */
function expectCursorAlwaysShown(frames: readonly string[], from: number): void {
  const recent = frames.slice(from);
  expect(recent.length).toBeGreaterThan(0);
  for (const frame of recent) {
    expect(streamRows(frame)).toHaveLength(VISIBLE);
    selectedRow(frame);
  }
}

describe('moving through the demo stream at 80x24', () => {
  it('starts on the first event with its position in the status bar', async () => {
    await withTui({ sources: [DEMO], columns: COLUMNS, rows: ROWS }, async (tui) => {
      const frame = tui.lastFrame();
      expect(lines(frame)[0]).toMatch(/^ {3}TIME \(UTC\)\s+PRINCIPAL\s+EVENT\s+SOURCE IP\s+ERROR/);
      expect(streamRows(frame)).toHaveLength(VISIBLE);
      expect(selectedRow(frame)).toMatch(/^›\* 03-10 00:00:01 lambda\.amazona… AssumeRole/);
      expect(lines(frame)[1]).toBe(selectedRow(frame));
      expect(position(frame)).toBe(`1/${DEMO_TOTAL}`);
    });
  });

  it('j/k and the arrows move the marker one row', async () => {
    await withTui({ sources: [DEMO], columns: COLUMNS, rows: ROWS }, async (tui) => {
      const start = tui.stdout.frames.length;
      await tui.press('j');
      expect(selectedRow(tui.lastFrame())).toContain('03-10 00:00:02 invoice-proces… ListObjects');
      expect(lines(tui.lastFrame())[2]).toMatch(/^›/);
      expect(lines(tui.lastFrame())[1]).toMatch(/^ /);
      expect(position(tui.lastFrame())).toBe(`2/${DEMO_TOTAL}`);

      await tui.press(KEYS.down);
      expect(selectedRow(tui.lastFrame())).toContain('03-10 00:00:04 invoice-proces… GetObject');
      expect(position(tui.lastFrame())).toBe(`3/${DEMO_TOTAL}`);

      await tui.press(KEYS.up);
      expect(position(tui.lastFrame())).toBe(`2/${DEMO_TOTAL}`);
      await tui.press('k');
      expect(selectedRow(tui.lastFrame())).toContain('03-10 00:00:01');
      // Already on the first event: k stays there.
      await tui.press('k', KEYS.up);
      expect(position(tui.lastFrame())).toBe(`1/${DEMO_TOTAL}`);
      expect(lines(tui.lastFrame())[1]).toMatch(/^›/);
      expectCursorAlwaysShown(tui.stdout.frames, start);
    });
  });

  it('scrolls the window so the selected row stays in the frame', async () => {
    await withTui({ sources: [DEMO], columns: COLUMNS, rows: ROWS }, async (tui) => {
      const start = tui.stdout.frames.length;
      const first = streamRows(tui.lastFrame());
      await tui.press(...Array<string>(25).fill('j'));
      let frame = tui.lastFrame();
      expect(position(frame)).toBe(`26/${DEMO_TOTAL}`);
      // The cursor sits on the last visible row and the window moved down by six events.
      expect(streamRows(frame).at(-1)).toBe(selectedRow(frame));
      expect(streamRows(frame)[0]!.slice(2)).toBe(first[6]!.slice(2));
      expect(frame).not.toContain('03-10 00:00:01');

      await tui.press(...Array<string>(20).fill('k'));
      frame = tui.lastFrame();
      expect(position(frame)).toBe(`6/${DEMO_TOTAL}`);
      // Now at the top of the window, which scrolled back up by one.
      expect(streamRows(frame)[0]).toBe(selectedRow(frame));
      expect(selectedRow(frame).slice(2)).toBe(first[5]!.slice(2));
      expectCursorAlwaysShown(tui.stdout.frames, start);
    });
  });

  it('PgDn/PgUp move by a page of rows', async () => {
    await withTui({ sources: [DEMO], columns: COLUMNS, rows: ROWS }, async (tui) => {
      const start = tui.stdout.frames.length;
      const firstPage = streamRows(tui.lastFrame());
      await tui.press(KEYS.pageDown);
      let frame = tui.lastFrame();
      expect(position(frame)).toBe(`${1 + VISIBLE}/${DEMO_TOTAL}`);
      // Event 21 was just below the window: the window scrolled one row to show it at the bottom.
      expect(streamRows(frame).at(-1)).toBe(selectedRow(frame));
      expect(streamRows(frame).at(-2)!.slice(2)).toBe(firstPage.at(-1)!.slice(2));

      await tui.press(KEYS.pageDown);
      expect(position(tui.lastFrame())).toBe(`${1 + 2 * VISIBLE}/${DEMO_TOTAL}`);
      await tui.press(KEYS.pageUp);
      expect(position(tui.lastFrame())).toBe(`${1 + VISIBLE}/${DEMO_TOTAL}`);
      await tui.press(KEYS.pageUp);
      frame = tui.lastFrame();
      expect(position(frame)).toBe(`1/${DEMO_TOTAL}`);
      expect(selectedRow(frame)).toContain('03-10 00:00:01');
      expect(streamRows(frame)[0]).toBe(selectedRow(frame));
      // PgUp on the first page stays on the first event.
      await tui.press(KEYS.pageUp);
      expect(position(tui.lastFrame())).toBe(`1/${DEMO_TOTAL}`);
      expectCursorAlwaysShown(tui.stdout.frames, start);
    });
  });

  it('G goes to the last event (2025-03-14) and g back to the first', async () => {
    await withTui({ sources: [DEMO], columns: COLUMNS, rows: ROWS }, async (tui) => {
      const start = tui.stdout.frames.length;
      await tui.press('G');
      let frame = tui.lastFrame();
      expect(position(frame)).toBe(`${DEMO_TOTAL}/${DEMO_TOTAL}`);
      expect(selectedRow(frame)).toMatch(/^› {2}03-14 23:47:06 app-server-rol… GetObject/);
      expect(streamRows(frame).at(-1)).toBe(selectedRow(frame));
      expect(streamRows(frame).every((row) => row.slice(3).startsWith('03-14'))).toBe(true);
      // At the end, j does nothing.
      await tui.press('j');
      expect(position(tui.lastFrame())).toBe(`${DEMO_TOTAL}/${DEMO_TOTAL}`);

      await tui.press('g');
      frame = tui.lastFrame();
      expect(position(frame)).toBe(`1/${DEMO_TOTAL}`);
      expect(selectedRow(frame)).toContain('03-10 00:00:01');
      // Among the rows: the status bar names the trail's end (2025-03-14) on every screen.
      expect(streamRows(frame).join('\n')).not.toContain('03-14');
      expectCursorAlwaysShown(tui.stdout.frames, start);
    });
  });
});
