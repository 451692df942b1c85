import { Text } from 'ink';
import { messageFits, statusLine } from './status-line.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import { useStatusParts } from './use-status-parts.js';

/**
 * Counts, findings and load errors first; then what just happened, the source, the keys. A
 * message too long to sit beside the counts is shown whole on the filter line instead.
 */
export function StatusBar({ width }: { width: number }) {
  const theme = useTheme();
  const parts = useStatusParts();
  const editing = useAppState((s) => s.filter.editing);
  const moved = !editing && !messageFits(parts, width);
  const line = statusLine(moved ? { ...parts, message: '' } : parts, width);
  return (
    <Text
      inverse={!theme.color}
      backgroundColor={theme.color ? 'blue' : undefined}
      color={theme.color ? 'white' : undefined}
      wrap="truncate"
    >
      {line}
    </Text>
  );
}
