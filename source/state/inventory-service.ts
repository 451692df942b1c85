import type { InventoryFlag, PrincipalInventory } from '../aws/iam/index.js';
import type { ContainTarget } from './contain-service.js';

/**
 * IAM as it is now, for a principal's profile under --live: read on demand, cached, read again
 * on `r` or after a containment. The real one wraps source/aws/iam's cache; tests give a fake.
 */
export interface InventoryService {
  load(
    target: ContainTarget,
    options: { refresh: boolean; ipsByKey: ReadonlyMap<string, readonly string[]> },
  ): Promise<{ inventory: PrincipalInventory | null; flags: InventoryFlag[] }>;
}
