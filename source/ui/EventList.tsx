import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import type { EventIndex } from '../index/index.js';
import { formatHeader, formatRow, rowFlag, streamColumns } from './stream-columns.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

interface Props {
  index: EventIndex;
  width: number;
  height: number;
  focused: boolean;
}

/** The event stream: a window of `height` rows; only those rows are ever formatted or drawn. */
export function EventList({ index, width, height, focused }: Props) {
  const theme = useTheme();
  const { rows, cursor, top } = useAppState(
    useShallow((state) => ({ rows: state.rows, cursor: state.cursor, top: state.top })),
  );
  const columns = streamColumns(width);
  const lines = [];
  const end = Math.min(rows.length, top + height);
  for (let position = top; position < end; position++) {
    const fields = index.fields(rows[position]!);
    const selected = position === cursor;
    const flag = rowFlag(fields);
    lines.push(
      <Text
        key={position}
        inverse={selected && focused}
        bold={selected}
        color={flag === 'error' ? theme.error : flag === 'sensitive' ? theme.sensitive : undefined}
        wrap="truncate"
      >
        {formatRow(fields, columns, selected)}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" height={height + 1} width={width}>
      <Text bold wrap="truncate">
        {formatHeader(columns)}
      </Text>
      {rows.length === 0 ? <Text dimColor={theme.dim}> no events{''}</Text> : lines}
    </Box>
  );
}
