import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import type { EventIndex } from '../../source/index/index.js';
import { createAppStore, layoutFor, type AppStore } from '../../source/state/index.js';
import { refreshInterval } from '../../source/state/load-slice.js';
import { loadIndex } from '../helpers/load.js';

let index: EventIndex;
beforeAll(async () => {
  ({ index } = await loadIndex([DEMO_DATA_FILE]));
});
afterEach(() => {
  vi.useRealTimers();
});

function demoStore(size = { columns: 80, rows: 24 }): AppStore {
  const store = createAppStore({
    index,
    now: () => Date.parse('2025-03-15T00:00:00Z'),
    source: 'demo',
    size,
  });
  store.getState().refreshRows();
  return store;
}

/** Position in the full time order of the first event matching `test`. */
function positionWhere(test: (row: number) => boolean, from = 0): number {
  const order = index.order();
  for (let i = from; i < order.length; i++) if (test(order[i]!)) return i;
  throw new Error('no such event');
}
const isKeyHunter = (row: number) => index.value(row, 'principal') === 'KeyHunter';
const describeRow = (row: number | undefined) =>
  row === undefined
    ? '(none)'
    : `${new Date(index.time(row)).toISOString()} ${index.value(row, 'principal')} ${index.value(row, 'eventName')}`;

function selected(store: AppStore): string {
  const { rows, cursor } = store.getState();
  return describeRow(rows[cursor]);
}

function expectCursorVisible(store: AppStore): void {
  const { cursor, top, size, detailOpen, rows } = store.getState();
  const height = layoutFor(size, detailOpen).streamRows;
  expect(cursor).toBeGreaterThanOrEqual(top);
  expect(cursor).toBeLessThan(top + height);
  // No blank rows at the bottom while there are events to fill them.
  expect(top).toBeLessThanOrEqual(Math.max(0, rows.length - height));
}

const GET_OBJECT = '2025-03-13T14:05:02.000Z KeyHunter GetObject';

