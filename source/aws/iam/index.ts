/** IAM inventory: what a principal is allowed and holds, read from the account, and its flags. */
export * from './types.js';
export { loadUserInventory, type InventoryOptions } from './user-inventory.js';
export { loadRoleInventory } from './role-inventory.js';
export { decodePolicyDocument, statementsOf, type Statement } from './policy-document.js';
export {
  userFlags,
  roleFlags,
  foreignTrustees,
  allowsEverything,
  isRogueName,
  type InventoryFlag,
  type UserFlagInput,
} from './flags.js';
export { parseTarget, type Target, type TargetKind } from './principal.js';
export { isNoSuchEntity } from './gather.js';
export { InventoryCache } from './cache.js';
export { allPages, type MarkerPage } from './paginate.js';
