import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { pinnedRows } from '../state/pinned-rows.js';
import { useShallow } from 'zustand/react/shallow';
import type { EventIndex } from '../index/index.js';
import { accountDigits as accountDigitsOf } from '../state/account-digits.js';
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
  /** The account column's digits; 0: one account, no column. */
  accountDigits: number;
  selected: boolean;
  focused: boolean;
  /** The store's flag for this row: 0, or 1 + the severity rank of the worst finding citing it. */
  finding: number;
  fresh: boolean;
  pinned: boolean;
}

/** One event row; memoized by row id, so a cursor move re-renders two rows, not the window. */
const EventRow = memo(function EventRow({
  index,
  row,
  width,
  accountDigits,
  selected,
  focused,
  finding,
  fresh,
  pinned,
}: RowProps) {
  const theme = useTheme();
  const fields = index.fields(row);
  const flag = rowFlag(fields, finding);
  const color =
    flag === 'finding'
      ? theme.finding
      : flag === 'error'
        ? theme.error
        : flag === 'sensitive'
          ? theme.sensitive
          : undefined;
  return (
    <Text
      inverse={selected && focused}
      bold={selected || flag === 'finding'}
      color={color}
      wrap="truncate"
    >
      {formatRow(fields, streamColumns(width, accountDigits), selected, finding, fresh, pinned)}
    </Text>
  );
});

/** The event stream: a window of `height` rows; only those rows are ever formatted or drawn. */
export function EventList({ index, width, height, focused }: Props) {
  const theme = useTheme();
  const { rows, cursor, top, flags, freshFrom, pins, loaded, newestFirst } = useAppState(
    useShallow((state) => ({
      rows: state.rows,
      cursor: state.cursor,
      top: state.top,
      flags: state.flags,
      freshFrom: state.live.freshFrom,
      pins: state.caseFile?.pinned,
      loaded: state.loaded,
      newestFirst: state.newestFirst,
    })),
  );
  // Found again when a pin changes or events arrive (a pin may be of an event still loading).
  const pinned = useMemo(() => pinnedRows(index, pins ?? []), [index, pins, loaded]);
  // An organization trail's accounts, as they arrive: the column appears with the second one.
  const accountDigits = useMemo(() => accountDigitsOf(index), [index, loaded]);
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
        accountDigits={accountDigits}
        selected={position === cursor}
        focused={focused}
        finding={flags[row] ?? 0}
        fresh={row >= freshFrom}
        pinned={pinned.has(row)}
      />,
    );
  }
  return (
    <Box flexDirection="column" height={height + 1} width={width}>
      <Text bold wrap="truncate">
        {formatHeader(streamColumns(width, accountDigits), newestFirst)}
      </Text>
      {rows.length === 0 ? <Text dimColor={theme.dim}> no events</Text> : lines}
    </Box>
  );
}
