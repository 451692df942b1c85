import { Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

/** The filter line: the query being typed with its syntax error inline, or the one in force. */
export function FilterBar({ width }: { width: number }) {
  const theme = useTheme();
  const filter = useAppState(useShallow((state) => state.filter));
  if (filter.editing) {
    const error = filter.error ? `  ✗ ${filter.error.message}` : '';
    return (
      <Text wrap="truncate">
        <Text bold>/</Text>
        <Text>{sanitizeText(filter.draft)}</Text>
        <Text inverse> </Text>
        <Text color={theme.error}>{sanitizeText(error)}</Text>
      </Text>
    );
  }
  if (filter.error) {
    return (
      <Text color={theme.error} wrap="truncate">
        {fitWidth(`✗ ${sanitizeText(filter.error.message)}`, width)}
      </Text>
    );
  }
  const text = filter.applied
    ? `filter: ${sanitizeText(filter.applied.text)}   (esc clears, / edits)`
    : 'no filter   (/ to filter, ? for help)';
  return (
    <Text dimColor={theme.dim} wrap="truncate">
      {fitWidth(text, width)}
    </Text>
  );
}
