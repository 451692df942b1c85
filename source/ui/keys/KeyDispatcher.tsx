import { useInput } from 'ink';
import { useAppStoreApi } from '../store-context.js';
import { dispatchKey } from './dispatch.js';
import { keyName } from './key-name.js';

/** The app's one keyboard listener: every key goes through the keymap and the dispatcher. */
export function KeyDispatcher() {
  const store = useAppStoreApi();
  useInput((input, key) => dispatchKey(store.getState(), input, keyName(input, key)));
  return null;
}
