import type { StepProgress } from '../case/index.js';
import type { EventIndex } from '../index/index.js';
import { filterRows } from '../index/index.js';
import {
  fillStep,
  nextStep,
  phaseOf,
  phaseProgress,
  pickSuspects,
  PLAYBOOK,
  type PlaybookStep,
  type Suspects,
} from '../triage/index.js';
import { parseQuery } from '../trail/query/index.js';
import type { CaseFile } from '../case/index.js';
import { sanitizeText } from '../trail/sanitize.js';
import { wrapLine } from './wrap-line.js';

/** One state mark per step state, readable without color. */
export const STATE_MARK: Record<string, string> = {
  todo: '[ ]',
  'in-progress': '[~]',
  done: '[x]',
  skipped: '[-]',
  'not-applicable': '[n/a]',
};

export function suspectsOf(caseFile: CaseFile | undefined): Suspects {
  return pickSuspects(caseFile?.suspects ?? []);
}

/** "1:3/5 2:0/6 …": each phase's settled steps, for the checklist's top line. */
export function phaseSummary(caseFile: CaseFile | undefined): string {
  return phaseProgress(PLAYBOOK, caseFile?.steps ?? {})
    .map((phase) => `${phase.phase}:${phase.done}/${phase.total}`)
    .join(' ');
}

/** What a step is for and what it opens, as lines of text. */
export function stepDetail(
  step: PlaybookStep,
  progress: StepProgress | undefined,
  suspects: Suspects,
  now: number,
): string[] {
  const filled = fillStep(step, suspects, now);
  const target = step.target;
  const lines = [`why:  ${step.why}`, `look: ${step.look}`];
  if (target.kind === 'query')
    lines.push(`query: ${filled.query ?? target.query}  (enter runs it)`);
  if (target.kind === 'profile') lines.push('enter opens the suspect’s profile');
  if (target.kind === 'findings')
    lines.push(`findings: ${target.rules.join(', ')}  (enter lists them)`);
  if (target.kind === 'action')
    lines.push('containment — enter plans it for the suspect (running it needs --live)');
  const cli = filled.cli ?? ('cli' in target ? target.cli : undefined);
  if (cli)
    lines.push(...cli.split('\n').map((line, i) => (i === 0 ? `cli:  ${line}` : `      ${line}`)));
  if (filled.missing) lines.push(`first: ${filled.missing.join('; ')} (m marks a suspect)`);
  if (progress?.state === 'skipped') lines.push(`skipped: ${progress.reason}`);
  if (progress?.evidence.length)
    lines.push(`evidence: ${progress.evidence.length} pinned event(s) linked while in progress`);
  if (progress?.changedAt)
    lines.push(`last change: ${progress.changedAt} by ${progress.changedBy}`);
  return lines;
}

/**
 * Guided mode's page for one step: the phase and its goal, the step, its detail, what its query
 * finds in the loaded logs right now, its note, and what comes next.
 */
export function guidePage(
  index: EventIndex,
  stepNumber: number,
  caseFile: CaseFile | undefined,
  now: number,
): { text: string; strong?: boolean }[] {
  const step = PLAYBOOK[stepNumber];
  if (!step) return [];
  const progress = caseFile?.steps ?? {};
  const suspects = suspectsOf(caseFile);
  const phase = phaseOf(step.phase);
  const lines: { text: string; strong?: boolean }[] = [
    { text: `Phase ${phase.number} · ${phase.title} — ${phase.goal}`, strong: true },
    {
      text: `Step ${stepNumber + 1} of ${PLAYBOOK.length}  ${STATE_MARK[progress[step.id]?.state ?? 'todo']} ${step.title}`,
      strong: true,
    },
    ...stepDetail(step, progress[step.id], suspects, now).map((text) => ({ text })),
  ];
  const query = step.target.kind === 'query' ? fillStep(step, suspects, now).query : undefined;
  const parsed = query ? parseQuery(query, now) : undefined;
  if (parsed?.ok) {
    const rows = filterRows(index, parsed.query, index.order());
    lines.push({
      text: `now: ${rows.length.toLocaleString('en-US')} matching event(s) in the loaded logs`,
    });
    for (const row of rows.slice(0, 3)) {
      const f = index.fields(row);
      lines.push({
        text: `  ${new Date(f.time).toISOString().slice(0, 19)}Z ${f.principal} ${f.eventName} ${f.sourceIp}`,
      });
    }
  }
  const note = progress[step.id]?.note;
  if (note) lines.push({ text: `note: ${note}` });
  const next = nextStep(step.id, progress);
  lines.push({ text: next ? `next: ${next.title}` : 'next: every other step is settled' });
  return lines;
}

/** Guided mode's page as drawn at `width`: every line sanitized and wrapped, none cut. */
export function guideRows(
  index: EventIndex,
  stepNumber: number,
  caseFile: CaseFile | undefined,
  now: number,
  width: number,
): { text: string; strong?: boolean }[] {
  return guidePage(index, stepNumber, caseFile, now).flatMap((line) =>
    wrapLine(sanitizeText(line.text), width).map((text) => ({
      text,
      ...(line.strong ? { strong: true } : {}),
    })),
  );
}
