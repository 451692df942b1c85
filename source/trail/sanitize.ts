import { presented } from './presenter-mask.js';
/**
 * Every string in a CloudTrail record (user agents, error messages, request parameters, even
 * principal names) is attacker-controlled. Printed raw, it could rewrite the terminal title,
 * clear the screen, move the cursor to forge rows, or reorder text with bidi overrides so an
 * investigator reads something other than what was logged. These helpers turn such characters
 * into visible escapes and keep every cell exactly as wide as the layout expects.
 */
import stringWidth from 'string-width';

/**
 * Characters that must never reach the terminal raw:
 * - C0 controls incl. ESC/BEL/\t/\n/\r, DEL and C1 controls (\x9b is a one-byte CSI on many
 *   terminals). Escaping the introducer is enough to defuse a whole CSI/OSC/DCS sequence: the
 *   rest of it is ordinary printable text.
 * - \p{Cf} (format characters): bidi embeddings/overrides/isolates and marks, zero-width
 *   space/joiners, word joiner, BOM, soft hyphen, invisible math operators, the Mongolian vowel
 *   separator U+180E, interlinear annotation marks U+FFF9-FFFB, tag characters U+E0001-E007F
 *   (which spell hidden ASCII after any character). All are invisible or reorder text, so they
 *   can hide or disguise content.
 * - \p{Default_Ignorable_Code_Point}: what Unicode says renderers show as nothing, whatever its
 *   category: Hangul fillers (letters that render as blank space, a known trick for invisible
 *   text, and counted as zero columns by string-width while terminals may draw them), the
 *   combining grapheme joiner, Khmer inherent vowels, Mongolian free variation selectors, the
 *   unassigned rest of the tag block and the variation selectors.
 * - Variation selectors are the one exception, and only U+FE0E/U+FE0F (text/emoji presentation,
 *   part of ordinary emoji such as ❤️) once right after a visible character: a run of selectors,
 *   or any of the other 254 (U+FE00-FE0D, U+E0100-E01EF), can carry hidden bytes after one
 *   visible character ("emoji smuggling"), so those are escaped.
 * - U+2028/U+2029: line/paragraph separators that some renderers treat as line breaks.
 * - \p{Cs}: lone surrogates (valid pairs are a single code point under the v flag, so only
 *   unpaired halves match); they are malformed UTF-16 and render unpredictably.
 * Printable non-ASCII (accents, CJK, emoji, other scripts' spaces) is shown as it is.
 */
const INVISIBLE =
  '[\\x00-\\x1f\\x7f-\\x9f\\p{Cf}\\p{Cs}\\p{Default_Ignorable_Code_Point}\\u115f\\u1160\\u3164\\uffa0\\u2028\\u2029]';
const PRESENTATION = '[\\ufe0e\\ufe0f]';

/**
 * A regex source (for the v flag) matching every character to escape, minus the characters in
 * `except` (a class such as `[\x00-\x1f]`, for an encoder that escapes those itself). Shared by
 * every output: terminal, CSV, Markdown, HTML, text and JSON.
 */
export function unsafeCharacterPattern(except = '[]'): string {
  return `[${INVISIBLE}--[${PRESENTATION}${except}]]|(?<=^|${INVISIBLE})${PRESENTATION}`;
}

// Non-global copy for the fast-path test: a global regex would carry lastIndex between calls.
const HAS_UNSAFE = new RegExp(unsafeCharacterPattern(), 'v');
const UNSAFE = new RegExp(unsafeCharacterPattern(), 'gv');

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function hex(codePoint: number, digits: number): string {
  return codePoint.toString(16).padStart(digits, '0');
}

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  // A match is one code point (or one lone surrogate), so codePointAt(0) covers it.
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint <= 0xff) return `\\x${hex(codePoint, 2)}`;
  if (codePoint <= 0xffff) return `\\u${hex(codePoint, 4)}`;
  return `\\u{${hex(codePoint, 1)}}`;
}

