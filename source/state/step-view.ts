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
  type StepClock,
  type Suspects,
} from '../triage/index.js';
import { parseQuery } from '../trail/query/index.js';
import type { CaseFile } from '../case/index.js';

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
  now: StepClock,
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
 * finds in the loaded logs (up to the evidence's now), its note, and what comes next.
 */
export function guidePage(
  index: EventIndex,
  stepNumber: number,
  caseFile: CaseFile | undefined,
  now: StepClock,
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
    ...queryCount(index, step, suspects, now.evidence),
  ];
  const note = progress[step.id]?.note;
  if (note) lines.push({ text: `note: ${note}` });
  const next = nextStep(step.id, progress);
  lines.push({ text: next ? `next: ${next.title}` : 'next: every other step is settled' });
  return lines;
}

/** A step query's look-back (`after:1h`), as the playbook writes it. */
const LOOK_BACK = /\s*\bafter:(\d+[smhdw])\b/;

/**
 * What the step's query finds, and over which window. A count of zero over "the last hour" is
 * an answer only with the time it counts back from and when the query last matched at all, or
 * it reads as "no longer active" whenever the trail is old.
 */
function queryCount(
  index: EventIndex,
  step: PlaybookStep,
  suspects: Suspects,
  now: number,
): { text: string }[] {
  if (step.target.kind !== 'query') return [];
  const rows = matches(index, { ...step, target: step.target }, suspects, now);
  if (!rows) return [];
  const span = LOOK_BACK.exec(step.target.query)?.[1];
  const count = rows.length.toLocaleString('en-US');
  const lines = [
    {
      text: span
        ? `now: ${count} matching event(s) in the ${span} up to ${stamp(now)}`
        : `now: ${count} matching event(s) in the loaded logs`,
    },
    ...Array.from(rows.subarray(0, 3), (row) => ({ text: `  ${eventLine(index, row)}` })),
  ];
  if (span && rows.length === 0) {
    const unbounded = { ...step.target, query: step.target.query.replace(LOOK_BACK, '') };
    const all = matches(index, { ...step, target: unbounded }, suspects, now);
    const last = all?.[all.length - 1];
    lines.push({
      text:
        last === undefined
          ? 'last match: none in the loaded logs'
          : `last match: ${eventLine(index, last)} (${ago(now - index.time(last))} earlier)`,
    });
  }
  return lines;
}

function matches(
  index: EventIndex,
  step: PlaybookStep & { target: { kind: 'query' } },
  suspects: Suspects,
  now: number,
): Uint32Array | undefined {
  const query = fillStep(step, suspects, { evidence: now, wall: now }).query;
  const parsed = query ? parseQuery(query, now) : undefined;
  return parsed?.ok ? filterRows(index, parsed.query, index.order()) : undefined;
}

function eventLine(index: EventIndex, row: number): string {
  const f = index.fields(row);
  return `${stamp(f.time)} ${f.principal} ${f.eventName} ${f.sourceIp}`;
}

const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** "33 h", "2 d 4 h", "12 min": how long before now. */
function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
