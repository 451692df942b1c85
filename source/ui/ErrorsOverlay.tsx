import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { sanitizeText } from '../trail/sanitize.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

/** `E`: each file that failed or was skipped, with its reason, and the malformed-record count. */
export function ErrorsOverlay({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { reports, progress } = useAppState(
    useShallow((s) => ({ reports: s.reports, progress: s.progress })),
  );
  const failed = reports.filter((r) => r.status === 'failed');
  const skipped = reports.filter((r) => r.status === 'skipped');
  const withMalformed = reports.filter((r) => r.malformed > 0);
  const lines: { text: string; error?: boolean }[] = [
    {
      text: `${failed.length} file(s) failed · ${skipped.length} skipped · ${progress.malformed} malformed record(s)`,
    },
    ...failed.map((r) => ({
      text: `✗ ${sanitizeText(r.path)}: ${sanitizeText(r.reason ?? '')}`,
      error: true,
    })),
    ...withMalformed.map((r) => ({
      text: `! ${sanitizeText(r.path)}: ${r.malformed} malformed record(s) skipped`,
    })),
    ...skipped.map((r) => ({ text: `- ${sanitizeText(r.path)}: ${sanitizeText(r.reason ?? '')}` })),
  ];
  if (!progress.done)
    lines.push({ text: 'still loading: the list is complete when the load ends' });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.accent}>
        Load problems (esc closes)
      </Text>
      {lines.slice(0, height - 1).map((line, i) => (
        <Text key={i} color={line.error ? theme.error : undefined} wrap="truncate">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
