import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeContain } from '../helpers/fake-contain.js';
import { tempTree } from '../helpers/records.js';
import { applyFilter, DEMO, lines, withTui } from './helpers.js';

const tree = tempTree('dialogs');
afterAll(() => tree.remove());

/** q closes whatever dialog is open, as esc does; only on a plain screen does it quit. */
describe('q in a dialog closes the dialog, not the app', () => {
  it('the help overlay (?)', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await tui.press('?');
      await tui.waitFor((frame) => frame.includes('trailhound keys'), 'the help');
      await tui.press('q');
      const frame = await tui.waitFor((f) => !f.includes('trailhound keys'), 'the help closed');
      expect(lines(frame).at(-1)).toMatch(/events/);
      expect(tui.store.getState().quitRequested).toBe(false);
    });
  });

  it('the load problems overlay (E)', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await tui.press('E');
      await tui.waitFor((frame) => frame.includes('Load problems'), 'the load problems');
      await tui.press('q');
      await tui.waitFor((f) => !f.includes('Load problems'), 'the overlay closed');
      expect(tui.store.getState().quitRequested).toBe(false);
    });
  });

  it('the containment screen (C), in each of its phases', async () => {
    const contain = new FakeContain();
    const casePath = join(tree.root, 'contain.json');
    await withTui({ sources: [DEMO], casePath, contain }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter event:ConsoleLogin');
      for (const phase of ['choose', 'plan'] as const) {
        await tui.press('C');
        await tui.waitFor((f) => f.includes('Contain user KeyHunter'), 'the contain screen');
        if (phase === 'plan') {
          await tui.press(' ', '\r');
          await tui.waitFor((f) => f.includes('Plan: 2 calls'), 'the plan');
        }
        await tui.press('q');
        const frame = await tui.waitFor(
          (f) => !f.includes('Contain user KeyHunter'),
          `the contain screen closed (${phase})`,
        );
        expect(tui.store.getState().quitRequested).toBe(false);
        expect(tui.store.getState().screens).toHaveLength(1);
        expect(frame).toContain('ConsoleLogin');
      }
      expect(contain.executed).toEqual([]);
    });
  });

  it('on the stream itself, q still quits', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await tui.press('q');
      expect(tui.store.getState().quitRequested).toBe(true);
    });
  });
});
