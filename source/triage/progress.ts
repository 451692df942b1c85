/**
 * The checklist's arithmetic: pure functions over the case's progress records, so the TUI, the
 * report and the tests agree on what "done" means.
 */
import { PHASES } from './phases.js';
import { PLAYBOOK } from './playbook.js';
import type { PhaseNumber, PlaybookStep, StepState, StepStateHolder } from './types.js';

/**
 * What one press of the checklist key does: todo → in-progress → done → todo. Skipped and
 * not-applicable are set on purpose (see `stateProblem`); pressing on one reopens it.
 */
export function nextState(state: StepState): StepState {
  switch (state) {
    case 'todo':
      return 'in-progress';
    case 'in-progress':
      return 'done';
    case 'done':
    case 'skipped':
    case 'not-applicable':
      return 'todo';
  }
}

/** Why a state cannot be set with this reason, or undefined when it can. */
export function stateProblem(state: StepState, reason: string): string | undefined {
  // A skipped step is a decision someone will ask about in the review: it must say why.
  if (state === 'skipped' && reason.trim() === '') return 'say why the step is skipped';
  return undefined;
}

/** Done, skipped and not-applicable all leave nothing to do; a step never touched is todo. */
export function isSettled(state: StepState | undefined): boolean {
  return state === 'done' || state === 'skipped' || state === 'not-applicable';
}

export type Progress = Readonly<Record<string, StepStateHolder>>;

export interface PhaseProgress {
  phase: PhaseNumber;
  title: string;
  /** Steps settled: done, skipped or not applicable. */
  done: number;
  inProgress: number;
  total: number;
}

/** One line per phase that has steps, in phase order, for the checklist pane. */
export function phaseProgress(steps: readonly PlaybookStep[], progress: Progress): PhaseProgress[] {
  const lines: PhaseProgress[] = [];
  for (const phase of PHASES) {
    const inPhase = steps.filter((step) => step.phase === phase.number);
    if (inPhase.length === 0) continue;
    const states = inPhase.map((step) => stateOf(step.id, progress));
    lines.push({
      phase: phase.number,
      title: phase.title,
      done: states.filter(isSettled).length,
      inProgress: states.filter((state) => state === 'in-progress').length,
      total: inPhase.length,
    });
  }
  return lines;
}

/**
 * Guided mode's "next": the first unsettled step after `stepId`, wrapping round to the start so
 * a step passed over earlier is not lost. Undefined when every other step is settled. An
 * unknown id starts from the top.
 */
export function nextStep(
  stepId: string,
  progress: Progress,
  steps: readonly PlaybookStep[] = PLAYBOOK,
): PlaybookStep | undefined {
  const at = steps.findIndex((step) => step.id === stepId);
  for (let offset = 1; offset <= steps.length; offset++) {
    const step = steps[(at + offset) % steps.length]!;
    if (step.id !== stepId && !isSettled(stateOf(step.id, progress))) return step;
  }
  return undefined;
}

function stateOf(stepId: string, progress: Progress): StepState {
  return progress[stepId]?.state ?? 'todo';
}
