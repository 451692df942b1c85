/**
 * The report as plain text for `less` on a jump host: no markup at all, every line at most
 * WIDTH columns, every value sanitized (control, bidi and invisible characters shown as visible
 * escapes, so nothing in a log can drive the terminal). A table that fits is drawn as aligned
 * columns; a wider one as one aligned record per row.
 */
import { displayWidth } from '../../trail/sanitize.js';
import { displayValue } from './display-text.js';
import { cellText, type Block, type ReportDocument } from './document.js';
import type { ReportInput } from './input.js';
import { reportDocument } from './report-document.js';
import { reportModel } from './report-model.js';

export const TEXT_WIDTH = 80;
/** A column is never narrower than its longest word, up to this: longer words are cut. */
const WORD_MIN = 20;
/** Tables with more columns than this read better as records on 80 columns. */
const ALIGNED_COLUMNS_MAX = 5;
const graphemes = new Intl.Segmenter();

/** A long word cut into pieces of at most `width` columns, never inside a grapheme. */
function split(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const { segment } of graphemes.segment(word)) {
    if (piece !== '' && displayWidth(piece + segment) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += segment;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/** Text wrapped at spaces into lines of at most `width` columns (words longer than that cut). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((part) => part !== '')) {
    for (const piece of displayWidth(word) > width ? split(word, width) : [word]) {
      const next = line === '' ? piece : `${line} ${piece}`;
      if (displayWidth(next) <= width) line = next;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  lines.push(line);
  return lines;
}

/** `first` before the first line, `rest` before the others (a hanging indent). */
function indented(text: string, first: string, rest: string): string[] {
  const width = TEXT_WIDTH - Math.max(displayWidth(first), displayWidth(rest));
  return wrap(text, width).map((line, index) => `${index === 0 ? first : rest}${line}`.trimEnd());
}

function padded(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Label-value lines with the values in one column, wrapped under themselves. */
function record(pairs: [string, string][], lead: string): string[] {
  const labelWidth = Math.max(...pairs.map(([label]) => displayWidth(label))) + 2;
  const indent = ' '.repeat(lead.length + labelWidth);
  return pairs.flatMap(([label, value]) =>
    indented(value, `${lead}${padded(`${label}:`, labelWidth)}`, indent),
  );
}

/**
 * Column widths that fit TEXT_WIDTH, the widest columns narrowed first (their cells wrap), none
 * below what its longest word (up to WORD_MIN) needs; undefined when even that does not fit.
 */
function fitColumns(widths: number[], columns: string[], rows: string[][]): number[] | undefined {
  const room = TEXT_WIDTH - 2 * (widths.length - 1);
  if (widths.length > ALIGNED_COLUMNS_MAX) return undefined;
  // A short cell (a time, a name) is never broken; a long one may wrap down to its longest word.
  const floors = widths.map((width, index) =>
    Math.max(
      ...[columns[index]!, ...rows.map((row) => row[index] ?? '')].map((cell) => {
        const whole = displayWidth(cell);
        if (whole <= WORD_MIN) return whole;
        return Math.min(WORD_MIN, Math.max(...cell.split(' ').map((word) => displayWidth(word))));
      }),
    ),
  );
  const sum = (cap: number) =>
    widths.reduce(
      (total, width, index) => total + Math.min(width, Math.max(floors[index]!, cap)),
      0,
    );
  if (sum(0) > room) return undefined;
  let cap = Math.max(...widths);
  while (cap > 0 && sum(cap) > room) cap--;
  return widths.map((width, index) => Math.min(width, Math.max(floors[index]!, cap)));
}

function table(item: Extract<Block, { kind: 'table' }>): string[] {
  const columns = item.columns.map(displayValue);
  const rows = item.rows.map((row) => row.map((cell) => displayValue(cellText(cell))));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column), ...rows.map((row) => displayWidth(row[index] ?? ''))),
  );
  const fitted = fitColumns(widths, columns, rows);
  if (fitted) {
    const line = (cells: string[]) => {
      const wrapped = cells.map((cell, index) => wrap(cell, fitted[index]!));
      const height = Math.max(...wrapped.map((piece) => piece.length));
      return Array.from({ length: height }, (_, at) =>
        wrapped
          .map((piece, index) => padded(piece[at] ?? '', fitted[index]!))
          .join('  ')
          .trimEnd(),
      );
    };
    return [
      ...line(columns),
      line(fitted.map((width) => '-'.repeat(width)))[0]!,
      ...rows.flatMap(line),
    ];
  }
  // Too wide for the terminal: each row as a record, its first cell as the record's title.
  return rows.flatMap((row, index) => [
    ...(index > 0 ? [''] : []),
    ...indented(row[0] ?? '', '', '  '),
    ...record(
      columns.slice(1).map((column, at) => [column, row[at + 1] ?? ''] as [string, string]),
      '  ',
    ),
  ]);
}

function block(item: Block): string[] {
  switch (item.kind) {
    case 'heading':
      // Sections are underlined; the headings inside them stand on their own line.
      return item.level === 2
        ? underlined(displayValue(item.text.toUpperCase()), '-')
        : wrap(displayValue(item.text), TEXT_WIDTH);
    case 'paragraph':
      return wrap(displayValue(item.text), TEXT_WIDTH);
    case 'facts':
      return record(
        item.items.map((fact) => [displayValue(fact.label), displayValue(fact.value)]),
        '',
      );
    case 'list':
      return item.items.flatMap((text) => indented(displayValue(text), '  * ', '    '));
    case 'table':
      return table(item);
  }
}

function underlined(text: string, rule: string): string[] {
  const lines = wrap(text, TEXT_WIDTH);
  return [...lines, rule.repeat(Math.max(...lines.map((line) => displayWidth(line))))];
}

export function textFromDocument(document: ReportDocument): string {
  const parts = [
    underlined(displayValue(document.title), '='),
    wrap(displayValue(document.subtitle), TEXT_WIDTH),
    ...document.blocks.map(block),
  ];
  return `${parts.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

export function renderText(input: ReportInput): string {
  return textFromDocument(reportDocument(reportModel(input)));
}
