import { Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { displayWidth, fitWidth, sanitizeText } from '../trail/sanitize.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

const number = new Intl.NumberFormat('en-US');

/** A long path keeps its end (the folder or file the analyst named) so the counts stay visible. */
function shortSource(source: string): string {
  const room = 28;
  return displayWidth(source) <= room ? source : `…${source.slice(-(room - 1))}`;
}

/** Source, counts, load state, errors and the keys that matter now: one line. */
export function StatusBar({ width }: { width: number }) {
  const theme = useTheme();
  const state = useAppState(
    useShallow((s) => ({
      source: s.source,
      loaded: s.loaded,
      matching: s.rows.length,
      filtered: s.filter.applied !== undefined,
      progress: s.progress,
      cursor: s.cursor,
      message: s.message,
      focus: s.focus,
      screen: s.screens[s.screens.length - 1]!.kind,
      findings: s.findings.length,
      serious: s.seriousFindings,
      detecting: s.detection.status,
    })),
  );
  const p = state.progress;
  const loading = p.done
    ? ''
    : `loading ${number.format(p.filesDone)}/${number.format(p.filesTotal)} files · `;
  const counts = state.filtered
    ? `${number.format(state.matching)} of ${number.format(state.loaded)} events match`
    : `${number.format(state.loaded)} event${state.loaded === 1 ? '' : 's'}`;
  const position =
    state.matching > 0
      ? ` · ${number.format(state.cursor + 1)}/${number.format(state.matching)}`
      : '';
  const problems = p.failed + p.malformed;
  const errors =
    problems > 0
      ? ` · ${p.failed} bad file${p.failed === 1 ? '' : 's'}, ${p.malformed} bad record${p.malformed === 1 ? '' : 's'} (E)`
      : '';
  const hints = state.message
    ? sanitizeText(state.message)
    : state.screen === 'stream'
      ? '? help / filter enter profile d detail F findings'
      : '? help  enter open  esc back  : command';
  const findings =
    state.detecting === 'running'
      ? ` · detecting… ${state.findings} found`
      : state.detecting === 'failed'
        ? ' · detections failed'
        : state.findings > 0
          ? ` · ${number.format(state.findings)} findings${state.serious > 0 ? ` (${state.serious} high)` : ''}`
          : state.detecting === 'done'
            ? ' · no findings'
            : '';
  // A message (what just happened) outranks the findings count, which the F screen also shows.
  const left = `${shortSource(sanitizeText(state.source))} · ${loading}${counts}${position}${errors}${state.message ? '' : findings}`;
  const gap = Math.max(1, width - displayWidth(left) - displayWidth(hints));
  const line = gap > 1 ? `${left}${' '.repeat(gap)}${hints}` : `${left} │ ${hints}`;
  return (
    <Text
      inverse={!theme.color}
      backgroundColor={theme.color ? 'blue' : undefined}
      color={theme.color ? 'white' : undefined}
      wrap="truncate"
    >
      {fitWidth(line, width)}
    </Text>
  );
}
