import { orNone, tableOr, type Block } from './document.js';
import type { TimelineEntry } from './timeline.js';
import { displayTime } from './time.js';

export interface AffectedResource {
  resource: string;
  /** Timeline events that named it. */
  events: number;
  /** The calls made on it, in the order first seen. */
  operations: string[];
  principals: string[];
  firstSeen: string;
}

/**
 * An S3 call names its object twice: the ARN in `resources` and `bucket/key` from its request.
 * The ARN says more, so the short form is dropped when both are there.
 */
function distinctNames(resources: string[]): string[] {
  const named = new Set(resources);
  return resources.filter((resource) => resource !== '' && !named.has(`arn:aws:s3:::${resource}`));
}

/** Each resource the timeline's events name, once, in the order the attack reached them. */
export function resourcesSection(timeline: TimelineEntry[]): AffectedResource[] {
  const byName = new Map<string, AffectedResource>();
  // The timeline is already in time order, so the first sighting sets firstSeen and the order.
  for (const entry of timeline) {
    for (const resource of distinctNames(entry.resources)) {
      let affected = byName.get(resource);
      if (!affected) {
        affected = { resource, events: 0, operations: [], principals: [], firstSeen: entry.time };
        byName.set(resource, affected);
      }
      affected.events++;
      if (entry.eventName && !affected.operations.includes(entry.eventName))
        affected.operations.push(entry.eventName);
      if (entry.principal && !affected.principals.includes(entry.principal))
        affected.principals.push(entry.principal);
    }
  }
  return [...byName.values()];
}

export function resourcesBlocks(resources: AffectedResource[]): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'Affected resources' },
    tableOr(
      ['Resource', 'Calls', 'By', 'First seen (UTC)', 'Timeline events'],
      resources.map((affected) => [
        affected.resource,
        orNone(affected.operations.join(', ')),
        orNone(affected.principals.join(', ')),
        orNone(displayTime(affected.firstSeen)),
        String(affected.events),
      ]),
      'No event on the timeline names a resource.',
    ),
  ];
}
