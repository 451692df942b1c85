import type { RoleInventory, UserInventory } from '../iam/types.js';

/**
 * The current state an action plans against. A user or role whose inventory is null does not
 * exist (any more): a resumed deletion finds nothing left to do.
 */
export type TargetState =
  | { kind: 'user'; name: string; inventory: UserInventory | null }
  | { kind: 'role'; name: string; inventory: RoleInventory | null }
  | {
      kind: 'function';
      name: string;
      region: string;
      exists: boolean;
      /** Reserved concurrency; undefined when none is set (the function shares the pool). */
      reservedConcurrency: number | undefined;
    };

/** CloudTrail trails of the home region, for the create-trail plan. */
export interface TrailState {
  trails: { name: string; arn: string; logging: boolean; multiRegion: boolean }[];
}
