import { elideDeep } from '../trail/deep-json.js';
import { redactSecrets } from '../trail/redact.js';
import { deepFreeze } from './deep-freeze.js';
import type { PinnedEvent } from './model.js';

/**
 * Pinned records are most of a case's bytes and never change once pinned. Each is redacted and
 * frozen once, the first time a store sees it, and from then on shared between successive states
 * instead of being cloned, redacted and frozen again on every save: that keeps a change to a case
 * with 50 large records at a fraction of a millisecond of work before the write.
 */
const sealed = new WeakSet<object>();

function sealRecord(record: Record<string, unknown>): Record<string, unknown> {
  if (sealed.has(record)) return record;
  // Cut at the depth bound too: a hand-edited case may hold a record nested thousands deep.
  const clean = deepFreeze(elideDeep(redactSecrets(record)));
  sealed.add(clean);
  return clean;
}

/** The pins with every record redacted and frozen; pins whose record already is are kept. */
export function sealPins(pins: PinnedEvent[]): PinnedEvent[] {
  return pins.map((pin) =>
    sealed.has(pin.record) ? pin : { ...pin, record: sealRecord(pin.record) },
  );
}
