import { Box, Text } from 'ink';
import { useAppState } from './store-context.js';
import { COMMAND_HELP } from '../state/commands.js';
import { BINDINGS, FILTER_HELP } from './keys/keymap.js';
import { useTheme } from './theme.js';

const KEY_LABEL: Record<string, string> = {
  return: 'enter',
  escape: 'esc',
  pagedown: 'PgDn',
  pageup: 'PgUp',
  down: '↓',
  up: '↑',
};

/** `?`: every key from the keymap itself, and the query language at a glance. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const requested = useAppState((state) => state.helpScroll);
  const lines = [
    ...BINDINGS.map((binding) => {
      const keys = binding.keys.map((key) => KEY_LABEL[key] ?? key).join(' ');
      return `  ${keys.padEnd(22)} ${binding.help}`;
    }),
    '',
    'Filter (/): space-separated terms, all must hold; OR (upper case) takes either',
    ...FILTER_HELP.map((line) => `  ${line}`),
    '',
    'Commands (:)',
    ...COMMAND_HELP.map((line) => `  ${line}`),
  ];
  const room = height - 1;
  const scroll = Math.min(requested, Math.max(0, lines.length - room));
  const more =
    lines.length > room
      ? ` · j/k space: ${scroll + room < lines.length ? 'more below' : 'end'}`
      : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.accent} wrap="truncate">
        trailhound keys (esc or ? closes{more})
      </Text>
      {lines.slice(scroll, scroll + room).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
