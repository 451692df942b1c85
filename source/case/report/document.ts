/**
 * A report laid out once, as plain blocks of plain text, then written as Markdown or HTML. Every
 * string in a block is text, never markup: the writers escape all of it the same way, so no
 * section can forget to, and both formats say exactly the same things.
 */

/** Colours a cell in HTML (a class from a fixed list); Markdown ignores it. */
export type Tone = 'info' | 'low' | 'medium' | 'high' | 'critical' | 'good' | 'muted';

export interface Cell {
  text: string;
  tone?: Tone;
}

export type CellValue = string | Cell;

export interface Fact {
  label: string;
  value: string;
}

export type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label: value lines (Markdown: a bullet list with bold labels; HTML: a definition list). */
  | { kind: 'facts'; items: Fact[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: string[]; rows: CellValue[][] };

export interface ReportDocument {
  title: string;
  /** One short line under the title: case id, when generated. */
  subtitle: string;
  blocks: Block[];
}

export function cellText(cell: CellValue): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** A table, or a sentence saying there is nothing to show (an empty table renders badly). */
export function tableOr(columns: string[], rows: CellValue[][], empty: string): Block {
  return rows.length > 0 ? { kind: 'table', columns, rows } : { kind: 'paragraph', text: empty };
}

/** What a cell shows for an absent value, so an empty cell is never mistaken for a rendering fault. */
export const NONE = '—';

export function orNone(text: string | undefined): string {
  return text === undefined || text === '' ? NONE : text;
}
