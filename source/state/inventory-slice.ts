import type { StateCreator } from 'zustand/vanilla';
import { principalProfile } from '../index/index.js';
import type { ContainTarget } from './contain-service.js';
import { containTargetFor } from './contain-slice.js';
import type { AppState, InventorySlice, ResolvedDeps } from './types.js';

export const inventoryKey = (target: ContainTarget) =>
  `${target.account === undefined ? '' : `${target.account}/`}${target.kind}:${target.name}`;

/**
 * IAM inventories for principal profiles under --live: loaded when a profile opens, kept, read
 * again on `r` or after a containment; the profile shows them as its "IAM now" section.
 */
export const createInventorySlice =
  (deps: ResolvedDeps): StateCreator<AppState, [], [], InventorySlice> =>
  (set, get) => ({
    inventories: {},
    loadInventory: (name, refresh = false) => {
      const service = deps.inventory;
      if (!service) return;
      const target = containTargetFor(deps.index, name);
      if ('say' in target || target.kind === 'function') return;
      const key = inventoryKey(target);
      if (!refresh && get().inventories[key]) return;
      // The addresses each key was seen from in the trail: a key used from several is flagged.
      const ipsByKey = new Map<string, string[]>();
      for (const row of principalProfile(deps.index, name)?.rows ?? []) {
        const keyId = deps.index.value(row, 'accessKeyId');
        if (!keyId) continue;
        const ips = ipsByKey.get(keyId) ?? [];
        const ip = deps.index.value(row, 'sourceIp');
        if (!ips.includes(ip)) ips.push(ip);
        ipsByKey.set(keyId, ips);
      }
      const put = (state: AppState['inventories'][string]) => {
        set({ inventories: { ...get().inventories, [key]: state } });
        get().refreshScreen();
      };
      put({ status: 'loading' });
      service.load(target, { refresh, ipsByKey }).then(
        ({ inventory, flags }) => put({ status: 'ready', inventory, flags }),
        (error: unknown) =>
          put({ status: 'failed', error: error instanceof Error ? error.message : String(error) }),
      );
    },
    refreshInventory: () => {
      const top = get().screens[get().screens.length - 1]!;
      if (top.kind !== 'profile' || top.target.kind !== 'principal')
        return set({ message: 'r reads IAM again on a principal profile' });
      if (!deps.inventory) return set({ message: 'IAM inventory needs --live' });
      get().loadInventory(top.target.name, true);
    },
  });
