/** The playbook: triage and containment steps as data, filling them from the case, progress. */
export { PHASES } from './phases.js';
export { PLAYBOOK, phaseOf, stepById, stepsOfPhase } from './playbook.js';
export {
  bareName,
  fillStep,
  queryValue,
  shellWord,
  suspectsNeeded,
  type FilledStep,
  type StepClock,
  type SuspectKind,
} from './fill.js';
export {
  isSettled,
  nextState,
  nextStep,
  phaseProgress,
  stateProblem,
  type PhaseProgress,
  type Progress,
} from './progress.js';
export { pickSuspects, type MarkedSuspect } from './suspects.js';
export type {
  ActionTarget,
  ContainmentAction,
  FindingsTarget,
  ManualTarget,
  Phase,
  PhaseNumber,
  PlaybookStep,
  ProfileSubject,
  ProfileTarget,
  QueryTarget,
  StepState,
  StepStateHolder,
  StepTarget,
  Suspects,
} from './types.js';
