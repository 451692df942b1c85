import type { ReportInput } from './input.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

const RENDERERS = {
  md: renderMarkdown,
  txt: renderText,
  html: renderHtml,
  json: renderJson,
} as const;

export type ReportFormat = keyof typeof RENDERERS;
export const REPORT_FORMATS = Object.keys(RENDERERS) as ReportFormat[];

export function renderReport(format: ReportFormat, input: ReportInput): string {
  return RENDERERS[format](input);
}

/**
 * The format a path asks for by its extension (`.txt`, `.html`/`.htm`, `.json`); Markdown for
 * `.md` and anything else, the report's usual form.
 */
export function reportFormatOf(path: string): ReportFormat {
  const extension = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (extension === 'htm') return 'html';
  return (REPORT_FORMATS as string[]).includes(extension) ? (extension as ReportFormat) : 'md';
}
