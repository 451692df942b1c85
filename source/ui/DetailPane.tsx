import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { detailRows } from '../state/detail-view.js';
import { fitWidth } from '../trail/sanitize.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

interface Props {
  width: number;
  height: number;
  focused: boolean;
}

/** The selected event: the guide's key fields first, then the whole record, scrollable. */
export function DetailPane({ width, height, focused }: Props) {
  const theme = useTheme();
  const detail = useAppState(useShallow((state) => state.detail));
  const caseFile = useAppState((state) => state.caseFile);
  const rows = detailRows(detail.lines, detail.eventId, caseFile, width);
  const title = focused ? '▶ Detail' : '  Detail';
  const position =
    rows.length > 0
      ? ` ${detail.scroll + 1}-${Math.min(rows.length, detail.scroll + height)}/${rows.length}`
      : '';
  let body;
  if (detail.status === 'loading') body = <Text dimColor={theme.dim}>reading the record…</Text>;
  else if (detail.status === 'error')
    body = <Text color={theme.error}>cannot show this event: {detail.error}</Text>;
  else {
    body = rows.slice(detail.scroll, detail.scroll + height).map((line, i) => (
      <Text
        key={detail.scroll + i}
        bold={line.kind === 'heading'}
        color={line.kind === 'heading' ? theme.accent : undefined}
        wrap="truncate"
      >
        {line.kind === 'heading' ? `── ${line.text} ──` : line.text}
      </Text>
    ));
  }
  return (
    <Box flexDirection="column" height={height + 1} width={width}>
      <Text bold inverse={focused} wrap="truncate">
        {fitWidth(`${title}${position}  (tab: switch pane, j/k: scroll, esc: close)`, width)}
      </Text>
      {body}
    </Box>
  );
}
