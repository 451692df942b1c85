import type { SourcedEntry } from '../../source/detect/tuning/index.js';
import { EventIndex } from '../../source/index/index.js';
import {
  createAppStore,
  openSources,
  type AppStore,
  type ContainService,
  type InventoryService,
  type LiveService,
} from '../../source/state/index.js';
import { mountApp, themeFor } from '../../source/ui/index.js';
import { FakeStdin, FakeStdout } from '../../source/bench/fake-terminal.js';
import { caseForSession } from '../../source/cli/open-case.js';

/**
 * Renders the real App into a terminal of a chosen size (ink-testing-library's is fixed at 100
 * columns with no rows) and drives it by keys, waiting for frames rather than sleeping blindly.
 */
export const KEYS = {
  down: '\x1b[B',
  up: '\x1b[A',
  pageDown: '\x1b[6~',
  pageUp: '\x1b[5~',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  backspace: '\x7f',
  ctrlC: '\x03',
} as const;

export interface Tui {
  store: AppStore;
  index: EventIndex;
  stdout: FakeStdout;
  lastFrame: () => string;
  /** Types keys one at a time, letting ink handle each. */
  press: (...keys: string[]) => Promise<void>;
  type: (text: string) => Promise<void>;
  resize: (columns: number, rows: number) => Promise<void>;
  waitFor: (predicate: (frame: string) => boolean, what?: string) => Promise<string>;
  unmount: () => void;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

export async function renderTui(options: {
  sources: string[];
  columns?: number;
  rows?: number;
  color?: boolean;
  now?: () => number;
  /** A case file to work in (opened, or created when absent), as --case does. */
  casePath?: string;
  /** Containment against AWS (a fake in UI tests). */
  contain?: ContainService;
  /** The live source (a fake in UI tests) and its poll interval. */
  live?: LiveService;
  followSeconds?: number;
  /** IAM inventories for principal profiles (a fake in UI tests). */
  inventory?: InventoryService;
  /** Follow mode's detection re-run (a fake in UI tests). */
  redetect?: () => Promise<void>;
  /** `--tuning` entries. */
  tuning?: readonly SourcedEntry[];
}): Promise<Tui> {
  const stdout = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
  const stdin = new FakeStdin();
  const index = new EventIndex();
  const store = createAppStore({
    index,
    now: options.now ?? Date.now,
    source: 'test',
    size: { columns: stdout.columns, rows: stdout.rows },
    ...(options.contain ? { contain: options.contain } : {}),
    ...(options.live ? { live: options.live } : {}),
    ...(options.inventory ? { inventory: options.inventory } : {}),
    ...(options.redetect ? { redetect: options.redetect } : {}),
    ...(options.followSeconds ? { followSeconds: options.followSeconds } : {}),
    ...(options.tuning ? { tuning: options.tuning } : {}),
  });
  if (options.casePath)
    store
      .getState()
      .attachCase(caseForSession(options.casePath, options.sources, 'test case').store);
  const app = mountApp({ store, index, theme: themeFor(options.color ?? false), stdout, stdin });
  await openSources(
    store,
    index,
    options.sources.map((path) => ({ path })),
    { workers: 0 },
  );
  const lastFrame = () => stdout.frames.at(-1) ?? '';
  const waitFor = async (predicate: (frame: string) => boolean, what = 'a frame') => {
    for (let i = 0; i < 400; i++) {
      const frame = lastFrame();
      if (predicate(frame)) return frame;
      await tick();
    }
    throw new Error(`timed out waiting for ${what}; last frame:\n${lastFrame()}`);
  };
  await waitFor((frame) => frame.includes('event'), 'the first frame');
  return {
    store,
    index,
    stdout,
    lastFrame,
    press: async (...keys) => {
      for (const key of keys) {
        stdin.write(key);
        await tick();
      }
      await tick();
    },
    type: async (text) => {
      for (const char of text) {
        stdin.write(char);
        await tick();
      }
    },
    resize: async (columns, rows) => {
      stdout.columns = columns;
      stdout.rows = rows;
      store.getState().setSize({ columns, rows });
      await tick();
      await tick();
    },
    waitFor,
    unmount: () => app.unmount(),
  };
}
