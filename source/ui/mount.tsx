import { render, type Instance } from 'ink';
import type { EventIndex } from '../index/index.js';
import type { AppStore } from '../state/index.js';
import { App } from './App.js';
import { StoreProvider } from './store-context.js';
import { ThemeContext, type Theme } from './theme.js';

export interface MountOptions {
  store: AppStore;
  index: EventIndex;
  theme: Theme;
  /** Where frames go: the frame writer in the TUI, a fake terminal in tests and the bench. */
  stdout: { write: (frame: string) => unknown };
  stdin: NodeJS.ReadStream | { isTTY: boolean };
}

/**
 * Renders the App. Ink runs in debug mode: it hands every whole frame to `stdout`, which decides
 * what reaches the terminal (the TUI's frame writer sends only the changed lines). Ctrl-C and
 * console output are the app's to handle, not ink's.
 */
export function mountApp({ store, index, theme, stdout, stdin }: MountOptions): Instance {
  return render(
    <StoreProvider store={store}>
      <ThemeContext.Provider value={theme}>
        <App index={index} />
      </ThemeContext.Provider>
    </StoreProvider>,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
}
