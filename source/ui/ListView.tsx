import { Box, Text } from 'ink';
import { memo } from 'react';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';
import { useTheme, type Theme } from './theme.js';

export interface ListLine {
  text: string;
  tone: 'heading' | 'normal' | 'dim' | 'alert';
  selectable: boolean;
}

const Line = memo(function Line({
  line,
  width,
  selected,
  theme,
}: {
  line: ListLine;
  width: number;
  selected: boolean;
  theme: Theme;
}) {
  // The marker keeps the selection visible without color; every string from a log is sanitized.
  const marker = selected ? '›' : line.selectable ? ' ' : ' ';
  const text = fitWidth(`${marker}${sanitizeText(line.text)}`, width);
  return (
    <Text
      wrap="truncate"
      inverse={selected}
      bold={line.tone === 'heading' || selected}
      dimColor={line.tone === 'dim' && theme.dim}
      color={
        line.tone === 'heading' ? theme.accent : line.tone === 'alert' ? theme.error : undefined
      }
    >
      {text}
    </Text>
  );
});

/** A window of lines with a cursor: the body of the profile and findings screens. */
export function ListView({
  lines,
  cursor,
  top,
  width,
  height,
  empty,
}: {
  lines: readonly ListLine[];
  cursor: number;
  top: number;
  width: number;
  height: number;
  empty: string;
}) {
  const theme = useTheme();
  const shown = lines.slice(top, top + height);
  return (
    <Box flexDirection="column" height={height} width={width}>
      {shown.length === 0 ? (
        <Text dimColor={theme.dim}> {empty}</Text>
      ) : (
        shown.map((line, i) => (
          <Line
            key={top + i}
            line={line}
            width={width}
            selected={top + i === cursor}
            theme={theme}
          />
        ))
      )}
    </Box>
  );
}
