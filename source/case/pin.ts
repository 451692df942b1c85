import { elideDeep } from '../trail/deep-json.js';
import { redactSecrets } from '../trail/redact.js';
import type { CaseStore } from './store.js';

function textField(record: Record<string, unknown>, name: string): string {
  const value = record[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Pins a whole CloudTrail record as evidence, with secrets redacted (the store redacts pinned
 * records again on every save, so no other path can slip one through), and logs it. Values
 * nested deeper than the `depth` limit are kept as `{… N levels deeper}` (see deep-json.ts):
 * the case is read back and written by code that walks it, and the original stays in the logs. A record
 * already pinned (same eventID) is not pinned twice: returns false and saves nothing.
 */
export function pinRecord(
  store: CaseStore,
  record: Record<string, unknown>,
  note: string,
): boolean {
  const eventId = textField(record, 'eventID');
  if (eventId !== '' && store.current.pinned.some((pin) => pin.eventId === eventId)) return false;
  const eventName = textField(record, 'eventName');
  store.update(
    (draft, stamp) => {
      draft.pinned.push({
        eventId,
        eventTime: textField(record, 'eventTime'),
        record: elideDeep(redactSecrets(record)),
        pinnedAt: stamp.at,
        note,
      });
    },
    {
      action: 'pinned event',
      detail: [eventName, eventId].filter((part) => part !== '').join(' '),
    },
  );
  return true;
}
