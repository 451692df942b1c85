import type { InventoryFlag, PrincipalInventory } from '../aws/iam/index.js';
import type { ProfileLine } from './types.js';

/** What a profile shows of the inventory while it loads, after it failed, or once read. */
export type InventoryState =
  | { status: 'loading' }
  | { status: 'failed'; error: string }
  | { status: 'ready'; inventory: PrincipalInventory | null; flags: InventoryFlag[] };

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '—');

/**
 * The "IAM now" section of a principal's profile: the flags first (what to act on), then the
 * credentials and what they are allowed. Names come from IAM and are attacker-chosen: the list
 * view sanitizes every line.
 */
export function inventoryLines(state: InventoryState): ProfileLine[] {
  const lines: ProfileLine[] = [{ text: 'IAM now (live · r reads again)', tone: 'heading' }];
  const add = (text: string, tone: ProfileLine['tone'] = 'normal') => lines.push({ text, tone });
  if (state.status === 'loading') {
    add('  reading IAM…', 'dim');
    return lines;
  }
  if (state.status === 'failed') {
    add(`  ${state.error}`, 'alert');
    return lines;
  }
  const inventory = state.inventory;
  if (!inventory) {
    add('  no such principal in IAM now (deleted?)', 'alert');
    return lines;
  }
  for (const flag of state.flags)
    add(`  ! ${flag.title}: ${flag.detail}`, flag.severity === 'low' ? 'normal' : 'alert');
  add(
    `  ${inventory.arn} · created ${day(inventory.createdAt)} · read ${inventory.readAt.slice(11, 19)}Z`,
    'dim',
  );
  if (inventory.kind === 'user') {
    add(
      `  console: ${inventory.loginProfile ? `password (set ${day(inventory.loginProfile.createdAt)})` : 'none'} · MFA: ${inventory.mfaDevices.length === 0 ? 'none' : inventory.mfaDevices.map((device) => device.serial).join(', ')}`,
    );
    for (const key of inventory.accessKeys)
      add(
        `  key ${key.id} ${key.status} · created ${day(key.createdAt)} · last used ${key.lastUsedAt ? `${day(key.lastUsedAt)} ${key.lastUsedService ?? ''} ${key.lastUsedRegion ?? ''}`.trimEnd() : 'never'}`,
        key.status === 'Active' ? 'normal' : 'dim',
      );
    if (inventory.groups.length > 0)
      add(`  groups: ${inventory.groups.map((group) => group.name).join(', ')}`);
  } else {
    add(`  last used ${day(inventory.lastUsedAt)} ${inventory.lastUsedRegion ?? ''}`.trimEnd());
    add(`  trust: ${inventory.trustPolicy.text.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  for (const policy of inventory.attachedPolicies) add(`  attached ${policy.name}`);
  for (const policy of inventory.inlinePolicies)
    add(`  inline ${policy.name}: ${policy.text.replace(/\s+/g, ' ').slice(0, 200)}`);
  for (const gap of inventory.gaps) add(`  could not read (${gap.call}): ${gap.message}`, 'dim');
  return lines;
}
