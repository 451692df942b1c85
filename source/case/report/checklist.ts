import type { CaseFile, StepState } from '../model.js';
import { orNone, tableOr, type Block, type CellValue, type Tone } from './document.js';
import type { ReportStep } from './input.js';
import { displayTime } from './time.js';

export interface ChecklistStep {
  id: string;
  title: string;
  state: StepState;
  /** Why it was skipped. */
  reason: string;
  note: string;
  /** eventIDs of the pinned evidence linked to the step. */
  evidence: string[];
  changedBy: string;
  changedAt: string;
  /** Whether finishing it means the incident is contained (see isContainmentStep). */
  containment: boolean;
}

export interface ChecklistPhase {
  phase: number;
  title: string;
  steps: ChecklistStep[];
}

/**
 * The playbook marks no step as "containment" in its data, so the report recognises them by
 * their phase or title: a phase called "Contain…" (the usual NIST / AWS playbook naming), or a
 * step that quarantines, deactivates or revokes.
 */
export function isContainmentStep(step: ReportStep): boolean {
  return /contain/i.test(step.phaseTitle) || /contain|quarantin|deactivat|revoke/i.test(step.title);
}

const STATE_WORDS: Readonly<Record<StepState, string>> = {
  todo: 'to do',
  'in-progress': 'in progress',
  done: 'done',
  skipped: 'skipped',
  'not-applicable': 'not applicable',
};

const STATE_TONES: Readonly<Record<StepState, Tone>> = {
  todo: 'muted',
  'in-progress': 'medium',
  done: 'good',
  skipped: 'low',
  'not-applicable': 'muted',
};

export function stateWords(state: StepState): string {
  return STATE_WORDS[state] ?? String(state);
}

/**
 * Every playbook step with its progress, grouped by phase in playbook order. Progress recorded
 * for a step the playbook no longer has is kept in a last group: it is still something the
 * analyst did.
 */
export function checklistSection(caseFile: CaseFile, steps: ReportStep[]): ChecklistPhase[] {
  const phases = new Map<number, ChecklistPhase>();
  const listed = new Set<string>();
  const entry = (step: ReportStep): ChecklistStep => {
    const progress = caseFile.steps[step.id];
    return {
      id: step.id,
      title: step.title,
      state: progress?.state ?? 'todo',
      reason: progress?.reason ?? '',
      note: progress?.note ?? '',
      evidence: [...(progress?.evidence ?? [])],
      changedBy: progress?.changedBy ?? '',
      changedAt: progress?.changedAt ?? '',
      containment: isContainmentStep(step),
    };
  };
  for (const step of steps) {
    listed.add(step.id);
    let phase = phases.get(step.phase);
    if (!phase) {
      phase = { phase: step.phase, title: step.phaseTitle, steps: [] };
      phases.set(step.phase, phase);
    }
    phase.steps.push(entry(step));
  }
  const ordered = [...phases.values()].sort((a, b) => a.phase - b.phase);

  const orphans = Object.keys(caseFile.steps)
    .filter((id) => !listed.has(id))
    .sort();
  if (orphans.length > 0) {
    const phase = (ordered.at(-1)?.phase ?? 0) + 1;
    ordered.push({
      phase,
      title: 'Not in the current playbook',
      steps: orphans.map((id) => entry({ id, phase, phaseTitle: '', title: id })),
    });
  }
  return ordered;
}

export function checklistBlocks(checklist: ChecklistPhase[]): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Checklist' }];
  if (checklist.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No playbook steps were given for this report.' });
    return blocks;
  }
  for (const phase of checklist) {
    blocks.push({ kind: 'heading', level: 3, text: `Phase ${phase.phase}: ${phase.title}` });
    const rows: CellValue[][] = phase.steps.map((step) => [
      step.title,
      { text: stateWords(step.state), tone: STATE_TONES[step.state] ?? 'muted' },
      orNone(step.changedBy),
      orNone(displayTime(step.changedAt)),
      orNone(step.note),
      orNone(step.reason),
      orNone(step.evidence.join(', ')),
    ]);
    blocks.push(
      tableOr(
        ['Step', 'State', 'By', 'When (UTC)', 'Note', 'Skipped because', 'Evidence'],
        rows,
        'No steps in this phase.',
      ),
    );
  }
  return blocks;
}
