import { openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { EventIndex } from '../index/index.js';
import { createAppStore, openSources } from '../state/index.js';
import { colorWanted, mountApp, themeFor } from '../ui/index.js';
import { UsageError, type CliOptions } from './args.js';
import { parseFilter } from './load-index.js';
import { toInputs } from './read-inputs.js';
import { FrameWriter } from './frame-writer.js';
import { enterFullScreen } from './terminal.js';
import { DEMO_DATA_FILE } from '../demo/index.js';
import { sigmaFromOptions } from './sigma-rules.js';

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
  const demo = options.sources.length === 0;
  const sources = demo ? [DEMO_DATA_FILE] : options.sources;
  const inputs = await toInputs(sources, process.stdin);
  // Rules load before the screen is taken, so a broken rule file is reported where it can be read.
  const sigma = await sigmaFromOptions(options.rules, process.stderr);
  const stdin = keyboard(options.sources);

  const index = new EventIndex();
  const named = (source: string) => (source === '-' ? 'stdin' : source);
  const label = demo
    ? 'demo case'
    : sources.length === 1
      ? named(sources[0]!)
      : `${sources.length} sources`;
  const store = createAppStore({
    index,
    now: Date.now,
    source: label,
    size: { columns: stdout.columns, rows: stdout.rows },
  });
  const say = (text: string) =>
    store.setState({ message: text.replace(/\s+/g, ' ').slice(0, 200) });
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
    app.unmount();
    terminal.restore();
    process.exit(code);
  };
  process.once('SIGTERM', leave(143));
  process.once('SIGHUP', leave(129));
  process.once('uncaughtException', (error) => {
    terminal.restore();
    process.stderr.write(`trailhound: internal error: ${error.message}\n`);
    process.exit(70);
  });

  if (options.filter) store.getState().applyFilterText(options.filter);
  openSources(store, index, inputs, {
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    sigma,
    sigmaPaths: options.rules,
  }).catch((error: unknown) =>
    say(`load failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  try {
    await app.waitUntilExit();
  } finally {
    frames.detach();
    terminal.restore();
  }
  return 0;
}
