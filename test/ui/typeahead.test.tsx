import { describe, expect, it } from 'vitest';
import { renderTui } from '../helpers/render-tui.js';
import { DEMO, DEMO_TOTAL, filterLine, position } from './helpers.js';

describe('keys that arrive together', () => {
  it('moves once per character when several keys come in one read, and types them in the filter bar', async () => {
    const tui = await renderTui({ sources: [DEMO] });
    try {
      // tmux send-keys and fast typists deliver "jjjj" as one chunk.
      await tui.press('jjjj');
      expect(position(tui.lastFrame())).toBe(`5/${DEMO_TOTAL}`);
      await tui.press('jjk');
      expect(position(tui.lastFrame())).toBe(`6/${DEMO_TOTAL}`);
      // In the filter bar the same chunk is text (a paste), not movement.
      await tui.press('/', 'user:KeyHunter');
      expect(filterLine(tui.lastFrame())).toContain('/user:KeyHunter');
      await tui.press('\x1b');
      // Text and its enter in one read (tmux send-keys 'text' Enter): typed, then submitted.
      await tui.press('/\x15event:ConsoleLogin ip:102.88.109.159\r');
      expect(filterLine(tui.lastFrame())).toContain('filter: event:ConsoleLogin ip:102.88.109.159');
      // A command and its enter, even opened in the same read.
      await tui.press(':user KeyHunter\r');
      await tui.waitFor((frame) => frame.startsWith('stream › KeyHunter'), 'the profile');
    } finally {
      tui.unmount();
    }
  });
});
