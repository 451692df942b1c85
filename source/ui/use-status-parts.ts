import { useShallow } from 'zustand/react/shallow';
import { fitMiddle, sanitizeText } from '../trail/sanitize.js';
import type { AppState } from '../state/index.js';
import { basenamesIn, type StatusParts } from './status-line.js';
import { useAppState } from './store-context.js';

const number = new Intl.NumberFormat('en-US');

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/**
 * The live source in a few words: what it is doing now (the read's pages, throttles and how far
 * back, or the time of the last poll) first, since that changes and a narrow line cuts the end;
 * then the account and who we are in it.
 */
function liveText(live: AppState['live']): string {
  if (live.status === 'off') return '';
  const who = `live ${live.account} as ${arnTail(live.arn)} (${live.regions} region${live.regions === 1 ? '' : 's'})`;
  const progress = live.progress;
  if (live.status === 'loading' && progress) {
    const back = progress.oldest === undefined ? '' : `, back to ${clock(progress.oldest)}`;
    return `reading: ${number.format(progress.pages)} pages, ${progress.throttles} throttled${back} (esc stops) · ${who}`;
  }
  if (live.status === 'following')
    return `following${live.lastPoll === undefined ? '' : `, polled ${clock(live.lastPoll)}Z`}${live.watches.some((w) => !w.raised) ? ' · watching' : ''} · ${who}`;
  if (live.status === 'failed') return `failed (see message) · ${who}`;
  return who;
}

/**
 * Files merged with the live API: how many events came from each, ` (1,204 files + 37 live)`,
 * beside the count (never cut); '' when only one kind of source is loaded.
 */
function mergedCounts(live: AppState['live'], loaded: number): string {
  if (live.status === 'off' || live.fromFiles === 0) return '';
  const fromLive = Math.max(0, loaded - live.fromFiles);
  return ` (${number.format(live.fromFiles)} files + ${number.format(fromLive)} live)`;
}

/** `arn:aws:iam::1:user/responder` → `user/responder`: the status line has no room for more. */
function arnTail(arn: string): string {
  const colon = arn.lastIndexOf(':');
  return colon >= 0 ? arn.slice(colon + 1) : arn;
}

/** What the status line says, in parts (the filter line takes the message when it is long). */
export function useStatusParts(): StatusParts {
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
      serious: s.seriousCounts,
      // What relative times count from: the trail's end, --now, or '' under --live.
      clockNote: s.clockNote,
      detecting: s.detection.status,
      live: s.live,
    })),
  );
  const p = state.progress;
  // Through sanitizeText like everything drawn: it also masks the account id in presenter mode.
  const live = sanitizeText(liveText(state.live));
  const loading = p.done
    ? ''
    : `loading ${number.format(p.filesDone)}/${number.format(p.filesTotal)} files · `;
  const counts = `${
    state.filtered
      ? `${number.format(state.matching)} of ${number.format(state.loaded)} events match`
      : `${number.format(state.loaded)} event${state.loaded === 1 ? '' : 's'}`
  }${mergedCounts(state.live, state.loaded)}`;
  const position =
    state.matching > 0
      ? ` · ${number.format(state.cursor + 1)}/${number.format(state.matching)}`
      : '';
  const problems = p.failed + p.malformed;
  const errors =
    problems > 0
      ? ` · ${p.failed} bad file${p.failed === 1 ? '' : 's'}, ${p.malformed} bad record${p.malformed === 1 ? '' : 's'} (E)`
      : '';
  const findings =
    state.detecting === 'running'
      ? ` · detecting… ${state.findings} found`
      : state.detecting === 'failed'
        ? ' · detections failed'
        : state.findings > 0
          ? ` · ${number.format(state.findings)} findings${state.serious ? ` (${state.serious})` : ''}`
          : state.detecting === 'done'
            ? ' · no findings'
            : '';
  return {
    counts: `${loading}${counts}`,
    position,
    problems: `${errors}${findings}`,
    message: basenamesIn(sanitizeText(state.message)),
    live,
    trailEnd: state.live.status === 'off' ? state.clockNote : '',
    // A long source name keeps its end (the folder or file the analyst named).
    source: fitMiddle(sanitizeText(state.source), 28, 0.25).trimEnd(),
    hints:
      state.screen === 'stream'
        ? '? help / filter enter profile d detail F findings'
        : '? help  enter open  esc back  : command',
  };
}
