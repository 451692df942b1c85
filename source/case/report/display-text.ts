import { sanitizeText } from '../../trail/sanitize.js';

/** A value longer than this is cut on the page; the JSON report keeps it whole. */
export const DISPLAY_LIMIT = 1000;

/**
 * A value as either document shows it, before format-specific escaping: control, bidi and
 * invisible characters made visible (`\x1b`, `\n`, `\u202e`), so a value cannot break a line,
 * hide text or reorder it; and a hostile megabyte-long user agent cut to a readable length.
 */
export function displayValue(value: string): string {
  const text = sanitizeText(value);
  if (text.length <= DISPLAY_LIMIT) return text;
  // Never cut between the halves of a surrogate pair: a lone half is malformed text.
  const high = text.charCodeAt(DISPLAY_LIMIT - 1);
  const cut = high >= 0xd800 && high <= 0xdbff ? DISPLAY_LIMIT - 1 : DISPLAY_LIMIT;
  return `${text.slice(0, cut)}… (${text.length - cut} more characters in the JSON report)`;
}
