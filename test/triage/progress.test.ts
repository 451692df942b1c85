import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  StepProgress as CaseStepProgress,
  StepState as CaseStepState,
} from '../../source/case/model.js';
import {
  PLAYBOOK,
  isSettled,
  nextState,
  nextStep,
  phaseProgress,
  stateProblem,
  type PlaybookStep,
  type StepState,
} from '../../source/triage/index.js';

function progress(state: StepState, reason = ''): CaseStepProgress {
  return {
    state,
    reason,
    note: '',
    evidence: [],
    changedBy: 'analyst',
    changedAt: '2025-03-14T12:00:00Z',
  };
}

function manual(id: string, phase: PlaybookStep['phase']): PlaybookStep {
  return { id, phase, title: id, why: 'why', look: 'look', target: { kind: 'manual' } };
}

const STEPS = [manual('a', 1), manual('b', 1), manual('c', 2), manual('d', 2), manual('e', 3)];

describe('step states', () => {
  it('are the case file’s states', () => {
    expectTypeOf<StepState>().toEqualTypeOf<CaseStepState>();
  });

  it('cycle todo → in-progress → done → todo', () => {
    expect(nextState('todo')).toBe('in-progress');
    expect(nextState('in-progress')).toBe('done');
    expect(nextState('done')).toBe('todo');
  });

  it('reopen a skipped or not-applicable step', () => {
    expect(nextState('skipped')).toBe('todo');
    expect(nextState('not-applicable')).toBe('todo');
  });

  it('need a reason to skip', () => {
    expect(stateProblem('skipped', '')).toBe('say why the step is skipped');
    expect(stateProblem('skipped', '  ')).toBe('say why the step is skipped');
    expect(stateProblem('skipped', 'no Lambda in this account')).toBeUndefined();
    expect(stateProblem('not-applicable', '')).toBeUndefined();
    expect(stateProblem('done', '')).toBeUndefined();
  });

  it('count done, skipped and not-applicable as settled', () => {
    expect(
      ['todo', 'in-progress', 'done', 'skipped', 'not-applicable', undefined].map((s) =>
        isSettled(s as StepState | undefined),
      ),
    ).toEqual([false, false, true, true, true, false]);
  });
});

describe('phaseProgress', () => {
  it('counts settled steps per phase, from the case’s own progress records', () => {
    const record: Record<string, CaseStepProgress> = {
      a: progress('done'),
      b: progress('in-progress'),
      c: progress('skipped', 'no access'),
      d: progress('not-applicable'),
      zz: progress('done'),
    };
    expect(phaseProgress(STEPS, record)).toEqual([
      { phase: 1, title: 'Triage', done: 1, inProgress: 1, total: 2 },
      { phase: 2, title: 'Immediate actions', done: 2, inProgress: 0, total: 2 },
      { phase: 3, title: 'CloudTrail investigation', done: 0, inProgress: 0, total: 1 },
    ]);
  });

  it('has a line for each of the eight phases of the playbook', () => {
    const lines = phaseProgress(PLAYBOOK, {});
    expect(lines.map((line) => line.phase)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(lines.reduce((sum, line) => sum + line.total, 0)).toBe(PLAYBOOK.length);
    expect(lines.every((line) => line.done === 0)).toBe(true);
  });
});

describe('nextStep', () => {
  it('goes to the next unsettled step', () => {
    expect(nextStep('a', {}, STEPS)?.id).toBe('b');
    expect(nextStep('a', { b: progress('done'), c: progress('skipped', 'x') }, STEPS)?.id).toBe(
      'd',
    );
    expect(nextStep('a', { b: progress('in-progress') }, STEPS)?.id).toBe('b');
  });

  it('wraps round to a step passed over earlier', () => {
    expect(nextStep('e', { b: progress('done') }, STEPS)?.id).toBe('a');
    expect(nextStep('d', { a: progress('done'), e: progress('done') }, STEPS)?.id).toBe('b');
  });

  it('is done when every other step is settled', () => {
    const settled = {
      a: progress('done'),
      b: progress('done'),
      c: progress('not-applicable'),
      d: progress('done'),
    };
    expect(nextStep('e', settled, STEPS)).toBeUndefined();
    expect(nextStep('a', { ...settled, e: progress('done') }, STEPS)).toBeUndefined();
  });

  it('starts from the top for an unknown step, and walks the playbook by default', () => {
    expect(nextStep('nope', { a: progress('done') }, STEPS)?.id).toBe('b');
    expect(nextStep('triage-findings', {})?.id).toBe(PLAYBOOK[1]!.id);
    expect(nextStep(PLAYBOOK.at(-1)!.id, {})?.id).toBe(PLAYBOOK[0]!.id);
  });
});
