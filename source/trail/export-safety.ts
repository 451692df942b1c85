/**
 * CSV exports are opened in spreadsheets, which evaluate cells that look like formulas
 * (`=HYPERLINK(...)`, `=cmd|...` DDE), and in terminals (`cat`, `less -R`), which interpret
 * escape sequences. CloudTrail values are attacker-controlled, so every cell goes through here.
 */
import { sanitizeText } from './sanitize.js';

/**
 * OWASP "CSV Injection": a cell starting with = + - @, tab or carriage return may be read as a
 * formula. Spreadsheets skip leading whitespace before deciding, so the trigger is also checked
 * after it. Checked on the raw value (before tabs and CRs become visible escapes) and on the
 * sanitized one (what the spreadsheet actually reads).
 */
const FORMULA_TRIGGER = /^\s*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field. Control, C1, bidi and invisible characters are escaped as in the terminal view,
 * so no raw ESC lands in the file and every record stays on one line; a formula-looking value gets
 * a leading `'` (shown as text, not evaluated); then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  const text = sanitizeText(value);
  const formula = FORMULA_TRIGGER.test(value) || FORMULA_TRIGGER.test(text);
  const guarded = formula ? `'${text}` : text;
  // After sanitizing only `"` and `,` can trigger this; CR/LF are kept for safety if the
  // sanitizer ever lets line breaks through.
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One CSV record, without the line terminator so the caller picks CRLF or LF. */
export function csvRow(values: readonly string[]): string {
  return values.map(csvCell).join(',');
}