describe('the store without a screen', () => {
  it('refreshRows keeps the selected event when a filter applies and clears', () => {
    const store = demoStore();
    expect(store.getState().rows).toHaveLength(3313);
    expect(store.getState().cursor).toBe(0);
    store.getState().moveCursorTo(2422);
    expect(selected(store)).toBe(GET_OBJECT);

    expect(store.getState().applyFilterText('user:KeyHunter')).toBe(true);
    expect(store.getState().rows).toHaveLength(51);
    expect(selected(store)).toBe(GET_OBJECT);
    expectCursorVisible(store);

    store.getState().clearFilter();
    expect(store.getState().rows).toHaveLength(3313);
    expect(store.getState().cursor).toBe(2422);
    expect(selected(store)).toBe(GET_OBJECT);
    expectCursorVisible(store);
  });

  it('moves a selection the filter drops to the next matching event in time', () => {
    const store = demoStore();
    const login = positionWhere((row) => index.value(row, 'eventName') === 'ConsoleLogin', 2414);
    const other = positionWhere((row) => !isKeyHunter(row), login);
    store.getState().moveCursorTo(other);
    expect(selected(store)).not.toContain('KeyHunter');
    store.getState().applyFilterText('user:KeyHunter');
    expect(selected(store)).toBe('2025-03-13T14:03:52.000Z KeyHunter ListBuckets');
  });

  it('jumpToMatch says why when there is no query or no further match', () => {
    const store = demoStore();
    store.getState().moveCursorTo(10);
    store.getState().jumpToMatch(1);
    expect(store.getState().message).toBe('no search yet: press / and enter a query');
    expect(store.getState().cursor).toBe(10);

    store.getState().applyFilterText('user:KeyHunter');
    store.getState().moveCursorTo(50);
    store.getState().jumpToMatch(1);
    expect(store.getState().message).toBe('no later match for user:KeyHunter');
    expect(store.getState().cursor).toBe(50);

    store.getState().clearFilter();
    store.getState().moveCursorTo(0);
    store.getState().jumpToMatch(-1);
    expect(store.getState().message).toBe('no earlier match for user:KeyHunter');
    expect(store.getState().cursor).toBe(0);

    store.getState().jumpToMatch(1);
    expect(store.getState().message).toBe('');
    expect(store.getState().cursor).toBe(positionWhere(isKeyHunter));
    expect(selected(store)).toBe('2025-03-10T08:11:25.000Z KeyHunter ConsoleLogin');
    expectCursorVisible(store);
  });

  it('a syntax error is reported and leaves rows and the applied filter unchanged', () => {
    const store = demoStore();
    store.getState().applyFilterText('user:KeyHunter');
    const rows = store.getState().rows;
    const named = {
      'usr:x': 'unknown field "usr"',
      'after:yesterday': '"after:yesterday" is not a time',
      'resource:"Threat': 'unterminated quote in "resource:\\"Threat"',
    };
    for (const [bad, message] of Object.entries(named)) {
      expect(store.getState().applyFilterText(bad)).toBe(false);
      const { filter } = store.getState();
      expect(filter.error?.term).toBe(bad);
      expect(filter.error?.message).toContain(message);
      expect(filter.applied?.text).toBe('user:KeyHunter');
      expect(store.getState().rows).toBe(rows);
    }
    store.getState().startFilter();
    store.getState().setDraft('usr:x');
    store.getState().submitFilter();
    expect(store.getState().filter.editing).toBe(true);
    expect(store.getState().rows).toBe(rows);
  });

  it('shows load progress at most five times a second, and the latest one always', () => {
    vi.useFakeTimers();
    let clock = 1_000_000;
    const tick = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(ms);
    };
    const store = createAppStore({
      index,
      now: () => clock,
      source: 'demo',
      size: { columns: 80, rows: 24 },
    });
    const progress = (filesDone: number, done = false) => ({
      filesTotal: 100,
      filesDone,
      events: filesDone * 10,
      malformed: 0,
      failed: 0,
      skipped: 0,
      done,
    });
    const shown: number[] = [];
    store.subscribe((state, before) => {
      if (state.progress !== before.progress) shown.push(state.progress.filesDone);
    });
    store.getState().setProgress(progress(1));
    for (let files = 2; files <= 9; files++) {
      tick(20);
      store.getState().setProgress(progress(files));
    }
    // The first went through; the next eight arrived within 200 ms and wait.
    expect(shown).toEqual([1]);
    tick(39);
    expect(shown).toEqual([1]);
    tick(1);
    expect(shown).toEqual([1, 9]);
    // The rows were read again with it: the stream shows what has arrived.
    expect(store.getState().rows.length).toBe(index.size);
    tick(10);
    store.getState().setProgress(progress(10));
    tick(10);
    store.getState().setProgress(progress(100, true));
    // The end is shown at once, and nothing waiting is shown after it.
    expect(shown).toEqual([1, 9, 100]);
    tick(1000);
    expect(shown).toEqual([1, 9, 100]);
    expect(store.getState().progress.done).toBe(true);
  });

  it('re-reads a large stream less often while it loads', () => {
    expect(refreshInterval(10_000)).toBe(200);
    expect(refreshInterval(249_999)).toBe(200);
    expect(refreshInterval(250_000)).toBe(500);
    expect(refreshInterval(5_000_000)).toBe(500);
  });

  it('typing filters only after a pause; cancel restores the filter in force', () => {
    vi.useFakeTimers();
    const store = demoStore();
    store.getState().applyFilterText('user:KeyHunter');
    store.getState().startFilter();
    expect(store.getState().filter.draft).toBe('user:KeyHunter');
    store.getState().setDraft('user:KeyHunter event:GetObject');
    expect(store.getState().rows).toHaveLength(51);
    vi.advanceTimersByTime(149);
    expect(store.getState().rows).toHaveLength(51);
    vi.advanceTimersByTime(1);
    const narrowed = store.getState().rows.length;
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(51);
    store.getState().cancelFilter();
    expect(store.getState().filter.applied?.text).toBe('user:KeyHunter');
    expect(store.getState().rows).toHaveLength(51);
    expect(store.getState().filter.editing).toBe(false);
  });

  it('setSize keeps the cursor in the window at every size, detail open or not', () => {
    const store = demoStore();
    store.getState().moveCursorTo(19);
    expect(store.getState().top).toBe(0);
    store.getState().setSize({ columns: 80, rows: 12 });
    expect(store.getState().cursor).toBe(19);
    expect(store.getState().top).toBe(19 - 8 + 1);
    expectCursorVisible(store);

    const sizes = [
      [120, 40],
      [60, 15],
      [30, 8],
      [80, 10],
      [200, 100],
    ] as const;
    for (const position of [0, 1500, 3312]) {
      store.getState().moveCursorTo(position);
      for (const [columns, rows] of sizes) {
        store.getState().setSize({ columns, rows });
        expect(store.getState().cursor).toBe(position);
        expectCursorVisible(store);
      }
    }
    // At the last event a taller window fills up with earlier events.
    store.getState().setSize({ columns: 80, rows: 40 });
    expect(store.getState().top).toBe(3313 - 36);

    store.getState().openDetail();
    expect(store.getState().detailOpen).toBe(true);
    expect(store.getState().detail.status).toBe('error');
    for (const [columns, rows] of sizes) {
      store.getState().setSize({ columns, rows });
      expectCursorVisible(store);
    }
  });

  it('opening and closing the detail re-fits the stream window around the cursor', () => {
    const store = demoStore();
    store.getState().moveCursorTo(3312);
    expect(store.getState().top).toBe(3313 - 20);
    store.getState().openDetail();
    expect(store.getState().focus).toBe('detail');
    expect(store.getState().top).toBe(3313 - layoutFor({ columns: 80, rows: 24 }, true).streamRows);
    store.getState().closeDetail();
    expect(store.getState().focus).toBe('stream');
    expect(store.getState().top).toBe(3313 - 20);
    expectCursorVisible(store);
  });

  it('page moves by the stream height and stops at the ends', () => {
    const store = demoStore();
    store.getState().page(1);
    expect(store.getState().cursor).toBe(20);
    store.getState().page(-1);
    store.getState().page(-1);
    expect(store.getState().cursor).toBe(0);
    store.getState().moveCursorTo(3310);
    store.getState().page(1);
    expect(store.getState().cursor).toBe(3312);
    expectCursorVisible(store);
  });
});
