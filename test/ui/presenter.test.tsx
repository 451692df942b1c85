import { afterEach, describe, expect, it } from 'vitest';
import { setPresenterMode } from '../../source/trail/presenter-mask.js';
import { applyFilter, DEMO, messageText, statusLine, withTui } from './helpers.js';

afterEach(() => setPresenterMode(false));

const ACCOUNT_ID = /(?<!\d)\d{12}(?!\d)/;
const KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;

describe('presenter mode (R)', () => {
  it('masks account ids, key ids and addresses in the stream and the detail, and unmasks', async () => {
    await withTui({ sources: [DEMO], columns: 100, rows: 30 }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter event:ConsoleLogin');
      await tui.press('G', 'd');
      // The detail re-reads the record from its file: wait for it rather than race it.
      let frame = await tui.waitFor((f) => ACCOUNT_ID.test(f), 'the record in the detail');
      expect(frame).toMatch(ACCOUNT_ID);
      expect(frame).toContain('102.88.109.159');
      await tui.press('R');
      frame = tui.lastFrame();
      expect(frame).not.toMatch(ACCOUNT_ID);
      expect(frame).not.toMatch(KEY_ID);
      expect(frame).not.toContain('102.88.109.159');
      expect(frame).toContain('102.x.x.159');
      expect(frame).toContain('arn:aws:iam::account-0001:user/KeyHunter');
      expect(messageText(frame)).toContain('presenter mode: ids and addresses masked');
      await tui.press('R');
      expect(tui.lastFrame()).toContain('102.88.109.159');
    });
  });
});
