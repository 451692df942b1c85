import { useInput } from 'ink';
import { useAppStoreApi } from '../store-context.js';
import { dispatchKey } from './dispatch.js';
import { keyName } from './key-name.js';

const CHUNK_KEY_NAMES: Record<string, string> = {
  '\r': 'return',
  '\n': 'return',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\x15': 'ctrl+u',
  '\x17': 'ctrl+w',
  '\x03': 'ctrl+c',
};

/** The app's one keyboard listener: every key goes through the keymap and the dispatcher. */
export function KeyDispatcher() {
  const store = useAppStoreApi();
  useInput((input, key) => {
    const name = keyName(input, key);
    // Keys typed faster than the terminal is read (or sent by tmux in one go) arrive as one
    // string. Outside the filter bar each character is its own keypress ("jjj" moves three);
    // inside it, text is typed in one piece and enter, tab and backspace keep their names. Each
    // character is routed by the state it finds: a key in the chunk may open the command line
    // (":user KeyHunter⏎"), and text with its enter ("user KeyHunter⏎") must not be dropped as
    // a whole for the control character at its end.
    if (name === input && input.length > 1) {
      let text = '';
      const flush = () => {
        if (text) dispatchKey(store.getState(), text, text);
        text = '';
      };
      for (const char of input) {
        const named = CHUNK_KEY_NAMES[char];
        if (store.getState().filter.editing && !named) text += char;
        else {
          flush();
          dispatchKey(store.getState(), char, named ?? char);
        }
      }
      flush();
      return;
    }
    dispatchKey(store.getState(), input, name);
  });
  return null;
}
