import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { EventIndex } from '../../source/index/index.js';
import { createAppStore } from '../../source/state/index.js';
import { HelpOverlay } from '../../source/ui/HelpOverlay.js';
import { StatusBar } from '../../source/ui/StatusBar.js';
import { StoreProvider, ThemeContext, themeFor } from '../../source/ui/index.js';
import { BINDINGS } from '../../source/ui/keys/keymap.js';

/** Single components at ink-testing-library's fixed 100 columns; the whole app has its own helper. */
function withStore(node: React.ReactNode) {
  const store = createAppStore({
    index: new EventIndex(),
    now: Date.now,
    source: 'unit',
    size: { columns: 100, rows: 30 },
  });
  return {
    store,
    ...render(
      <StoreProvider store={store}>
        <ThemeContext.Provider value={themeFor(false)}>{node}</ThemeContext.Provider>
      </StoreProvider>,
    ),
  };
}

describe('components', () => {
  it('the status bar shows loading progress, then the load problems key', async () => {
    const { store, lastFrame } = withStore(<StatusBar width={99} />);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    store.getState().setProgress({
      filesTotal: 10,
      filesDone: 4,
      events: 120,
      malformed: 0,
      failed: 0,
      skipped: 0,
      done: false,
    });
    await settle();
    expect(lastFrame()).toContain('loading 4/10 files · ');
    store.getState().setProgress({
      filesTotal: 10,
      filesDone: 10,
      events: 300,
      malformed: 2,
      failed: 1,
      skipped: 0,
      done: true,
    });
    await settle();
    expect(lastFrame()).toContain('1 bad file, 2 bad records (E)');
    expect(lastFrame()).not.toContain('loading');
  });

  it('the help overlay lists every binding of the keymap', () => {
    const { lastFrame } = withStore(<HelpOverlay width={99} height={120} />);
    for (const binding of BINDINGS) expect(lastFrame()).toContain(binding.help);
  });
});
