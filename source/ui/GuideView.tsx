import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { filterRows } from '../index/index.js';
import { fillStep, nextStep, phaseOf, pickSuspects, PLAYBOOK } from '../triage/index.js';
import { parseQuery } from '../trail/query/index.js';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';
import { Breadcrumb } from './Breadcrumb.js';
import { STATE_MARK, stepDetail } from './ChecklistView.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import type { EventIndex } from '../index/index.js';

/** Breaks a line at spaces to fit; continuation lines are indented under the label. */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (next.length > width && current) {
      out.push(current);
      current = `      ${word}`;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Guided mode: one step at a time, full width — the phase and its goal, the step, why it matters,
 * what to look at, what its query finds right now, and what comes next.
 */
export function GuideView({
  index,
  width,
  height,
}: {
  index: EventIndex;
  width: number;
  height: number;
}) {
  const theme = useTheme();
  const { screen, caseFile } = useAppState(
    useShallow((state) => ({
      screen: state.screens[state.screens.length - 1]!,
      caseFile: state.caseFile,
    })),
  );
  if (screen.kind !== 'guide') return null;
  const suspects = pickSuspects(caseFile?.suspects ?? []);
  const step = PLAYBOOK[screen.step];
  if (!step) return null;
  const progress = caseFile?.steps ?? {};
  const phase = phaseOf(step.phase);
  const now = Date.now();
  const filled = fillStep(step, suspects, now);
  const lines: { text: string; bold?: boolean }[] = [
    { text: `Phase ${phase.number} · ${phase.title} — ${phase.goal}`, bold: true },
    {
      text: `Step ${screen.step + 1} of ${PLAYBOOK.length}  ${STATE_MARK[progress[step.id]?.state ?? 'todo']} ${step.title}`,
      bold: true,
    },
    ...stepDetail(step, progress[step.id], suspects, now).map((text) => ({ text })),
  ];
  if (step.target.kind === 'query' && filled.query) {
    const parsed = parseQuery(filled.query, now);
    if (parsed.ok) {
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
  }
  const note = progress[step.id]?.note;
  if (note) lines.push({ text: `note: ${note}` });
  const next = nextStep(step.id, progress);
  lines.push({ text: next ? `next: ${next.title}` : 'next: every other step is settled' });
  const shown = lines.flatMap((line) =>
    wrap(sanitizeText(line.text), width).map((text) => ({ text, bold: line.bold })),
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Breadcrumb width={width} hint="space state · e note · enter open · j/k step" />
      {shown.slice(0, height - 1).map((line, i) => (
        <Text key={i} bold={line.bold} color={line.bold ? theme.accent : undefined} wrap="truncate">
          {fitWidth(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}
