import type { PinnedEvent } from '../case/index.js';
import type { EventIndex } from '../index/index.js';
import { parseEventTime } from '../trail/event-time.js';
import { asText } from '../trail/fields.js';

/**
 * The rows of the pinned events, so the stream can mark them. The index keeps no eventIDs, so a
 * pin is found by its time (a binary search in time order) and then its event name and source
 * address, read from the pinned record: two events alike in all three are one to the analyst.
 */
export function pinnedRows(index: EventIndex, pinned: readonly PinnedEvent[]): Set<number> {
  const rows = new Set<number>();
  if (pinned.length === 0) return rows;
  const order = index.order();
  const times = index.times;
  for (const pin of pinned) {
    // Read as the stream reads times: Date.parse would move `2025-02-30` onto March 2.
    const time = parseEventTime(pin.eventTime);
    if (Number.isNaN(time)) continue;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (times[order[middle]!]! < time) low = middle + 1;
      else high = middle;
    }
    const name = asText(pin.record.eventName);
    const ip = asText(pin.record.sourceIPAddress);
    for (let at = low; at < order.length && times[order[at]!] === time; at++) {
      const row = order[at]!;
      if (index.value(row, 'eventName') === name && index.value(row, 'sourceIp') === ip)
        rows.add(row);
    }
  }
  return rows;
}
