import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sanitizeText } from '../trail/sanitize.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import { wrapLine } from './wrap-line.js';

interface Entry {
  lines: string[];
  error: boolean;
}

/**
 * `E`: each file that failed or was skipped, and the malformed-record counts. The reason comes
 * first and the path after it (sanitized: escapes shown), wrapped to the width, so neither is cut
 * at the edge however long the path; j/k, space and PgUp/PgDn scroll (the help overlay's keys),
 * and a last line says how many more entries are below.
 */
export function ErrorsOverlay({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { reports, progress, requested, scrollBy } = useAppState(
    useShallow((s) => ({
      reports: s.reports,
      progress: s.progress,
      requested: s.helpScroll,
      scrollBy: s.scrollHelp,
    })),
  );
  const failed = reports.filter((r) => r.status === 'failed');
  const skipped = reports.filter((r) => r.status === 'skipped');
  const withMalformed = reports.filter((r) => r.malformed > 0);
  const entry = (mark: string, reason: string, path: string, error = false): Entry => ({
    lines: wrapLine(`${mark} ${sanitizeText(reason)}: ${sanitizeText(path)}`, width),
    error,
  });
  const entries: Entry[] = [
    ...failed.map((r) => entry('✗', r.reason ?? 'failed', r.path, true)),
    ...withMalformed.map((r) => entry('!', `${r.malformed} malformed record(s) skipped`, r.path)),
    ...skipped.map((r) => entry('-', r.reason ?? 'skipped', r.path)),
  ];
  if (!progress.done)
    entries.push({
      lines: ['still loading: the list is complete when the load ends'],
      error: false,
    });
  // Each wrapped line knows its entry, to count the entries below the window.
  const rows = entries.flatMap((e, n) => e.lines.map((text) => ({ text, n, error: e.error })));
  // The title and the counts stay; the rest scrolls, its last row saying what is below.
  const room = Math.max(1, height - 2);
  const fits = rows.length <= room;
  const window = fits ? room : Math.max(1, room - 1);
  const scroll = fits ? 0 : Math.min(requested, rows.length - window);
  const shown = rows.slice(scroll, scroll + window);
  // Scrolled past the end (space at the bottom): back to the end, so k moves at once.
  useEffect(() => {
    if (requested > scroll) scrollBy(scroll - requested);
  }, [requested, scroll, scrollBy]);
  const footer = fits
    ? undefined
    : scroll + window >= rows.length
      ? 'end of the list · k and PgUp scroll back'
      : // An entry cut by the window's edge counts as one more.
        `and ${entries.length - rows[scroll + window]!.n} more · j/k space scroll`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.accent} wrap="truncate">
        Load problems (esc closes)
      </Text>
      <Text wrap="truncate">
        {`${failed.length} file(s) failed · ${skipped.length} skipped · ${progress.malformed} malformed record(s)`}
      </Text>
      {shown.map((row, i) => (
        <Text key={i} color={row.error ? theme.error : undefined} wrap="truncate">
          {row.text}
        </Text>
      ))}
      {footer ? (
        <Text dimColor wrap="truncate">
          {footer}
        </Text>
      ) : null}
    </Box>
  );
}
