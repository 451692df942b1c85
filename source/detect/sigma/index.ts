/**
 * Sigma rules for AWS CloudTrail: load and compile detection and correlation rules, match
 * records, and run correlations over the matches. Rules that cannot be used are reported with
 * a reason, never thrown.
 */
export { UNKNOWN } from './types.js';
export type {
  CorrelationCondition,
  CorrelationHit,
  CorrelationType,
  FieldGetter,
  SigmaCorrelation,
  SigmaDetection,
  SigmaLoad,
  SigmaMatch,
  SigmaProblem,
  SigmaRule,
  SigmaRuleInfo,
  Truth,
} from './types.js';
export { buildFilter, filterNames, type SigmaFilter } from './filter-rule.js';
export { recordFields } from './field-path.js';
export { loadSigmaRules, parseSigmaText, MAX_RULE_FILE_BYTES } from './load.js';
export { evaluateCorrelation } from './correlation-eval.js';
export { evaluateCorrelations, hitsAsMatches } from './correlation-chain.js';
