import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type * as IndexModule from '../../source/index/index.js';
import type * as IngestModule from '../../source/ingest/index.js';
import type * as StateModule from '../../source/state/index.js';
import type * as ThreadModule from '../../source/state/detection-thread.js';
import type { ExplicitBaseline } from '../../source/state/explicit-baseline.js';
import { LONDON, writeBaselineTrails } from '../helpers/baseline-trails.js';
import { tempTree } from '../helpers/records.js';

/**
 * The TUI's detections run in a worker thread, which only compiled code can start: the store,
 * the loader and the thread come from dist (test/global-setup.ts builds it).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = async <T>(file: string) =>
  (await import(pathToFileURL(path.join(ROOT, 'dist', file)).href)) as T;
const { EventIndex } = await dist<typeof IndexModule>('index/index.js');
const { loadSources } = await dist<typeof IngestModule>('ingest/index.js');
const { createAppStore, runDetection } = await dist<typeof StateModule>('state/index.js');
const { detectionThreadAvailable } = await dist<typeof ThreadModule>('state/detection-thread.js');

const tree = tempTree('baseline-thread');
afterAll(() => tree.remove());
writeBaselineTrails(tree.write);

async function load(name: string) {
  const index = new EventIndex();
  const result = await loadSources([{ path: `${tree.root}/${name}` }], { sink: index, workers: 0 });
  return { index, files: result.files };
}

/** The TUI's way: a store over the trail, the explicit baseline given to it, the thread run. */
async function detectInTui(name: string, baseline?: ExplicitBaseline) {
  const { index, files } = await load(name);
  const store = createAppStore({
    index,
    now: Date.now,
    source: name,
    size: { columns: 100, rows: 30 },
    ...(baseline ? { baseline } : {}),
  });
  await runDetection(store, index, files);
  const state = store.getState();
  expect(state.detection.status).toBe('done');
  const london = state.findings.filter(
    (f) => f.ruleId === 'console-login-new-ip' && f.summary.includes(LONDON),
  );
  return { london, message: state.detection.message };
}

describe("the TUI's detection thread learns from the explicit baseline in the store", () => {
  it('gets the learn-only index: what January taught is not new in March', async () => {
    expect(detectionThreadAvailable()).toBe(true);
    // Without it the London login is new: test/cli/baseline-findings.test.ts, same trails.
    const old = await load('old');
    const taught = await detectInTui('new', { learnFrom: { index: old.index, files: 1 } });
    expect(taught.london).toEqual([]);
    // The status line names what it learned from.
    expect(taught.message).toMatch(
      /^detections done in [\d.]+ s · baseline: learned from 1 file, 6 events$/,
    );
  });

  it('gets --baseline-until, a span counted back from the trail’s end', async () => {
    // Without it London has no baseline yet (the same test, same trail).
    const until = await detectInTui('day', { until: { back: 4 * 3_600_000 } });
    expect(until.london).toHaveLength(1);
    expect(until.london[0]!.summary).not.toContain('no baseline yet');
    expect(until.message).toContain('baseline: until 2025-03-01 11:00 UTC');
  });
});
