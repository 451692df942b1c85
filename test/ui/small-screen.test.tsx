import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/render-tui.js';
import { tempTree } from '../helpers/records.js';
import {
  DEMO,
  DEMO_TOTAL,
  expectFits,
  lines,
  messageText,
  statusLine,
  withTui,
} from './helpers.js';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

/** A case path as long as the default one (~/.local/state/trailhound/cases/<stamp>-<id>.json). */
function longCasePath(): string {
  const tree = tempTree('small-screen');
  trees.push(tree);
  const folder = join(tree.root, '.local', 'state', 'trailhound', 'cases');
  mkdirSync(folder, { recursive: true });
  return join(folder, '20261207T134141Z-963d027a.json');
}

/** The frame's lines from the first that starts with `from`, joined without wrap indentation. */
function unwrapped(frame: string): string {
  return lines(frame)
    .map((line) => line.trim())
    .join('');
}

describe('80x24: the status bar', () => {
  it('keeps the counts, the findings and where the trail ends ahead of a long case path', async () => {
    await withTui({ sources: [DEMO], casePath: longCasePath() }, async (tui) => {
      await tui.waitFor((f) => statusLine(f).includes('findings'), 'the findings count');
      tui.store.setState({ message: `case: ${tui.store.getState().casePath}` });
      const frame = await tui.waitFor((f) => messageText(f).includes('case:'), 'the message');
      const status = statusLine(frame);
      // The position gives way to the message; the counts and findings do not.
      expect(status).toMatch(
        new RegExp(`^${DEMO_TOTAL} events · \\d+ findings \\(\\d+ high\\) .*case: `),
      );
      // The message names the case file by its base name, whole, on the status line.
      expect(status).toContain('case: 20261207T134141Z-963d027a.json');
      expect(status).not.toContain('/.local/');
      expectFits([frame], 80, 24);
    });
  });

  it('says where the trail ends when there is room, and drops it before the counts', async () => {
    await withTui({ sources: [DEMO], columns: 120, rows: 40 }, async (tui) => {
      let frame = await tui.waitFor((f) => statusLine(f).includes('findings'), 'findings');
      expect(statusLine(frame)).toContain('trail ends 2025-03-14 23:47 UTC');
      await tui.resize(60, 20);
      frame = await tui.waitFor((f) => lines(f)[0]!.length <= 60, 'the narrow frame');
      expect(statusLine(frame)).toMatch(
        new RegExp(`^${DEMO_TOTAL} events · 1/${DEMO_TOTAL} · \\d+ findings`),
      );
      expect(statusLine(frame)).not.toContain('trail ends');
    });
  });

  it(':w says the report was written by its file name, and :case shows every path in full', async () => {
    const path = longCasePath();
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      await tui.press(':', 'w', KEYS.enter);
      let frame = await tui.waitFor((f) => messageText(f).includes('report written'), 'the report');
      // At 80 columns the message is too long to sit beside the counts: it is read whole above.
      expect(messageText(frame)).toContain('report written: 20261207T134141Z-963d027a.report.md');
      expect(statusLine(frame)).toMatch(
        new RegExp(`^${DEMO_TOTAL} events · 1/${DEMO_TOTAL} · \\d+ findings`),
      );
      await tui.resize(120, 40);
      frame = await tui.waitFor((f) => lines(f)[0]!.length > 80, 'the wide frame');
      expect(statusLine(frame)).toContain('report written: 20261207T134141Z-963d027a.report.md');
      expect(statusLine(frame)).toMatch(new RegExp(`^${DEMO_TOTAL} events · 1/${DEMO_TOTAL} · `));
      await tui.resize(80, 24);
      await tui.press(':', 'c', 'a', 's', 'e', KEYS.enter);
      frame = await tui.waitFor((f) => f.includes('The case (esc closes)'), ':case');
      expectFits([frame], 80, 24);
      const text = unwrapped(frame);
      expect(text).toContain(`case file:${path}`);
      expect(text).toContain(`report:${path.replace(/\.json$/, '.report.md')}`);
      expect(text).toContain(DEMO);
      await tui.press(KEYS.escape);
      frame = await tui.waitFor((f) => !f.includes('The case (esc closes)'), 'the stream again');
    });
  });
});
