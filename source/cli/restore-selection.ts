import type { EventIndex } from '../index/index.js';
import type { AppStore } from '../state/index.js';
import { asText } from '../trail/fields.js';

/** Rows searched for the case's selected event; beyond this the stream opens at the top. */
const SEARCH_LIMIT = 20_000;

/**
 * Puts the cursor back on the event the case says was selected. The index keeps no eventIDs, so
 * the rows on screen are read until it is found (files stay cached, neighbours share files).
 */
export async function restoreSelection(
  store: AppStore,
  index: EventIndex,
  eventId: string,
): Promise<void> {
  const { rows, reader } = store.getState();
  if (!reader) return;
  for (let position = 0; position < Math.min(rows.length, SEARCH_LIMIT); position++) {
    const { fileId, recordIndex } = index.location(rows[position]!);
    const record = await reader.read(fileId, recordIndex).catch(() => undefined);
    if (asText(record?.eventID) === eventId) {
      store.getState().moveCursorTo(position);
      return;
    }
  }
}
