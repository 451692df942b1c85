import type { CaseFile } from '../case/index.js';
import type { DetailLine } from '../trail/detail-lines.js';
import { sanitizeText } from '../trail/sanitize.js';
import { wrapLine } from './wrap-line.js';

/** One drawn line of the detail pane. */
export interface DetailRow {
  kind: DetailLine['kind'];
  text: string;
}

/**
 * The detail pane as drawn at `width`: the analyst's note and pin first (what they decided about
 * this event), then the record's lines, each wrapped, never cut: the record is the evidence, and
 * a user agent or a `LoginTo` URL must be read whole. The store scrolls by these same rows.
 */
export function detailRows(
  lines: readonly DetailLine[],
  eventId: string,
  caseFile: CaseFile | undefined,
  width: number,
): DetailRow[] {
  const rows: DetailRow[] = [];
  const note = eventId ? caseFile?.eventNotes[eventId] : undefined;
  const pinned = eventId ? caseFile?.pinned.some((pin) => pin.eventId === eventId) : false;
  if (note || pinned) {
    rows.push({ kind: 'heading', text: 'In the case' });
    if (pinned) rows.push({ kind: 'field', text: 'pinned as evidence (p unpins)' });
    if (note)
      for (const text of wrapLine(sanitizeText(`note: ${note}`), width))
        rows.push({ kind: 'field', text });
  }
  for (const line of lines) {
    if (line.kind === 'heading') rows.push(line);
    else for (const text of wrapLine(line.text, width)) rows.push({ kind: line.kind, text });
  }
  return rows;
}
