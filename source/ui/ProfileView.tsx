import { Box } from 'ink';
import { useAppState } from './store-context.js';
import { Breadcrumb } from './Breadcrumb.js';
import { ListView, type ListLine } from './ListView.js';

/** A principal, IP or access-key profile: every line with a target opens on enter. */
export function ProfileView({ width, height }: { width: number; height: number }) {
  const screen = useAppState((state) => state.screens[state.screens.length - 1]!);
  if (screen.kind !== 'profile') return null;
  const lines: ListLine[] = screen.lines.map((line) => ({
    text: line.text,
    tone: line.tone,
    selectable: line.target !== undefined,
  }));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Breadcrumb width={width} hint="enter open · esc back · F findings" />
      <ListView
        lines={lines}
        cursor={screen.cursor}
        top={screen.top}
        width={width}
        height={height - 1}
        empty="nothing to show"
      />
    </Box>
  );
}
