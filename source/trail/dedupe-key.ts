import type { RawRecord } from './event.js';

/**
 * What makes two records the same event. CloudTrail can deliver an event twice, byte for byte;
 * its eventID alone would do for real logs, but published examples (AWS's own docs among them)
 * reuse one eventID for different events. So the key is the eventID plus the time, the name and
 * the request: equal for a redelivery, different for those examples. '' when there is no eventID
 * (such records are never dropped as duplicates).
 */
export function dedupeKey(raw: RawRecord, eventId: string): string {
  if (!eventId) return '';
  const request = raw.requestParameters ?? null;
  const extra = raw.additionalEventData ?? null;
  const requestText = typeof request === 'object' ? JSON.stringify(request) : String(request);
  const extraText = typeof extra === 'object' ? JSON.stringify(extra) : String(extra);
  return `${eventId}|${String(raw.eventTime)}|${String(raw.eventName)}|${requestText}|${extraText}`;
}
