import { Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { displayWidth, fitWidth, sanitizeText } from '../trail/sanitize.js';
import type { AppState } from '../state/index.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

const number = new Intl.NumberFormat('en-US');

/** A long path keeps its end (the folder or file the analyst named) so the counts stay visible. */
function shortSource(source: string): string {
  const room = 28;
  return displayWidth(source) <= room ? source : `…${source.slice(-(room - 1))}`;
}

/** Columns the source and counts keep when a long message takes the rest of the line. */
const MIN_LEFT = 16;

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/**
 * The live source in a few words: the account and who we are in it, then the read's progress
 * (pages, throttles, how far back) or, following, the time of the last poll.
 */
function liveText(live: AppState['live']): string {
  if (live.status === 'off') return '';
  const who = `live ${live.account} as ${arnTail(live.arn)} (${live.regions} region${live.regions === 1 ? '' : 's'})`;
  const progress = live.progress;
  if (live.status === 'loading' && progress) {
    const back = progress.oldest === undefined ? '' : `, back to ${clock(progress.oldest)}`;
    return `${who} · reading: ${number.format(progress.pages)} pages, ${progress.throttles} throttled${back} (esc stops)`;
  }
  if (live.status === 'following')
    return `${who} · following${live.lastPoll === undefined ? '' : `, polled ${clock(live.lastPoll)}Z`}${live.watches.some((w) => !w.raised) ? ' · watching' : ''}`;
  if (live.status === 'failed') return `${who} · failed (see message)`;
  return who;
}

/** `arn:aws:iam::1:user/responder` → `user/responder`: the status line has no room for more. */
function arnTail(arn: string): string {
  const colon = arn.lastIndexOf(':');
  return colon >= 0 ? arn.slice(colon + 1) : arn;
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
      live: s.live,
      clockNote: s.clockNote,
    })),
  );
  const p = state.progress;
  // Through sanitizeText like everything drawn: it also masks the account id in presenter mode.
  const live = sanitizeText(liveText(state.live));
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
  // What relative times count from ("trail ends 2025-03-14 23:47 UTC"), after the counts.
  const clockNote = state.message || !state.clockNote ? '' : ` · ${state.clockNote}`;
  const left = `${live || shortSource(sanitizeText(state.source))} · ${loading}${counts}${position}${errors}${state.message ? '' : findings}${clockNote}`;
  const gap = Math.max(1, width - displayWidth(left) - displayWidth(hints));
  let line = gap > 1 ? `${left}${' '.repeat(gap)}${hints}` : `${left} │ ${hints}`;
  // What just happened must be read whole (an alert, a refusal): the counts give way to it.
  if (state.message && gap <= 1) {
    const room = Math.min(displayWidth(hints), Math.max(0, width - 3 - MIN_LEFT));
    line = `${fitWidth(left, width - 3 - room)} │ ${fitWidth(hints, room)}`;
  }
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
