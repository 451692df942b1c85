import { Text } from 'ink';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import { displayWidth, fitWidth, sanitizeText } from '../trail/sanitize.js';

/** Where the analyst is: stream › KeyHunter › 102.88.109.159 — the tail kept when it is long. */
export function Breadcrumb({ width, hint }: { width: number; hint: string }) {
  const theme = useTheme();
  const labels = useAppState((state) => state.screens.map((screen) => screen.label).join('\u0000'));
  let path = labels
    .split('\u0000')
    .map((label) => sanitizeText(label))
    .join(' › ');
  const room = Math.max(10, width - displayWidth(hint) - 2);
  while (displayWidth(path) > room && path.length > 1) path = path.slice(1);
  if (path !== labels.split('\u0000').map(sanitizeText).join(' › ')) path = `…${path.slice(1)}`;
  const gap = Math.max(1, width - displayWidth(path) - displayWidth(hint));
  return (
    <Text bold color={theme.accent} wrap="truncate">
      {fitWidth(`${path}${' '.repeat(gap)}${hint}`, width)}
    </Text>
  );
}
