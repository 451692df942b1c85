export { ATTACK_VERSION, describeTechnique, TECHNIQUES, type Technique } from './attack.js';
export { detect, type DetectionRun, type DetectOptions } from './engine.js';
export { actorOf, findingIsAbout } from './actor.js';
export {
  compareFindings,
  provenances,
  severityRank,
  SEVERITIES,
  type Finding,
  type FindingOrigin,
  type Severity,
} from './finding.js';
export { RISK_WEIGHT, riskOf, severityCounts } from './risk.js';
export type { RecordSource } from './record-source.js';
export { extractFacts, type RecordFacts } from '../trail/record-facts.js';
export { BUILTIN_RULES } from './rules/index.js';
export { CORRELATIONS } from './correlations.js';
export { loadSigmaRules, type SigmaProblem, type SigmaRule } from './sigma/index.js';
export type { DisabledRules } from './sigma-run.js';
export { buildBaseline } from './baseline/build.js';
export type {
  Baseline,
  BaselineDimension,
  BaselineOptions,
  BaselineScope,
  Standing,
  ValueHistory,
} from './baseline/types.js';
