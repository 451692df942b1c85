import type { UserInventory } from '../../iam/types.js';
import { plannedCall, type PlanContext } from '../plan-context.js';
import type { Check, PlannedCall } from '../types.js';

export interface KeyChoice {
  /** Only these keys; all of the user's keys when absent or empty. */
  keyIds?: readonly string[];
}

interface KeyPlanPart {
  calls: PlannedCall[];
  checks: Check[];
  notes: string[];
}

function chosenKeys(user: UserInventory, choice: KeyChoice, notes: string[]) {
  const wanted = choice.keyIds?.length ? new Set(choice.keyIds) : undefined;
  if (wanted) {
    const held = new Set(user.accessKeys.map((key) => key.id));
    for (const id of wanted) if (!held.has(id)) notes.push(`${id} is not a key of ${user.name}`);
  }
  return user.accessKeys.filter((key) => !wanted || wanted.has(key.id));
}

/** UpdateAccessKey to `status` for each chosen key not already there. */
export function setKeyStatus(
  user: UserInventory,
  choice: KeyChoice,
  status: 'Active' | 'Inactive',
  context: PlanContext,
): KeyPlanPart {
  const notes: string[] = [];
  const keys = chosenKeys(user, choice, notes);
  if (keys.length === 0) notes.push(`${user.name} has no access keys to change`);
  const calls = keys
    .filter((key) => key.status !== status)
    .map((key) =>
      plannedCall(
        context,
        'iam',
        'UpdateAccessKey',
        { UserName: user.name, AccessKeyId: key.id, Status: status },
        status === 'Inactive'
          ? 'stop the key working, keep it traceable'
          : 'undo: the key works again',
      ),
    );
  const checks: Check[] = keys.map((key) => ({
    kind: 'key-status',
    user: user.name,
    keyId: key.id,
    status,
  }));
  return { calls, checks, notes };
}

/**
 * DeleteAccessKey for the chosen keys that are already inactive; an active key is only deleted
 * when forced, since AWS advises deactivating first so that any later use is still logged.
 */
export function deleteKeys(
  user: UserInventory,
  choice: KeyChoice & { force?: boolean },
  context: PlanContext,
): KeyPlanPart {
  const notes: string[] = [];
  const calls: PlannedCall[] = [];
  const checks: Check[] = [];
  for (const key of chosenKeys(user, choice, notes)) {
    if (key.status === 'Active' && !choice.force) {
      notes.push(`${key.id} is still active: deactivate it first (or force the deletion)`);
      continue;
    }
    calls.push(
      plannedCall(
        context,
        'iam',
        'DeleteAccessKey',
        { UserName: user.name, AccessKeyId: key.id },
        'remove the key for good',
      ),
    );
    checks.push({ kind: 'key-absent', user: user.name, keyId: key.id });
  }
  return { calls, checks, notes };
}
