/**
 * How the screen is divided, as a pure function of its size, so the store (which keeps the
 * cursor visible) and the views (which draw) always agree. A frame is one line shorter than the
 * terminal: ink 6 redraws the whole screen when a frame reaches the terminal's height.
 */
export interface ScreenSize {
  columns: number;
  rows: number;
}

export interface Layout {
  /** Lines in one frame (terminal rows − 1). */
  frameRows: number;
  /** Event rows visible in the stream (not counting its header line). */
  streamRows: number;
  /** Content lines of the detail pane (0 when closed). */
  detailRows: number;
  tooSmall: boolean;
}

/** Column header, filter line and status bar. */
const CHROME_ROWS = 3;
const MIN_COLUMNS = 40;
const MIN_ROWS = 10;

export function layoutFor(size: ScreenSize, detailOpen: boolean): Layout {
  const frameRows = Math.max(1, size.rows - 1);
  const tooSmall = size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
  const body = Math.max(1, frameRows - CHROME_ROWS);
  if (!detailOpen) return { frameRows, streamRows: body, detailRows: 0, tooSmall };
  // The stream keeps about a third so the analyst still sees the neighbours of the event.
  const streamRows = Math.max(3, Math.floor(body * 0.35));
  const detailRows = Math.max(1, body - streamRows - 1);
  return { frameRows, streamRows, detailRows, tooSmall };
}

/**
 * Columns a pane draws in: one short of the edge (a line that fills the last column makes some
 * terminals wrap early). The App draws at this width; the detail pane wraps to it.
 */
export function detailWidth(size: ScreenSize): number {
  return Math.max(1, size.columns - 1);
}

/**
 * Lines of a guided-mode page on screen: the body less its breadcrumb and the line that says
 * there is more above or below.
 */
export function guideRoom(size: ScreenSize): number {
  return Math.max(1, layoutFor(size, false).streamRows + 1 - 1 - 1);
}

/** Lines the findings screen keeps under its list for the selected finding. */
export const FINDING_DETAIL_ROWS = 8;

/** Lines of the list on a profile or findings screen (below its breadcrumb line). */
export function listRows(size: ScreenSize, screen: 'profile' | 'findings'): number {
  const body = layoutFor(size, false).streamRows;
  return screen === 'findings' && body >= 2 * FINDING_DETAIL_ROWS
    ? body - FINDING_DETAIL_ROWS
    : body;
}
