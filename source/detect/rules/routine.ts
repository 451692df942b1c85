import type { DetectionContext } from '../context.js';
import { roleOf } from './workload-roles.js';

const DAY_MS = 86_400_000;

/** A role's sessions change name daily; the role is the one with habits. */
export function familyOf(principal: string): string {
  return roleOf(principal) || principal;
}

/**
 * The source addresses a principal (a role with all its sessions) works from routinely: seen on
 * at least two days, or so. A burst from such an address is its job; the
 * same burst from anywhere else is worth a look.
 */
export function routineAddresses(context: DetectionContext, principal: string): Set<number> {
  const family = familyOf(principal);
  const rows = context.rowsWhere('principal', (name) => familyOf(name) === family);
  const days = new Map<number, Set<number>>();

  for (const row of rows) {
    const ip = context.id(row, 'sourceIp');
    let seen = days.get(ip);
    if (!seen) days.set(ip, (seen = new Set()));
    seen.add(Math.floor(context.time(row) / DAY_MS));
  }
  const routine = new Set<number>();
  for (const ip of days.keys()) {
    // Two days, not a share of the calls: an intruder's address can carry most of a
    // compromised user's calls within the one day it is used.
    if (days.get(ip)!.size >= 2) routine.add(ip);
  }
  return routine;
}