/**
 * Makes a value safe to print on one terminal line: unsafe characters become visible escapes
 * (`\x1b`, `\n`, `\u202e`, ...). Backslashes are left as they are; the goal is to stop the
 * terminal interpreting the text, not to make the escaping reversible, and doubled backslashes
 * would make Windows paths and JSON harder to read.
 */
export function sanitizeText(value: string): string {
  // Runs for every rendered cell; almost all values are clean, so avoid allocating. Presenter
  // mode masks here too: every string on its way to a screen or an export passes this point.
  if (!HAS_UNSAFE.test(value)) return presented(value);
  return presented(value.replace(UNSAFE, escapeChar));
}

/**
 * For multi-line content such as pretty-printed JSON in a detail pane: real line breaks become
 * separate lines instead of escapes, tabs become two spaces (a tab's width depends on the cursor
 * column, which would break the pane's layout); everything else is escaped as in sanitizeText.
 */
export function sanitizeMultiline(value: string): string[] {
  return value.split(/\r?\n/).map((line) => sanitizeText(line.replaceAll('\t', '  ')));
}

/**
 * Terminal columns taken by a sanitized string. ANSI sequences are counted rather than stripped:
 * we print text literally, so a measurement that ignored part of it would disagree with the
 * screen.
 */
export function displayWidth(value: string): number {
  return stringWidth(value, { countAnsiEscapeCodes: true });
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ELLIPSIS = '…';
// Grapheme clusters, so a base character is never separated from its combining marks and an
// emoji ZWJ/flag sequence is kept or dropped as a whole.
const graphemes = new Intl.Segmenter();

function pad(value: string, spaces: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, spaces));
  return align === 'left' ? value + fill : fill + value;
}

/**
 * Truncates (with '…') and pads a sanitized string so it takes exactly `width` terminal columns,
 * which keeps table columns aligned whatever the script. A wide character that would straddle the
 * truncation edge is replaced by a space, since half of it cannot be drawn.
 */
export function fitWidth(value: string, width: number, align: 'left' | 'right' = 'left'): string {
  const columns = Math.max(0, Math.floor(width));
  if (columns === 0) return '';

  if (PRINTABLE_ASCII.test(value)) {
    if (value.length <= columns)
      return align === 'left' ? value.padEnd(columns) : value.padStart(columns);
    return value.slice(0, columns - 1) + ELLIPSIS;
  }

  const total = displayWidth(value);
  if (total <= columns) return pad(value, columns - total, align);

  // Keep as many whole clusters as fit in the columns left for the ellipsis.
  const budget = columns - 1;
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(value)) {
    const w = displayWidth(segment);
    if (used + w > budget) break;
    kept += segment;
    used += w;
  }
  // A truncated cell is already full, so alignment does not apply; the ellipsis stays last.
  return kept + ' '.repeat(budget - used) + ELLIPSIS;
}

/**
 * Like fitWidth, but a value too long loses its middle, not its end: what tells two user agents
 * or two error codes apart is often at the end (`… Terraform/1.1.2 (+https://…) ec2-user`).
 * `head` is the share of the room kept from the start.
 */
export function fitMiddle(value: string, width: number, head = 0.5): string {
  const columns = Math.max(0, Math.floor(width));
  const total = displayWidth(value);
  if (total <= columns) return fitWidth(value, columns);
  if (columns < 3) return fitWidth(value, columns);
  const clusters = [...graphemes.segment(value)].map(({ segment }) => segment);
  const budget = columns - 1;
  const front = Math.floor(budget * head);
  let start = '';
  let used = 0;
  for (const cluster of clusters) {
    const w = displayWidth(cluster);
    if (used + w > front) break;
    start += cluster;
    used += w;
  }
  let end = '';
  let tail = 0;
  for (let i = clusters.length - 1; i >= 0; i--) {
    const w = displayWidth(clusters[i]!);
    if (used + tail + w > budget) break;
    end = clusters[i]! + end;
    tail += w;
  }
  return start + ' '.repeat(budget - used - tail) + ELLIPSIS + end;
}
