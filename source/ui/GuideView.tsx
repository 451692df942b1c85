import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { fitWidth } from '../trail/sanitize.js';
import { Breadcrumb } from './Breadcrumb.js';
import { guideRoom } from '../state/layout.js';
import { guideRows } from '../state/step-view.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import type { EventIndex } from '../index/index.js';

/**
 * Guided mode: one step at a time, full width (the page itself is built in the store's layer).
 * A page longer than the screen scrolls (PgDn / PgUp) and says how much more there is.
 */
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
  const { screen, caseFile, size, stepClock } = useAppState(
    useShallow((state) => ({
      screen: state.screens[state.screens.length - 1]!,
      caseFile: state.caseFile,
      size: state.size,
      // Counts and windows run up to the evidence's now (the trail's end), not the clock.
      stepClock: state.stepClock,
      // Re-render when now moves (events arrive, or the trail's end changes).
      clockNote: state.clockNote,
      loaded: state.loaded,
    })),
  );
  if (screen.kind !== 'guide') return null;
  const shown = guideRows(index, screen.step, caseFile, stepClock(), width);
  const room = Math.min(guideRoom(size), Math.max(1, height - 2));
  const scroll = Math.min(screen.scroll, Math.max(0, shown.length - room));
  const below = shown.length - scroll - room;
  const more =
    below > 0
      ? `↓ ${below} more (PgDn)${scroll > 0 ? ` · ↑ ${scroll} above (PgUp)` : ''}`
      : scroll > 0
        ? `↑ ${scroll} above (PgUp)`
        : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Breadcrumb width={width} hint="space state · e note · enter open · j/k step" />
      {shown.slice(scroll, scroll + room).map((line, i) => (
        <Text
          key={i}
          bold={line.strong}
          color={line.strong ? theme.accent : undefined}
          wrap="truncate"
        >
          {fitWidth(line.text, width)}
        </Text>
      ))}
      {more ? (
        <Text dimColor={theme.dim} wrap="truncate">
          {fitWidth(more, width)}
        </Text>
      ) : null}
    </Box>
  );
}
