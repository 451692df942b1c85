import { performance } from 'node:perf_hooks';
import { EventIndex } from '../index/index.js';
import type { SourceInput } from '../ingest/index.js';
import { FrameWriter } from '../cli/frame-writer.js';
import { createAppStore, openSources } from '../state/index.js';
import { mountApp, themeFor } from '../ui/index.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';

/**
 * The load as the TUI runs it: through the store, which re-reads the index (and so orders what
 * has arrived) every 200 ms while batches come in, with the App on screen drawing the progress
 * and the stream as they change. Done when the stream shows every event in time order. Every
 * load the benches compare (a tree on disk, the same tree pulled from a bucket) runs here, and
 * the time counts from opening the sources (a bucket's listing and plan included) to the end.
 */
export async function measureLoad(open: () => Promise<readonly SourceInput[]>, source: string) {
  const index = new EventIndex();
  const store = createAppStore({
    index,
    now: Date.now,
    source,
    size: { columns: 80, rows: 24 },
  });
  const terminal = new FakeStdout(80, 24, false);
  const app = mountApp({
    store,
    index,
    theme: themeFor(true),
    stdout: new FrameWriter(terminal as unknown as NodeJS.WriteStream),
    stdin: new FakeStdin(),
  });
  const start = performance.now();
  // When the stream first had an event to show (the store hears of every batch's progress).
  let firstEventSeconds: number | undefined;
  const unsubscribe = store.subscribe(() => {
    if (firstEventSeconds === undefined && index.size > 0)
      firstEventSeconds = (performance.now() - start) / 1000;
  });
  const result = await openSources(store, index, await open(), { detect: false });
  store.getState().refreshRows();
  const seconds = (performance.now() - start) / 1000;
  unsubscribe();
  app.unmount();
  if (store.getState().rows.length !== index.size) throw new Error('the stream is not complete');
  return {
    index,
    seconds,
    firstEventSeconds,
    files: result.files.length,
    sourceFiles: result.files,
    failed: result.progress.failed,
    result,
  };
}
