import {
  cellText,
  type Block,
  type CellValue,
  type ReportDocument,
  type Tone,
} from './document.js';
import { htmlText } from './html-escape.js';
import { HTML_STYLE } from './html-style.js';
import type { ReportInput } from './input.js';
import { reportDocument } from './report-document.js';
import { reportModel } from './report-model.js';

const TONES: ReadonlySet<Tone> = new Set([
  'info',
  'low',
  'medium',
  'high',
  'critical',
  'good',
  'muted',
]);

/**
 * Blocks nothing the page does not need: it has no scripts, fetches nothing and submits
 * nothing, so even a value that somehow escaped its escaping could not run or phone home.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

function cell(tag: 'td' | 'th', value: CellValue): string {
  const tone = typeof value === 'string' ? undefined : value.tone;
  // Class names come from the fixed tone list, never from a value.
  const attribute = tone !== undefined && TONES.has(tone) ? ` class="tone-${tone}"` : '';
  return `<${tag}${attribute}>${htmlText(cellText(value))}</${tag}>`;
}

function block(item: Block): string {
  switch (item.kind) {
    case 'heading':
      return `<h${item.level}>${htmlText(item.text)}</h${item.level}>`;
    case 'paragraph':
      return `<p>${htmlText(item.text)}</p>`;
    case 'facts':
      return `<dl>\n${item.items
        .map((fact) => `<dt>${htmlText(fact.label)}</dt><dd>${htmlText(fact.value)}</dd>`)
        .join('\n')}\n</dl>`;
    case 'list':
      return `<ul>\n${item.items.map((text) => `<li>${htmlText(text)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return [
        '<div class="table"><table>',
        `<thead><tr>${item.columns.map((column) => cell('th', column)).join('')}</tr></thead>`,
        '<tbody>',
        ...item.rows.map((row) => `<tr>${row.map((value) => cell('td', value)).join('')}</tr>`),
        '</tbody></table></div>',
      ].join('\n');
  }
}

/** Each level-2 heading opens a section that runs to the next one. */
function sections(blocks: Block[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const item of blocks) {
    if (item.kind === 'heading' && item.level === 2) {
      if (open) out.push('</section>');
      out.push('<section>');
      open = true;
    }
    out.push(block(item));
  }
  if (open) out.push('</section>');
  return out;
}

/** One self-contained page: inline CSS, no scripts, no external resources, no links. */
export function htmlFromDocument(document: ReportDocument): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(document.title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${htmlText(document.title)}</h1>`,
    `<p class="subtitle">${htmlText(document.subtitle)}</p>`,
    '</header>',
    '<main>',
    ...sections(document.blocks),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function renderHtml(input: ReportInput): string {
  return htmlFromDocument(reportDocument(reportModel(input), false));
}
