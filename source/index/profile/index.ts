export {
  principalProfile,
  type PrincipalProfile,
  type PrincipalListName,
} from './principal-profile.js';
export { ipProfile, type IpProfile } from './ip-profile.js';
export { keyProfile, type KeyProfile, type KeyCreationCandidate } from './key-profile.js';
export { findPrincipals } from './find-principals.js';
export { ambiguousPrincipal } from './principal-lookup.js';
export {
  ACCESS_DENIED_BURST_MIN_EVENTS,
  ACCESS_DENIED_BURST_WINDOW_MS,
  type AccessDeniedBurst,
} from './access-denied-bursts.js';
export type {
  ConsoleLoginEvent,
  CreatedIdentity,
  IamChange,
  RoleAssumption,
} from './notable-events.js';
export {
  DEFAULT_HISTOGRAM_BUCKETS,
  DEFAULT_LIST_LIMIT,
  type Histogram,
  type KeyKind,
  type ProfileOptions,
  type ValueStat,
} from './types.js';
export { isAccessDenied } from './event-kinds.js';
