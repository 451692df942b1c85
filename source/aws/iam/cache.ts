import type { IAMClient } from '@aws-sdk/client-iam';
import type { Target } from './principal.js';
import { loadRoleInventory } from './role-inventory.js';
import type { PrincipalInventory } from './types.js';
import { loadUserInventory, type InventoryOptions } from './user-inventory.js';

/**
 * Inventories loaded on demand and kept: a profile opened twice reads IAM once, two panes asking
 * at once share one load, and `refresh` (or a containment, through `forget`) reads it again.
 * A failed load is not kept, so asking again retries.
 */
export class InventoryCache {
  private readonly loads = new Map<string, Promise<PrincipalInventory | null>>();

  constructor(
    private readonly iam: IAMClient,
    private readonly options: InventoryOptions = {},
  ) {}

  get(target: Target, options: { refresh?: boolean } = {}): Promise<PrincipalInventory | null> {
    if (target.kind === 'function') return Promise.resolve(null);
    const key = `${target.kind}:${target.name}`;
    const cached = this.loads.get(key);
    if (cached && !options.refresh) return cached;
    const load =
      target.kind === 'user'
        ? loadUserInventory(this.iam, target.name, this.options)
        : loadRoleInventory(this.iam, target.name, this.options);
    this.loads.set(key, load);
    load.catch(() => {
      if (this.loads.get(key) === load) this.loads.delete(key);
    });
    return load;
  }

  forget(target: Target): void {
    this.loads.delete(`${target.kind}:${target.name}`);
  }
}
