import type { EventIndex } from '../index/index.js';
import type { FileReport, LoadProgress, RecordReader } from '../ingest/index.js';
import type { DetailLine } from '../trail/detail-lines.js';
import type { Query, QuerySyntaxError } from '../trail/query/index.js';
import type { ScreenSize } from './layout.js';

export type Pane = 'stream' | 'detail';
export type Overlay = 'none' | 'help' | 'errors';

export interface ViewSlice {
  size: ScreenSize;
  focus: Pane;
  overlay: Overlay;
  /** A one-line message for the status bar (a hint or what just happened). */
  message: string;
  setSize: (size: ScreenSize) => void;
  focusNextPane: () => void;
  toggleOverlay: (overlay: Exclude<Overlay, 'none'>) => void;
  closeOverlay: () => void;
  quitRequested: boolean;
  requestQuit: () => void;
}

export interface StreamSlice {
  /** Rows shown, in time order: all events, or those matching the filter. */
  rows: Uint32Array;
  /** Events in the index (all of them, whatever the filter). */
  loaded: number;
  cursor: number;
  /** First visible position (scroll offset) of the stream window. */
  top: number;
  moveCursor: (delta: number) => void;
  moveCursorTo: (position: number) => void;
  page: (direction: 1 | -1) => void;
  /** n / N: the next or previous event matching the last query, in the rows on screen. */
  jumpToMatch: (direction: 1 | -1) => void;
  /** Re-reads the index (new rows, new filter), keeping the selected event selected. */
  refreshRows: () => void;
}

export interface FilterSlice {
  filter: {
    /** The query in force and its text. */
    applied: Query | undefined;
    /** The text being typed in the filter bar. */
    draft: string;
    editing: boolean;
    error: QuerySyntaxError | undefined;
    /** The last query that was applied, kept after it is cleared: n / N walk its matches. */
    last: Query | undefined;
  };
  startFilter: () => void;
  setDraft: (text: string) => void;
  submitFilter: () => void;
  cancelFilter: () => void;
  clearFilter: () => void;
  applyFilterText: (text: string) => boolean;
}

export interface DetailSlice {
  detailOpen: boolean;
  detail: {
    row: number;
    status: 'idle' | 'loading' | 'ready' | 'error';
    lines: DetailLine[];
    error: string;
    scroll: number;
  };
  openDetail: () => void;
  closeDetail: () => void;
  scrollDetail: (delta: number) => void;
  /** Loads the selected event's full record when the detail pane shows it. */
  syncDetail: () => void;
}

export interface LoadSlice {
  source: string;
  progress: LoadProgress;
  reports: FileReport[];
  duplicates: number;
  reader: RecordReader | undefined;
  /** Set when the store is fed by a loader: discovered files become re-readable. */
  attachReader: (reader: RecordReader) => void;
  setProgress: (progress: LoadProgress) => void;
  setReports: (reports: FileReport[]) => void;
}

export type AppState = ViewSlice & StreamSlice & FilterSlice & DetailSlice & LoadSlice;

/** What the store needs from outside: the index it shows and a clock for relative times. */
export interface StoreDeps {
  index: EventIndex;
  now: () => number;
  source: string;
  size: ScreenSize;
}
