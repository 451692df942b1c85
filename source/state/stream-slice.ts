import type { StateCreator } from 'zustand/vanilla';
import { compileRowTest, filterRows } from '../index/index.js';
import { layoutFor } from './layout.js';
import type { AppState, StoreDeps, StreamSlice } from './types.js';

/** Scroll offset that keeps `cursor` inside a window of `height` rows, moving as little as possible. */
function scrolledTop(top: number, cursor: number, height: number, total: number): number {
  let next = top;
  if (cursor < next) next = cursor;
  if (cursor >= next + height) next = cursor - height + 1;
  return Math.max(0, Math.min(next, Math.max(0, total - height)));
}

/** First position in time-ordered `rows` whose time is at or after `time`. */
function positionAtTime(rows: Uint32Array, times: Float64Array, time: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[rows[middle]!]! < time) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, Math.max(0, rows.length - 1));
}

export const createStreamSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], StreamSlice> =>
  (set, get) => {
    let seenVersion = -1;
    let seenQuery: unknown;
    let seenScope: unknown;

    const place = (cursor: number) => {
      const { rows, top, size, detailOpen } = get();
      const clamped = Math.max(0, Math.min(cursor, rows.length - 1));
      const height = layoutFor(size, detailOpen).streamRows;
      set({ cursor: clamped, top: scrolledTop(top, clamped, height, rows.length) });
      get().syncDetail();
    };

    return {
      rows: new Uint32Array(0),
      loaded: 0,
      cursor: 0,
      top: 0,
      moveCursor: (delta) => place(get().cursor + delta),
      moveCursorTo: (position) => place(position),
      page: (direction) => {
        const height = layoutFor(get().size, get().detailOpen).streamRows;
        place(get().cursor + direction * height);
      },
      jumpToMatch: (direction) => {
        const { filter, rows, cursor } = get();
        const query = filter.last;
        if (!query) {
          set({ message: 'no search yet: press / and enter a query' });
          return;
        }
        const matches = compileRowTest(deps.index, query);
        for (let i = cursor + direction; i >= 0 && i < rows.length; i += direction) {
          if (matches(rows[i]!)) {
            set({ message: '' });
            place(i);
            return;
          }
        }
        set({ message: `no ${direction > 0 ? 'later' : 'earlier'} match for ${query.text}` });
      },
      refreshRows: () => {
        if (deps.index.version !== seenVersion) {
          // New events move the trail's end: now, and the filter's relative times, follow it.
          get().updateClock();
          get().reanchorFilter();
        }
        const { filter, rows: before, cursor } = get();
        // A drill-down shows a scoped stream (an evidence list, one principal's calls): the
        // nearest stream screen's scope is what the filter narrows.
        const scope = get().screens.findLast((screen) => screen.kind === 'stream')?.scope;
        if (
          deps.index.version === seenVersion &&
          filter.applied === seenQuery &&
          scope === seenScope
        )
          return;
        seenVersion = deps.index.version;
        seenQuery = filter.applied;
        seenScope = scope;
        const order = scope ?? deps.index.order();
        const rows = filter.applied ? filterRows(deps.index, filter.applied, order) : order;
        const selected = before[cursor];
        let position = 0;
        if (selected !== undefined && rows.length > 0) {
          const same = rows.indexOf(selected);
          position =
            same >= 0 ? same : positionAtTime(rows, deps.index.times, deps.index.time(selected));
        }
        set({ rows, loaded: deps.index.size });
        place(position);
      },
    };
  };
