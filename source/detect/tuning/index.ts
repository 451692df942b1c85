/**
 * Tuning as data: `--tuning FILE` and the case's entries (known networks, CI / IaC / scanner roles,
 * expected accounts, suppressions, Sigma filters), compiled once and applied to findings.
 */
export * from './model.js';
export {
  caseEntries,
  caseEntryProblem,
  isRuleId,
  parseTuningText,
  MAX_TUNING_BYTES,
} from './parse.js';
export {
  compileTuning,
  knownNetworkOf,
  knownNetworksOf,
  NO_TUNING,
  type Tuning,
} from './compile.js';
export { applyTuning, type SuppressedFinding, type TunedFindings } from './apply.js';
export { loadTuningFiles } from './load.js';
export { describeEntry, describeTuning } from './describe.js';
