import { useInput } from 'ink';
import { useAppStoreApi } from '../store-context.js';
import { dispatchKey } from './dispatch.js';
import { keyName } from './key-name.js';

const CHUNK_KEY_NAMES: Record<string, string> = {
  '\r': 'return',
  '\n': 'return',
  '\t': 'tab',
  '\x7f': 'backspace',
};

/** The app's one keyboard listener: every key goes through the keymap and the dispatcher. */
export function KeyDispatcher() {
  const store = useAppStoreApi();
  useInput((input, key) => {
    const name = keyName(input, key);
    // Keys typed faster than the terminal is read (or sent by tmux in one go) arrive as one
    // string: outside the filter bar each character is its own keypress ("jjj" moves three).
    if (name === input && input.length > 1 && !store.getState().filter.editing) {
      // A key in the chunk may open the command line (":user KeyHunter⏎"): each character is
      // routed by the state it finds, and enter, tab and backspace keep their names.
      for (const char of input) dispatchKey(store.getState(), char, CHUNK_KEY_NAMES[char] ?? char);
      return;
    }
    dispatchKey(store.getState(), input, name);
  });
  return null;
}
