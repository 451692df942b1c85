import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import type { StepProgress } from '../case/index.js';
import { listRows } from '../state/index.js';
import { PLAYBOOK, type PlaybookStep } from '../triage/index.js';
import { phaseSummary, STATE_MARK, stepDetail, suspectsOf } from '../state/step-view.js';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';
import { Breadcrumb } from './Breadcrumb.js';
import { ListView, type ListLine } from './ListView.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

function stepLine(step: PlaybookStep, progress: StepProgress | undefined): ListLine {
  const state = progress?.state ?? 'todo';
  const note = progress?.note ? `  — ${progress.note}` : '';
  return {
    text: ` ${step.phase} ${STATE_MARK[state]} ${step.title}${note}`,
    tone: state === 'done' || state === 'not-applicable' ? 'dim' : 'normal',
    selectable: true,
  };
}

/** The playbook: every step with its state, progress per phase, and the selected step in full. */
export function ChecklistView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { screen, caseFile, size, stepClock } = useAppState(
    useShallow((state) => ({
      screen: state.screens[state.screens.length - 1]!,
      caseFile: state.caseFile,
      size: state.size,
      // The CLI windows count back from the evidence's now (the trail's end), not the clock.
      stepClock: state.stepClock,
      clockNote: state.clockNote,
    })),
  );
  if (screen.kind !== 'checklist') return null;
  const suspects = suspectsOf(caseFile);
  const progress = caseFile?.steps ?? {};
  const phases = phaseSummary(caseFile);
  const lines = PLAYBOOK.map((step) => stepLine(step, progress[step.id]));
  const listHeight = listRows(size, 'findings');
  const step = PLAYBOOK[screen.cursor];
  const detail = step ? stepDetail(step, progress[step.id], suspects, stepClock()) : [];
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
