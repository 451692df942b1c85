/** The live source (LookupEvents): the face the CLI and the store use. */
export {
  LiveReader,
  liveRegions,
  GLOBAL_REGION,
  LATE_ARRIVAL_MS,
  RETENTION_MS,
} from './live-reader.js';
export type { LiveReaderOptions, LiveResult, ReadOptions } from './live-reader.js';
export type { LiveProgress, RegionProgress } from './progress.js';
export {
  forcedLookup,
  serverLookup,
  type ServerLookup,
  type LookupAttributeKey,
} from './lookup-plan.js';
export { createPacer, type Pacer } from './pacer.js';
export { follow, type FollowOptions, type Pollable } from './follow.js';
export {
  AccountsReader,
  DEFAULT_ACCOUNTS_IN_FLIGHT,
  type AccountSource,
  type AccountsReaderOptions,
} from './accounts-reader.js';
