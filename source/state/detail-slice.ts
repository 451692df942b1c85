import type { StateCreator } from 'zustand/vanilla';
import { isMultiAccount } from '../index/index.js';
import { detailLines } from '../trail/detail-lines.js';
import { asText } from '../trail/fields.js';
import { detailRows } from './detail-view.js';
import { detailWidth, layoutFor } from './layout.js';
import type { AppState, DetailSlice, StoreDeps } from './types.js';

export const createDetailSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], DetailSlice> =>
  (set, get) => ({
    detailOpen: false,
    detail: { row: -1, status: 'idle', lines: [], eventId: '', error: '', scroll: 0 },
    openDetail: () => {
      if (get().rows.length === 0) return;
      set({ detailOpen: true, focus: 'detail' });
      get().moveCursor(0);
      get().syncDetail();
    },
    closeDetail: () => {
      set({ detailOpen: false, focus: 'stream' });
      // The stream grows back to full height: re-place the window so it fills up again.
      get().moveCursor(0);
    },
    scrollDetail: (delta) => {
      const { detail, size, detailOpen, caseFile } = get();
      const height = layoutFor(size, detailOpen).detailRows;
      // Scrolls by the rows drawn: long values wrap, so there are more rows than record lines.
      const total = detailRows(detail.lines, detail.eventId, caseFile, detailWidth(size)).length;
      const max = Math.max(0, total - height);
      set({ detail: { ...detail, scroll: Math.max(0, Math.min(detail.scroll + delta, max)) } });
    },
    syncDetail: () => {
      const { detailOpen, rows, cursor, detail, reader } = get();
      const row = rows[cursor];
      // A record that failed to load is tried again when the analyst comes back to it.
      if (!detailOpen || row === undefined) return;
      if (row === detail.row && detail.status !== 'error') return;
      if (!reader) {
        set({
          detail: {
            row,
            status: 'error',
            lines: [],
            eventId: '',
            error: 'the source cannot be re-read',
            scroll: 0,
          },
        });
        return;
      }
      set({ detail: { row, status: 'loading', lines: [], eventId: '', error: '', scroll: 0 } });
      const { fileId, recordIndex } = deps.index.location(row);
      reader.read(fileId, recordIndex).then(
        (record) => {
          // The analyst may have moved on while the file was read: keep only the current row.
          if (get().detail.row !== row) return;
          set({
            detail: {
              row,
              status: 'ready',
              lines: detailLines(record, isMultiAccount(deps.index)),
              eventId: asText(record.eventID),
              error: '',
              scroll: 0,
            },
          });
        },
        (error: unknown) => {
          if (get().detail.row !== row) return;
          const why = error instanceof Error ? error.message : String(error);
          set({ detail: { row, status: 'error', lines: [], eventId: '', error: why, scroll: 0 } });
        },
      );
    },
  });
