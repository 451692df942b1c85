import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/render-tui.js';
import { tempTree } from '../helpers/records.js';
import { applyFilter, DEMO, lines, statusLine, withTui } from './helpers.js';

/** The analyst opens the March 2025 demo long after: the clock must not decide what is recent. */
const TODAY = () => Date.parse('2026-12-07T15:00:00Z');

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

describe('the screen counts from the trail’s end', () => {
  it('the status bar says where the trail ends', async () => {
    await withTui({ sources: [DEMO], now: TODAY, columns: 160, rows: 30 }, async (tui) => {
      const frame = await tui.waitFor((f) => statusLine(f).includes('trail ends'), 'the note');
      expect(statusLine(frame)).toContain('3,313 events');
      expect(statusLine(frame)).toContain(' · trail ends 2025-03-14 23:47 UTC');
    });
  });

  it('guided step 4 counts the trail’s last hour and says when the suspect last acted', async () => {
    const tree = tempTree('time-ui');
    trees.push(tree);
    const casePath = join(tree.root, 'incident.json');
    await withTui(
      { sources: [DEMO], now: TODAY, casePath, columns: 120, rows: 40 },
      async (tui) => {
        await applyFilter(tui, 'user:KeyHunter after:2d');
        // On the clock (2026) this window was empty; from the trail's end it holds his break-in.
        expect(statusLine(tui.lastFrame())).toMatch(/ 29 of 3,313 events match /);
        await tui.press('m', ':', 'guide', KEYS.enter, 'j', 'j', 'j');
        const page = lines(await tui.waitFor((f) => f.includes('Step 4 of'), 'step 4'));
        expect(page).toContain('now: 0 matching event(s) in the 1h up to 2025-03-14T23:47:06Z');
        expect(page).toContain(
          'last match: 2025-03-13T14:52:33Z KeyHunter AssumeRole 102.88.109.159 (33 h earlier)',
        );
        expect(page.join(' ')).toMatch(/--start-time\s+2025-03-14T22:47:06.000Z/);
      },
    );
  });
});
