import { cellText, type Block, type ReportDocument } from './document.js';
import type { ReportInput } from './input.js';
import { markdownText } from './markdown-escape.js';
import { reportDocument } from './report-document.js';
import { reportModel } from './report-model.js';

/** A GFM pipe table; every cell is escaped, so a `|` in a value never starts a new cell. */
function table(item: Extract<Block, { kind: 'table' }>): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(item.columns.map((column) => markdownText(column))),
    line(item.columns.map(() => '---')),
    ...item.rows.map((row) => line(row.map((cell) => markdownText(cellText(cell))))),
  ];
}

function block(item: Block): string[] {
  switch (item.kind) {
    case 'heading':
      return [`${'#'.repeat(item.level)} ${markdownText(item.text)}`];
    case 'paragraph':
      return [markdownText(item.text, true)];
    case 'facts':
      return item.items.map(
        (fact) => `- **${markdownText(fact.label)}:** ${markdownText(fact.value)}`,
      );
    case 'list':
      return item.items.map((text) => `- ${markdownText(text)}`);
    case 'table':
      return table(item);
  }
}

/** GitHub-flavoured Markdown: headings, bullet lists and pipe tables only, no raw HTML. */
export function markdownFromDocument(document: ReportDocument): string {
  const parts = [
    `# ${markdownText(document.title)}`,
    markdownText(document.subtitle, true),
    ...document.blocks.map((item) => block(item).join('\n')),
  ];
  return `${parts.join('\n\n')}\n`;
}

export function renderMarkdown(input: ReportInput): string {
  return markdownFromDocument(reportDocument(reportModel(input)));
}
