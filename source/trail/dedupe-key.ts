import { stringifyJson } from './deep-json.js';
import type { RawRecord } from './event.js';

/**
 * What makes two records the same event. CloudTrail can deliver an event twice, byte for byte;
 * its eventID alone would do for real logs, but published examples (AWS's own docs among them)
 * reuse one eventID for different events that differ in their name, time, or the sign-in details
 * of additionalEventData. The key covers those and stays cheap: requestParameters, often the
 * largest part of a record, is left out. Given as parts (hashed without joining them);
 * undefined when there is no eventID (never a duplicate).
 */
export function dedupeKey(raw: RawRecord, eventId: string): string[] | undefined {
  if (!eventId) return undefined;
  const extra = raw.additionalEventData;
  const extraText = extra === undefined || extra === null ? '' : (stringifyJson(extra) ?? '');
  return [eventId, String(raw.eventTime), String(raw.eventName), extraText];
}
