import { safeJsonStringify } from '../../trail/safe-json.js';
import type { ReportInput } from './input.js';
import { reportModel } from './report-model.js';

/**
 * The report model as JSON. Values are kept exactly as logged (this is the copy to feed other
 * tools); the characters JSON.stringify lets through raw (DEL, C1, bidi, invisible format
 * characters) are written as \u escapes so that `cat report.json` cannot drive the terminal.
 */
export function renderJson(input: ReportInput): string {
  return `${safeJsonStringify(reportModel(input), 2)}\n`;
}
