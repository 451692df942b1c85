import type { DetectionContext } from '../context.js';
import { actorOf } from '../actor.js';

const DAY_MS = 86_400_000;

/** A role's sessions change name daily; the role is the one with habits (see actorOf). */
export function familyOf(principal: string): string {
  return actorOf(principal);
}

/**
 * The source addresses each asked-for principal (a role with all its sessions) works from
 * routinely: seen on at least two days. A burst or a deploy from such an address is its job;
 * the same from anywhere else is worth a look. Two days, not a share of the calls: an intruder's
 * address can carry most of a compromised user's calls within the one day it is used.
 * One pass over the rows, however many principals are asked about.
 */
export function routineAddresses(
  context: DetectionContext,
  principals: Iterable<string>,
): Map<string, Set<number>> {
  const families = new Map<string, number>();
  for (const principal of principals) {
    const family = familyOf(principal);
    if (!families.has(family)) families.set(family, families.size);
  }
  const names = context.index.dictionary('principal').values;
  const familyOfId = new Int32Array(names.length).fill(-1);
  names.forEach((name, id) => {
    const family = families.get(familyOf(name));
    if (family !== undefined) familyOfId[id] = family;
  });
  const principalColumn = context.index.column('principal');
  const ipColumn = context.index.column('sourceIp');
  // (family, address) → the first day seen, or -1 once seen on a second day.
  const firstDay = new Map<number, number>();
  const stride = context.index.dictionary('sourceIp').size;
  for (let i = 0; i < context.order.length; i++) {
    const row = context.order[i]!;
    const family = familyOfId[principalColumn[row]!]!;
    if (family < 0) continue;
    const key = family * stride + ipColumn[row]!;
    const day = Math.floor(context.time(row) / DAY_MS);
    const seen = firstDay.get(key);
    if (seen === undefined) firstDay.set(key, day);
    else if (seen !== day && seen !== -1) firstDay.set(key, -1);
  }
  const routine = new Map<string, Set<number>>();
  for (const family of families.keys()) routine.set(family, new Set());
  const byIndex = [...families.keys()];
  for (const [key, day] of firstDay) {
    if (day !== -1) continue;
    routine.get(byIndex[Math.floor(key / stride)]!)!.add(key % stride);
  }
  return routine;
}
