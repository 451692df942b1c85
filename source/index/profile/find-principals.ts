import type { EventIndex } from '../event-index.js';
import { topSlots } from './top-slots.js';

interface Activity {
  version: number;
  counts: Uint32Array;
}

/** Events per principal id, remembered until the index changes: completion asks per keystroke. */
const activity = new WeakMap<EventIndex, Activity>();

function eventsPerPrincipal(index: EventIndex): Uint32Array {
  const known = activity.get(index);
  if (known && known.version === index.version) return known.counts;
  const counts = new Uint32Array(index.dictionary('principal').size);
  const column = index.column('principal');
  for (let row = 0; row < index.size; row++) counts[column[row]!]!++;
  activity.set(index, { version: index.version, counts });
  return counts;
}

/**
 * For `:user` completion and "did you mean": principal values containing `text` (ignoring
 * case), most active first (ties alphabetically), at most `limit`. Values with no loaded event
 * are left out.
 */
export function findPrincipals(index: EventIndex, text: string, limit: number): string[] {
  const dictionary = index.dictionary('principal');
  const counts = eventsPerPrincipal(index);
  const lowercased = dictionary.lowercased();
  const needle = text.toLowerCase();
  const ids: number[] = [];
  for (let id = 1; id < counts.length; id++) {
    if (counts[id]! > 0 && lowercased[id]!.includes(needle)) ids.push(id);
  }
  const before = (a: number, b: number): boolean => {
    const ca = counts[ids[a]!]!;
    const cb = counts[ids[b]!]!;
    if (ca !== cb) return ca > cb;
    return dictionary.value(ids[a]!) < dictionary.value(ids[b]!);
  };
  return topSlots(ids.length, limit, before).map((slot) => dictionary.value(ids[slot]!));
}
