export { ATTACK_VERSION, describeTechnique, TECHNIQUES, type Technique } from './attack.js';
export { detect, type DetectionRun, type DetectOptions } from './engine.js';
export {
  compareFindings,
  severityRank,
  SEVERITIES,
  type Finding,
  type FindingOrigin,
  type Severity,
} from './finding.js';
export type { RecordSource } from './record-source.js';
export { extractFacts, type RecordFacts } from '../trail/record-facts.js';
export { BUILTIN_RULES } from './rules/index.js';
export { CORRELATIONS } from './correlations.js';
export { loadSigmaRules, type SigmaProblem, type SigmaRule } from './sigma/index.js';
