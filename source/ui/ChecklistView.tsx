import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import type { StepProgress } from '../case/index.js';
import { listRows } from '../state/index.js';
import {
  fillStep,
  phaseProgress,
  pickSuspects,
  PLAYBOOK,
  type PlaybookStep,
} from '../triage/index.js';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';
import { Breadcrumb } from './Breadcrumb.js';
import { ListView, type ListLine } from './ListView.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

/** One character per state, readable without color. */
export const STATE_MARK: Record<string, string> = {
  todo: '[ ]',
  'in-progress': '[~]',
  done: '[x]',
  skipped: '[-]',
  'not-applicable': '[n/a]',
};

function stepLine(step: PlaybookStep, progress: StepProgress | undefined): ListLine {
  const state = progress?.state ?? 'todo';
  const note = progress?.note ? `  — ${progress.note}` : '';
  return {
    text: ` ${step.phase} ${STATE_MARK[state]} ${step.title}${note}`,
    tone: state === 'done' || state === 'not-applicable' ? 'dim' : 'normal',
    selectable: true,
  };
}

/** What the selected step is for and what it opens, under the list. */
export function stepDetail(
  step: PlaybookStep,
  progress: StepProgress | undefined,
  suspects: Parameters<typeof fillStep>[1],
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
    lines.push('containment — needs live AWS (not available on exported logs)');
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

/** The playbook: every step with its state, progress per phase, and the selected step in full. */
export function ChecklistView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { screen, caseFile, size } = useAppState(
    useShallow((state) => ({
      screen: state.screens[state.screens.length - 1]!,
      caseFile: state.caseFile,
      size: state.size,
    })),
  );
  if (screen.kind !== 'checklist') return null;
  const suspects = pickSuspects(caseFile?.suspects ?? []);
  const progress = caseFile?.steps ?? {};
  const phases = phaseProgress(PLAYBOOK, progress)
    .map((phase) => `${phase.phase}:${phase.done}/${phase.total}`)
    .join(' ');
  const lines = PLAYBOOK.map((step) => stepLine(step, progress[step.id]));
  const listHeight = listRows(size, 'findings');
  const step = PLAYBOOK[screen.cursor];
  const detail = step ? stepDetail(step, progress[step.id], suspects, Date.now()) : [];
  const detailRows = height - 1 - listHeight;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Breadcrumb width={width} hint={phases} />
      <ListView
        lines={lines}
        cursor={screen.cursor}
        top={screen.top}
        width={width}
        height={listHeight}
        empty="no steps"
      />
      <Box flexDirection="column" height={detailRows}>
        <Text bold color={theme.accent} wrap="truncate">
          {fitWidth('── space state · e note · s skip · x n/a · enter open ──', width)}
        </Text>
        {detail.slice(0, Math.max(0, detailRows - 1)).map((line, i) => (
          <Text key={i} wrap="truncate">
            {fitWidth(sanitizeText(line), width)}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
