import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';
import { Breadcrumb } from './Breadcrumb.js';
import { guidePage } from '../state/step-view.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import { wrapLine } from './wrap-line.js';
import type { EventIndex } from '../index/index.js';

/** Guided mode: one step at a time, full width (the page itself is built in the store's layer). */
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
  const { screen, caseFile, stepClock } = useAppState(
    useShallow((state) => ({
      screen: state.screens[state.screens.length - 1]!,
      caseFile: state.caseFile,
      // Counts and windows run up to the evidence's now (the trail's end), not the clock.
      stepClock: state.stepClock,
      // Re-render when now moves (events arrive, or the trail's end changes).
      clockNote: state.clockNote,
      loaded: state.loaded,
    })),
  );
  if (screen.kind !== 'guide') return null;
  const shown = guidePage(index, screen.step, caseFile, stepClock()).flatMap((line) =>
    wrapLine(sanitizeText(line.text), width).map((text) => ({ text, bold: line.strong })),
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
