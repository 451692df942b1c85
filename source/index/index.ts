export { EventIndex } from './event-index.js';
export { compileRowTest, filterRows } from './filter.js';
export { topValues, timeSpan, type ValueCount } from './aggregate.js';
export { Dictionary } from './dictionary.js';
export * from './profile/index.js';
export {
  FrozenIndex,
  snapshotTransferList,
  type DictionaryView,
  type IndexSnapshot,
  type IndexView,
} from './index-view.js';
export {
  describeNow,
  evidenceNow,
  trailEnd,
  type EvidenceNow,
  type NowBasis,
  type NowOptions,
} from './evidence-now.js';
export {
  accountCounts,
  accountStats,
  accountSuffixLength,
  isMultiAccount,
  isQualified,
  loadedAccounts,
  principalAccountOf,
  qualifiedIndex,
  type AccountCount,
  type AccountStats,
} from './accounts.js';
