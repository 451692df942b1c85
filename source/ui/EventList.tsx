import { Box, Text } from 'ink';
import { memo } from 'react';
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

interface RowProps {
  index: EventIndex;
  row: number;
  width: number;
  selected: boolean;
  focused: boolean;
}

/** One event row; memoized by row id, so a cursor move re-renders two rows, not the window. */
const EventRow = memo(function EventRow({ index, row, width, selected, focused }: RowProps) {
  const theme = useTheme();
  const fields = index.fields(row);
  const flag = rowFlag(fields);
  return (
    <Text
      inverse={selected && focused}
      bold={selected}
      color={flag === 'error' ? theme.error : flag === 'sensitive' ? theme.sensitive : undefined}
      wrap="truncate"
    >
      {formatRow(fields, streamColumns(width), selected)}
    </Text>
  );
});

/** The event stream: a window of `height` rows; only those rows are ever formatted or drawn. */
export function EventList({ index, width, height, focused }: Props) {
  const theme = useTheme();
  const { rows, cursor, top } = useAppState(
    useShallow((state) => ({ rows: state.rows, cursor: state.cursor, top: state.top })),
  );
  const lines = [];
  const end = Math.min(rows.length, top + height);
  for (let position = top; position < end; position++) {
    const row = rows[position]!;
    lines.push(
      <EventRow
        key={row}
        index={index}
        row={row}
        width={width}
        selected={position === cursor}
        focused={focused}
      />,
    );
  }
  return (
    <Box flexDirection="column" height={height + 1} width={width}>
      <Text bold wrap="truncate">
        {formatHeader(streamColumns(width))}
      </Text>
      {rows.length === 0 ? <Text dimColor={theme.dim}> no events</Text> : lines}
    </Box>
  );
}
