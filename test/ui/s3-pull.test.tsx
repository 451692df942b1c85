/**
 * A bucket pulled into the TUI: rows from the first object while the pull runs, the pull's
 * progress on the status line at 80 columns, and esc stopping it with what came kept.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { EventIndex } from '../../source/index/index.js';
import type { FeedFile, FileFeed, PullWatch } from '../../source/ingest/index.js';
import type { PullProgress, S3Plan } from '../../source/ingest/s3/types.js';
import { createAppStore, openSources } from '../../source/state/index.js';
import { mountApp, themeFor } from '../../source/ui/index.js';
import { FakeStdin, FakeStdout } from '../../source/bench/fake-terminal.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

const tree = tempTree('s3-pull-tui');
afterAll(() => tree.remove());

const OBJECTS = 6;
const SIZE = 1_000_000;

/**
 * A pull as s3/pull.ts makes one: objects handed over one by one (each when the test says),
 * progress after each, and stopping it ends the feed after what was fetched.
 */
function fakePull() {
  const files: FeedFile[] = Array.from({ length: OBJECTS }, (_, n) => {
    const records = makeRecords(2, `2025-03-01T0${n}:00:00Z`, `Pulled${n}-`);
    const at = tree.write(`o${n}.json.gz`, gzipSync(recordsJson(records)));
    return { path: `s3://trail-bucket/AWSLogs/o${n}.json.gz`, at, size: SIZE };
  });
  const stop = new AbortController();
  const listeners = new Set<(progress: PullProgress) => void>();
  const progress: PullProgress = {
    prefixes: 3,
    objectsTotal: OBJECTS,
    objectsDone: 0,
    bytesTotal: OBJECTS * SIZE,
    bytesDone: 0,
    fromCache: 0,
    retries: 0,
    slowDowns: 0,
    inFlight: 4,
    startedAt: Date.now() - 2000,
    done: false,
  };
  let latest: PullProgress | undefined;
  const report = () => {
    latest = { ...progress };
    for (const listener of listeners) listener(latest);
  };
  let release: () => void = () => undefined;
  const next = () => new Promise<void>((resolve) => (release = resolve));
  const stopped = new Promise<void>((resolve) =>
    stop.signal.addEventListener('abort', () => resolve()),
  );
  const feed: FileFeed = {
    shown: 's3://trail-bucket',
    files: (async function* () {
      for (const file of files) {
        if (progress.objectsDone > 0) await Promise.race([next(), stopped]);
        if (stop.signal.aborted) break;
        progress.objectsDone++;
        progress.bytesDone += SIZE;
        report();
        yield file;
      }
      progress.done = true;
      report();
    })(),
    problems: () =>
      stop.signal.aborted
        ? [
            `s3://trail-bucket: stopped with ${OBJECTS - progress.objectsDone} of ${OBJECTS} objects not fetched`,
          ]
        : [],
  };
  const pull: PullWatch = {
    shown: 's3://trail-bucket',
    plan: {} as S3Plan,
    latest: () => latest,
    subscribe: (listener) => {
      listeners.add(listener);
      if (latest) listener(latest);
      return () => listeners.delete(listener);
    },
    stop: () => stop.abort(),
    get stopped() {
      return stop.signal.aborted;
    },
  };
  return { feed, pull, release: () => release() };
}

it('rows from the first object, the pull on the status line, esc stops it and keeps what came', async () => {
  const stdout = new FakeStdout(80, 24);
  const stdin = new FakeStdin();
  const index = new EventIndex();
  const store = createAppStore({
    index,
    now: Date.now,
    source: 's3://trail-bucket',
    size: { columns: 80, rows: 24 },
  });
  const app = mountApp({ store, index, theme: themeFor(false), stdout, stdin });
  const { feed, pull, release } = fakePull();
  const loading = openSources(store, index, [{ feed }], {
    workers: 0,
    detect: false,
    pulls: [pull],
  });
  const frame = () => stdout.frames.at(-1) ?? '';
  const waitFor = async (test: (text: string) => boolean, what: string) => {
    for (let i = 0; i < 600; i++) {
      if (test(frame())) return frame();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ${what}; last frame:\n${frame()}`);
  };
  try {
    // The first object's rows are on the screen while five objects are still to come.
    const first = await waitFor((text) => text.includes('Pulled0-1'), 'first rows');
    expect(index.size).toBe(2);
    const status = first.split('\n').findLast((line) => line.trim() !== '')!;
    expect(status).toContain('2 events');
    await waitFor((text) => /s3: 1\/6 objects · 1\.0 MB\/6\.0 MB/.test(text), 'pull status');
    release();
    await waitFor(
      (text) => text.includes('Pulled1-1') && /s3: 2\/6 objects/.test(text),
      'second object',
    );
    // The status line fits 80 columns and says esc stops it.
    const line = frame()
      .split('\n')
      .find((l) => l.includes('s3: 2/6 objects'))!;
    expect(line).toMatch(/2\/6 objects · 2\.0 MB\/6\.0 MB · [\d.]+ [KM]B\/s · ETA \d+s/);
    expect(line.length).toBeLessThanOrEqual(80);

    stdin.write('\x1b');
    const result = await loading;
    // What came stays: two objects' events; the rest never fetched, said once.
    expect(index.size).toBe(4);
    expect(result.files).toHaveLength(2);
    expect(result.reports.at(-1)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('4 of 6 objects not fetched'),
    });
    const after = await waitFor(
      (text) => !text.includes('s3: ') && text.includes('4 events'),
      'the pull gone from the status',
    );
    expect(after).toContain('Pulled1-1');
    expect(store.getState().message).toContain('what came is kept');
  } finally {
    app.unmount();
  }
});
