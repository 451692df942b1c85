import { principalProfile, type EventIndex } from '../index/index.js';
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

/**
 * What to watch after `principal` was contained at `since`: itself (a role with its sessions),
 * and every access key and address the trail shows it with (from all its rows: a profile's
 * lists are capped). Addresses only: a service's host name or "AWS Internal" is everyone's.
 */
export function watchFor(
  index: EventIndex,
  principal: string,
  since: number,
): Omit<LiveWatch, 'until' | 'raised'> {
  const keys = new Set<string>();
  const ips = new Set<string>();
  for (const row of principalProfile(index, principal)?.rows ?? []) {
    keys.add(index.value(row, 'accessKeyId'));
    ips.add(index.value(row, 'sourceIp'));
  }
  keys.delete('');
  for (const ip of ips) if (!/^[\d.]+$|:/.test(ip)) ips.delete(ip);
  return { principal, keys: [...keys], ips: [...ips], since };
}

/**
 * The containments verified in the last `windowMs`, from the case's audit log ("containment
 * verified" entries name `user NAME` or `role NAME`): a TUI reopened after a dropped session
 * watches them again for what is left of their window.
 */
export function recentContainments(
  audit: readonly { at: string; action: string; detail: string }[],
  now: number,
  windowMs: number,
): { principal: string; at: number }[] {
  const found: { principal: string; at: number }[] = [];
  for (const entry of audit) {
    if (entry.action !== 'containment verified') continue;
    const at = Date.parse(entry.at);
    const name = /^(?:user|role) (\S+):/.exec(entry.detail)?.[1];
    if (name && now - at < windowMs) found.push({ principal: name, at });
  }
  return found;
}
