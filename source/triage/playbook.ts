import { PHASES } from './phases.js';
import { AFTER_CONTAINMENT_STEPS } from './steps/after-containment.js';
import { CONTAINMENT_STEPS } from './steps/containment.js';
import { EVIDENCE_STEPS } from './steps/evidence.js';
import { IMMEDIATE_STEPS } from './steps/immediate.js';
import { INVESTIGATION_STEPS } from './steps/investigation.js';
import { PATTERN_STEPS } from './steps/patterns.js';
import { POST_INCIDENT_STEPS } from './steps/post-incident.js';
import { TRIAGE_STEPS } from './steps/triage.js';
import type { Phase, PhaseNumber, PlaybookStep } from './types.js';

/** Every step, in the order guided mode walks them: phase by phase, as each file lists them. */
export const PLAYBOOK: readonly PlaybookStep[] = [
  ...TRIAGE_STEPS,
  ...IMMEDIATE_STEPS,
  ...INVESTIGATION_STEPS,
  ...PATTERN_STEPS,
  ...EVIDENCE_STEPS,
  ...CONTAINMENT_STEPS,
  ...AFTER_CONTAINMENT_STEPS,
  ...POST_INCIDENT_STEPS,
];

const BY_ID = new Map(PLAYBOOK.map((step) => [step.id, step]));

export function stepById(id: string): PlaybookStep | undefined {
  return BY_ID.get(id);
}

export function phaseOf(number: PhaseNumber): Phase {
  // PHASES has one entry per PhaseNumber, so the lookup cannot miss.
  return PHASES.find((phase) => phase.number === number)!;
}

export function stepsOfPhase(
  number: PhaseNumber,
  steps: readonly PlaybookStep[] = PLAYBOOK,
): PlaybookStep[] {
  return steps.filter((step) => step.phase === number);
}
