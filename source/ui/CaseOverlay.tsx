import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { caseLines } from '../state/case-lines.js';
import { sanitizeText } from '../trail/sanitize.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import { wrapLine } from './wrap-line.js';

/** `:case`: the case file, report and sources with their paths in full, wrapped, never cut. */
export function CaseOverlay({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { caseFile, casePath } = useAppState(
    useShallow((s) => ({ caseFile: s.caseFile, casePath: s.casePath })),
  );
  const lines = caseLines(caseFile, casePath).flatMap((line) =>
    wrapLine(sanitizeText(line), width),
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.accent} wrap="truncate">
        The case (esc closes)
      </Text>
      {lines.slice(0, height - 1).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
