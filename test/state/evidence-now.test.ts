import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { EventIndex, evidenceNow, trailEnd } from '../../source/index/index.js';
import { createAppStore, type AppStore, type LiveService } from '../../source/state/index.js';
import { guidePage, stepDetail } from '../../source/state/step-view.js';
import { PLAYBOOK, stepById } from '../../source/triage/index.js';
import type { CaseFile } from '../../source/case/index.js';
import { loadSources } from '../../source/ingest/index.js';
import { loadIndex } from '../helpers/load.js';

/** The demo trail ends here (its newest event); the analyst opens it long after. */
const TRAIL_END = Date.parse('2025-03-14T23:47:06Z');
const TODAY = Date.parse('2026-12-07T15:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let index: EventIndex;
beforeAll(async () => {
  ({ index } = await loadIndex([DEMO_DATA_FILE]));
});

function demoStore(options: { givenNow?: number; live?: boolean } = {}): AppStore {
  const store = createAppStore({
    index,
    now: () => TODAY,
    source: 'demo',
    size: { columns: 120, rows: 40 },
    ...(options.givenNow === undefined ? {} : { givenNow: options.givenNow }),
    // Only its presence matters here: a live store's now is the clock.
    ...(options.live ? { live: { regions: [] } as unknown as LiveService } : {}),
  });
  store.getState().refreshRows();
  return store;
}

const principals = (store: AppStore) =>
  new Set(Array.from(store.getState().rows, (row) => index.value(row, 'principal')));

/** A case with KeyHunter marked, as `m` on one of his events leaves it. */
const KEYHUNTER_CASE = {
  suspects: [{ kind: 'principal', value: 'KeyHunter', markedAt: '2026-12-07T15:00:00Z' }],
  steps: {},
} as unknown as CaseFile;

describe('now is the newest event of a trail read from files', () => {
  it('the demo’s now is its last event, not the clock', () => {
    expect(evidenceNow(index, { clock: () => TODAY })).toEqual({ at: TRAIL_END, basis: 'trail' });
    expect(demoStore().getState().evidenceNow()).toBe(TRAIL_END);
    expect(demoStore().getState().clockNote).toBe('trail ends 2025-03-14 23:47 UTC');
  });

  it('--now overrides the trail, and live reads use the clock', () => {
    const given = Date.parse('2025-03-13T15:00:00Z');
    expect(demoStore({ givenNow: given }).getState().evidenceNow()).toBe(given);
    expect(demoStore({ givenNow: given }).getState().clockNote).toBe(
      'now 2025-03-13 15:00 UTC (--now)',
    );
    expect(demoStore({ live: true }).getState().evidenceNow()).toBe(TODAY);
    expect(demoStore({ live: true, givenNow: given }).getState().evidenceNow()).toBe(given);
  });

  it('an empty trail falls back to the clock and says so', () => {
    const empty = new EventIndex();
    expect(evidenceNow(empty, { clock: () => TODAY })).toEqual({ at: TODAY, basis: 'empty' });
    const store = createAppStore({
      index: empty,
      now: () => TODAY,
      source: 'empty',
      size: { columns: 80, rows: 24 },
    });
    expect(store.getState().clockNote).toBe('no events yet: now is the clock');
  });

  it('a record dated far past the clock does not become the trail’s end', () => {
    const forged = {
      order: () => Uint32Array.of(0, 1, 2),
      time: (row: number) => [NaN, TRAIL_END, Date.parse('2099-01-01T00:00:00Z')][row]!,
    };
    expect(trailEnd(forged, TODAY + DAY)).toBe(TRAIL_END);
    // When every event is in the clock's future, the clock is what is wrong.
    const allLater = { order: () => Uint32Array.of(0), time: () => TODAY + 10 * DAY };
    expect(trailEnd(allLater, TODAY + DAY)).toBe(TODAY + 10 * DAY);
  });
});

describe('relative times count back from the trail’s end', () => {
  it('after:2d in the filter bar finds KeyHunter; after:12h finds the trail’s last half day', () => {
    const store = demoStore();
    expect(store.getState().applyFilterText('user:KeyHunter after:2d')).toBe(true);
    // On the clock (a year and a half later) both were empty.
    expect(store.getState().rows.length).toBeGreaterThan(20);
    expect([...principals(store)]).toEqual(['KeyHunter']);

    store.getState().applyFilterText('after:12h');
    const times = Array.from(store.getState().rows, (row) => index.time(row));
    expect(times.length).toBeGreaterThan(100);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(TRAIL_END - 12 * HOUR);
    expect(Math.max(...times)).toBe(TRAIL_END);
  });

  it('--now moves the window: KeyHunter is active in the hour before 14:53 on the 13th', () => {
    const store = demoStore({ givenNow: Date.parse('2025-03-13T14:53:30Z') });
    store.getState().applyFilterText('user:KeyHunter after:1h');
    expect(store.getState().rows.length).toBeGreaterThan(10);
  });

  it('a filter applied before the trail loads counts from its end once it has loaded', async () => {
    const fresh = new EventIndex();
    const store = createAppStore({
      index: fresh,
      now: () => TODAY,
      source: 'demo',
      size: { columns: 80, rows: 24 },
    });
    store.getState().applyFilterText('user:KeyHunter after:2d');
    expect(store.getState().rows.length).toBe(0);
    // Loaded as the TUI loads: the store refreshes as batches arrive.
    await loadSources([{ path: DEMO_DATA_FILE }], {
      sink: fresh,
      workers: 0,
      onProgress: (progress) => store.getState().setProgress(progress),
    });
    store.getState().refreshRows();
    expect(store.getState().rows.length).toBeGreaterThan(20);
    expect(store.getState().clockNote).toBe('trail ends 2025-03-14 23:47 UTC');
  });
});

describe('guided mode and the checklist count and suggest from the trail’s end', () => {
  const step = (id: string) => PLAYBOOK.findIndex((s) => s.id === id);

  it('step 4 counts KeyHunter’s last hour of the trail and says when he last acted', () => {
    const store = demoStore();
    expect(step('triage-active-principal')).toBe(3);
    const page = guidePage(index, 3, KEYHUNTER_CASE, store.getState().stepClock()).map(
      (line) => line.text,
    );
    expect(page).toContain('now: 0 matching event(s) in the 1h up to 2025-03-14T23:47:06Z');
    expect(page, page.join('\n')).toContain(
      'last match: 2025-03-13T14:52:33Z KeyHunter AssumeRole 102.88.109.159 (33 h earlier)',
    );
  });

  it('a look-back that reaches KeyHunter counts his events (none on the clock)', () => {
    const store = demoStore();
    const page = guidePage(
      index,
      step('suspect-recent-activity'),
      KEYHUNTER_CASE,
      store.getState().stepClock(),
    ).map((line) => line.text);
    const count = page.find((line) => line.startsWith('now: '));
    expect(count).toMatch(/^now: \d+ matching event\(s\) in the 7d up to 2025-03-14T23:47:06Z$/);
    expect(Number(/^now: (\d+)/.exec(count!)![1])).toBeGreaterThan(20);
  });

  it('step 2’s --start-time and step 29’s export window are the trail’s, in ISO', () => {
    const clock = demoStore().getState().stepClock();
    expect(clock).toEqual({ evidence: TRAIL_END, wall: TODAY });
    const suspects = { principal: 'KeyHunter', ip: '102.88.109.159' };
    const firstSeen = stepDetail(PLAYBOOK[1]!, undefined, suspects, clock).join('\n');
    expect(PLAYBOOK[1]!.id).toBe('triage-first-seen');
    expect(firstSeen).toContain(`--start-time ${new Date(TRAIL_END - 90 * DAY).toISOString()} `);

    expect(PLAYBOOK[28]!.id).toBe('export-cloudwatch-logs');
    const logs = stepDetail(stepById('export-cloudwatch-logs')!, undefined, {}, clock).join('\n');
    expect(logs).toContain(
      `--from ${TRAIL_END - 30 * DAY} --to ${TRAIL_END} --destination EVIDENCE_BUCKET`,
    );
    expect(logs).toMatch(/ {2}# 2025-02-12T23:47:06\.000Z \.\. 2025-03-14T23:47:06\.000Z$/m);
  });

  it('the session deny of step 33 is dated by the clock, not the trail', () => {
    const clock = demoStore().getState().stepClock();
    const revoke = stepDetail(
      stepById('revoke-active-sessions')!,
      undefined,
      { principal: 'KeyHunter' },
      clock,
    ).join('\n');
    expect(revoke).toContain(`"aws:TokenIssueTime":"${new Date(TODAY).toISOString()}"`);
  });
});
