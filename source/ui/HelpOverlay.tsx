import { Box, Text } from 'ink';
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
  const lines = [
    ...BINDINGS.map((binding) => {
      const keys = binding.keys.map((key) => KEY_LABEL[key] ?? key).join(' ');
      return `  ${keys.padEnd(22)} ${binding.help}`;
    }),
    '',
    'Filter (/): space-separated terms, all must hold',
    ...FILTER_HELP.map((line) => `  ${line}`),
  ];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.accent}>
        trailhound keys (esc or ? closes)
      </Text>
      {lines.slice(0, height - 1).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
