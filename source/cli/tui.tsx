import { openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { EventIndex } from '../index/index.js';
import { createAppStore, runDetection, stopDetection, type AppStore } from '../state/index.js';
import { caseName } from '../case/index.js';
import { sanitizeText } from '../trail/sanitize.js';
import { colorWanted, mountApp, themeFor } from '../ui/index.js';
import { UsageError, type CliOptions } from './args.js';
import { inputErrorLines, parseFilter } from './load-index.js';
import { toInputs } from './read-inputs.js';
import { FrameWriter } from './frame-writer.js';
import { enterFullScreen, HANGUP_EXIT } from './terminal.js';
import { exitProcess } from './exit-process.js';
import { DEMO_DATA_FILE } from '../demo/index.js';
import { sigmaFromOptions, sigmaWithFilters } from './sigma-rules.js';
import { tuningFromOptions } from './tuning-option.js';
import { commitCase, planCase } from './open-case.js';
import { startFileLoad } from './tui-load.js';
import { restoreSelection } from './restore-selection.js';
import { openLiveSession, type LiveSession } from './tui-live.js';
import { joinLiveToFiles, sayMerged } from './tui-merge.js';
import { caseBaseline } from './load-baseline.js';

/** Keys come from the terminal even when the trail itself arrives on standard input. */
function keyboard(sources: readonly string[]): NodeJS.ReadStream {
  if (!sources.includes('-')) return process.stdin;
  try {
    return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
  } catch {
    throw new UsageError('reading the trail from stdin needs a terminal (/dev/tty) for the keys');
  }
}

export async function runTui(options: CliOptions): Promise<number> {
  const stdout = process.stdout;
  if (!stdout.isTTY)
    throw new UsageError(
      'the TUI needs a terminal; for scripts use `trailhound events` or `trailhound stats`',
    );
  parseFilter(options.filter);
  // The case opens first: a refused case file is said on a normal screen, before anything loads.
  // A new case is only named here; it is written once the sources are known to give events.
  const plan = planCase(options.casePath, options.sources, options.baseline);
  const demo = !options.live && plan.sources.length === 0;
  const sources = demo ? [DEMO_DATA_FILE] : plan.sources;
  const inputs = await toInputs(sources, process.stdin);
  // Rules load before the screen is taken, so a broken rule file is reported where it can be read.
  const { rules: sigma, filters } = await sigmaWithFilters(options.rules, process.stderr);
  // A bad tuning file is said on a normal screen too, before anything loads.
  const tuning = await tuningFromOptions(options.tuning, filters);
  // So is the baseline: its sources are read in full before the trail (detections need both).
  const baseline = await caseBaseline(plan, options);
  const stdin = keyboard(options.sources);

  const index = new EventIndex();
  // The live cache lives beside the case: under --live the case is written before connecting.
  let session = options.live ? commitCase(plan, 'trailhound case') : undefined;
  // Connected (and the caller known) before the screen is taken: a failure is a normal line.
  const liveSession = options.live
    ? await openLiveSession({ ...options, live: options.live }, plan.path, index)
    : undefined;
  const named = (source: string) => (source === '-' ? 'stdin' : source);
  const filesLabel =
    sources.length === 1 && sources[0] === DEMO_DATA_FILE
      ? 'demo case'
      : sources.length === 1
        ? named(sources[0]!)
        : `${sources.length} sources`;
  const label = liveSession ? (sources.length > 0 ? `${filesLabel} + live` : 'live') : filesLabel;
  const store = createAppStore({
    index,
    now: Date.now,
    ...(options.now === undefined ? {} : { givenNow: options.now }),
    source: label,
    ...(baseline ? { baseline } : {}),
    size: { columns: stdout.columns, rows: stdout.rows },
    tuning: tuning.entries,
    ruleFilters: filters,
    ...(liveSession
      ? {
          live: liveSession.live,
          contain: liveSession.contain,
          inventory: liveSession.inventory,
          followSeconds: options.pollSeconds,
          redetect: () =>
            runDetection(store, index, [...liveSession.files()], {
              sigma,
              sigmaPaths: options.rules,
            }),
        }
      : {}),
  });
  // SOURCE... --live: the files first, as without --live; the live read fills after their end.
  const merged = liveSession !== undefined && sources.length > 0;
  const fileLoad =
    liveSession && !merged
      ? undefined
      : startFileLoad(store, index, inputs, {
          ...(options.workers === undefined ? {} : { workers: options.workers }),
          sigma,
          sigmaPaths: options.rules,
        });
  const empty = await fileLoad?.ready;
  if (empty) {
    liveSession?.close();
    // Nothing to investigate: each source's reason on a normal terminal, and no case written.
    for (const line of inputErrorLines(empty, sanitizeText))
      process.stderr.write(`trailhound: ${line}\n`);
    return 1;
  }
  session ??= commitCase(plan, 'trailhound case');
  if (demo && session.created)
    session.store.update(
      (draft) => {
        draft.title = 'demo case (KeyHunter)';
        draft.sources.push({ kind: 'path', value: DEMO_DATA_FILE });
      },
      { action: 'added sources', detail: 'the bundled demo case' },
    );
  if (liveSession && !session.store.current.sources.some((s) => s.kind === 'live'))
    session.store.update(
      (draft) => {
        draft.sources.push({ kind: 'live', value: liveSession.description });
      },
      { action: 'added sources', detail: liveSession.description },
    );
  const say = (text: string) =>
    store.setState({ message: text.replace(/\s+/g, ' ').slice(0, 200) });
  store.getState().attachCase(session.store);
  const opened = `${session.created ? 'new' : 'reopened'} case ${caseName(session.store.path)}`;
  say(opened);
  // Nothing may write behind ink's back: warnings (the AWS SDK's on Node 20) and stray console
  // output go to the status line instead of landing inside the frame.
  process.emitWarning = ((warning: string | Error) =>
    say(
      `warning: ${String(warning instanceof Error ? warning.message : warning)}`,
    )) as typeof process.emitWarning;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    console[method] = (...args: unknown[]) => say(args.map(String).join(' '));

  const theme = themeFor(options.color ?? colorWanted(process.env));
  const terminal = enterFullScreen(stdout);
  const frames = new FrameWriter(stdout);
  const app = mountApp({ store, index, theme, stdout: frames, stdin });
  const onResize = () => store.getState().setSize({ columns: stdout.columns, rows: stdout.rows });
  frames.on('resize', onResize);
  const leave = (code: number) => () => {
    store.getState().stopLive();
    stopDetection(store);
    // A hung-up terminal fails every write: the way out must not depend on any of them.
    try {
      app.unmount();
    } catch {
      // Nothing left to draw on.
    }
    terminal.restore();
    exitProcess(code);
  };
  process.once('SIGTERM', leave(143));
  process.once('SIGHUP', leave(HANGUP_EXIT));
  process.once('uncaughtException', (error) => {
    terminal.restore();
    // A read on a hung-up terminal (EIO) can come before the SIGHUP: that is a hangup too.
    if (terminal.hungUp()) exitProcess(HANGUP_EXIT);
    process.stderr.write(`trailhound: internal error: ${error.message}\n`);
    exitProcess(70);
  });

  const view = session.store.current.view;
  const filter = options.filter ?? (view.filter || undefined);
  if (filter) store.getState().applyFilterText(filter);
  // The view (filter, selection, pane) is kept in the case a moment after it settles, so a
  // dropped session reopens where the analyst was.
  let viewTimer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((state, before) => {
    if (
      state.cursor === before.cursor &&
      state.filter.applied === before.filter.applied &&
      state.focus === before.focus
    )
      return;
    if (viewTimer) clearTimeout(viewTimer);
    viewTimer = setTimeout(() => store.getState().saveView(), 1000);
    viewTimer.unref();
  });
  // Good sources loaded; the ones that gave nothing are named as soon as the files are read.
  void fileLoad?.read.then((result) => {
    const bad = result.sources.filter((source) => source.problem !== undefined);
    if (bad.length > 0)
      say(
        `${opened} · no events from ${bad
          .map((source) => `${sanitizeText(named(source.source))}: ${source.problem}`)
          .join('; ')}`,
      );
  });
  const detection = { sigma, sigmaPaths: options.rules };
  const loaded = liveSession
    ? merged
      ? fileLoad!.done.then(async (result) => {
          const joined = joinLiveToFiles(store, index, liveSession, result.files, options.live!);
          await loadLive(store, index, liveSession, detection);
          sayMerged(store, index, liveSession, joined);
        })
      : loadLive(store, index, liveSession, detection)
    : fileLoad!.done.then(() => undefined);
  loaded
    .then(() => {
      if (view.selectedEventId) void restoreSelection(store, index, view.selectedEventId);
      if (view.pane === 'detail') store.getState().openDetail();
      if (options.guided) store.getState().navigate({ kind: 'guide' });
      if (liveSession && options.follow) store.getState().toggleFollow();
    })
    .catch((error: unknown) =>
      say(`load failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  try {
    await app.waitUntilExit();
  } catch (error) {
    // Ink fails to leave raw mode on a hung-up terminal (setRawMode EIO): that is a hangup.
    if (terminal.hungUp()) return HANGUP_EXIT;
    throw error;
  } finally {
    store.getState().stopLive();
    // A detection thread still in a rule would keep the process alive after `q`.
    stopDetection(store);
    liveSession?.close();
    frames.detach();
    terminal.restore();
  }
  return 0;
}

/** The live account's first read (cache, then what it lacks), then the detections over it. */
async function loadLive(
  store: AppStore,
  index: EventIndex,
  session: LiveSession,
  detection: { sigma: Awaited<ReturnType<typeof sigmaFromOptions>>; sigmaPaths: string[] },
): Promise<void> {
  store.getState().attachReader(session.reader);
  // Under a merge the files' progress (and their problems) stands; the pages add to it.
  const before = store.getState().progress;
  const tableBefore = session.files().length;
  await store.getState().startLive();
  const pages = session.files().length - tableBefore;
  store.getState().setProgress({
    filesTotal: before.filesTotal + pages,
    filesDone: before.filesDone + pages,
    events: index.size,
    malformed: before.malformed,
    failed: before.failed,
    skipped: before.skipped,
    done: true,
  });
  await runDetection(store, index, [...session.files()], detection);
}
