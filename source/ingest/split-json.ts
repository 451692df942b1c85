/**
 * Finds the top-level JSON values in a text that holds several of them back to back: JSON lines,
 * or pretty-printed documents concatenated (`aws cloudtrail lookup-events` run page by page).
 * Returns [start, end) offsets; a trailing value that never closes is returned with `complete: false`.
 */
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  isJsonSpace,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './json-codes.js';

export interface JsonSpan {
  start: number;
  end: number;
  complete: boolean;
}

export function splitJsonValues(text: string): JsonSpan[] {
  const spans: JsonSpan[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (start < 0) {
      if (isJsonSpace(code)) continue;
      start = i;
    }
    if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
    // A scalar at top level (a stray word) ends at the next whitespace.
    const scalarEnds =
      depth === 0 && (i + 1 === text.length || isJsonSpace(text.charCodeAt(i + 1)));
    if (depth <= 0 && (code === CLOSE_BRACE || code === CLOSE_BRACKET || scalarEnds)) {
      spans.push({ start, end: i + 1, complete: depth === 0 });
      depth = 0;
      start = -1;
    }
  }
  if (start >= 0) spans.push({ start, end: text.length, complete: false });
  return spans;
}
