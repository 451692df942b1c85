import type { EventIndex } from '../index/index.js';
import type { LiveWatch } from './types.js';

/**
 * The rows from `firstRow` on (those that arrived since the last look) in which a watched
 * principal, one of its access keys or one of its addresses acts after the containment, in time
 * order. A role's watch covers every session of it (`role/session`).
 */
export function watchHits(index: EventIndex, watch: LiveWatch, firstRow: number): number[] {
  const hits: number[] = [];
  const keys = new Set(watch.keys);
  const ips = new Set(watch.ips);
  const sessions = `${watch.principal}/`;
  for (let row = firstRow; row < index.size; row++) {
    if (index.time(row) < watch.since) continue;
    const principal = index.value(row, 'principal');
    if (
      principal === watch.principal ||
      principal.startsWith(sessions) ||
      keys.has(index.value(row, 'accessKeyId')) ||
      ips.has(index.value(row, 'sourceIp'))
    )
      hits.push(row);
  }
  return hits.sort((a, b) => index.time(a) - index.time(b) || a - b);
}
