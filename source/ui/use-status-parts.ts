import { useShallow } from 'zustand/react/shallow';
import { useMemo } from 'react';
import { fitMiddle, sanitizeText } from '../trail/sanitize.js';
import type { EventIndex } from '../index/index.js';
import type { AppState } from '../state/index.js';
import { basenamesIn, trailEndText, type StatusParts } from './status-line.js';
import { useAppState } from './store-context.js';

const number = new Intl.NumberFormat('en-US');

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

/**
 * The newest event loaded: in a case opened from files that is where the evidence ends, the
 * "now" of the investigation. Time order is kept by the index, so this is its last row.
 */
function newestTime(index: EventIndex): number | undefined {
  const order = index.order();
  for (let i = order.length - 1; i >= 0; i--) {
    const time = index.time(order[i]!);
    if (!Number.isNaN(time)) return time;
  }
  return undefined;
}

/** What the status line says, in parts (the filter line takes the message when it is long). */
export function useStatusParts(index: EventIndex | undefined): StatusParts {
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
    })),
  );
  const trailEnd = useMemo(
    () => (index && state.live.status === 'off' ? trailEndText(newestTime(index)) : ''),
    // The index grows while loading: the newest event is read again when the count changes.
    [index, state.loaded, state.live.status],
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
  return {
    counts: `${loading}${counts}`,
    position,
    problems: `${errors}${findings}`,
    message: basenamesIn(sanitizeText(state.message)),
    live,
    trailEnd,
    // A long source name keeps its end (the folder or file the analyst named).
    source: fitMiddle(sanitizeText(state.source), 28, 0.25).trimEnd(),
    hints:
      state.screen === 'stream'
        ? '? help / filter enter profile d detail F findings'
        : '? help  enter open  esc back  : command',
  };
}
