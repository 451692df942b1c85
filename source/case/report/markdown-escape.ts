/**
 * Turning attacker-controlled text into Markdown that shows the text and nothing else, while
 * ordinary prose (`Threat Intelligence.docx`, `ATT&CK`, `(UTC)`) stays as it is.
 *
 * Two kinds of danger, two measures:
 *
 * 1. Syntax, resolved when the Markdown is parsed. Only what can open a construct where it
 *    stands is escaped, with a backslash (CommonMark and GFM read `\x` as "x, literally" for any
 *    ASCII punctuation; GFM tables honour `\|` before splitting cells):
 *    - always: `` ` `` (code spans and fences), `*` and `~` (emphasis, strikethrough), `[` `]`
 *      (links, images, footnotes), `|` (table cells), `$` (math);
 *    - `_` unless it sits between two letters or digits (`snake_case` cannot open emphasis);
 *    - `(` right after `]`, so even a reader that ignores the escape finds no `](` link target;
 *    - `\` before punctuation or at the end (where it would escape our own text or break the line);
 *    - `<` before a letter, `/`, `!` or `?` (a tag, comment or autolink) and `&` that would form an
 *      entity (`&amp;`, `&#38;`), as entity references, so the file holds no `<tag` at all;
 *    - a `.` before a top-level domain (two letters, or com, net, org…): markdown-it's linkify (VS
 *      Code's preview) links bare domains such as `evil.com`, and an escaped dot splits them;
 *    - at the start of a line only (paragraphs; a table cell, fact or list item never starts one):
 *      `#`, `>`, `-`, `+`, `=`, digits then `.` or `)`, and leading spaces (indented code).
 *    A value cannot contain a line break (see below), so nothing else can start a block.
 *
 * 2. Linking done after parsing, on the rendered text, where escapes are already gone: GitHub
 *    links `https://…`, `www.…` and `user@host` in rendered files, and turns `@name` into a
 *    mention. These are broken with an invisible U+2060 WORD JOINER after the scheme's colon,
 *    inside `www.` and after `@`. The page still reads exactly as the log does; a copied URL no
 *    longer resolves, which is how defanged indicators are meant to behave. The JSON report
 *    keeps every value untouched for copying.
 *
 * Before both, displayValue turns control, C1, ESC and bidi characters into visible escapes, so
 * no value can break a line, hide text or reorder it.
 */
import { displayValue } from './display-text.js';

const WORD_JOINER = '\u2060';

const ALWAYS = new Set(['`', '*', '~', '[', ']', '|', '$']);
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;
/** linkify-it's fuzzy links need a known top-level domain: every two-letter one, and these. */
const DOMAIN_DOT =
  /^\.(?:[a-z]{2}|com|net|org|edu|gov|mil|int|biz|info|name|pro|aero|asia|coop|museum|shop|xxx|web)(?![a-z0-9-])/i;
const ENTITY = /^&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Breaks what GitHub would link or mention after rendering (measure 2 above). */
function breakLinks(text: string): string {
  return text
    .replace(/:(?=\/\/)/g, `:${WORD_JOINER}`)
    .replace(/(www)(?=\.)/gi, `$1${WORD_JOINER}`)
    .replace(/@(?=\S)/g, `@${WORD_JOINER}`);
}

/** Escapes what a Markdown parser would read as inline syntax (measure 1 above). */
function escapeInline(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const before = text[index - 1] ?? '';
    const after = text[index + 1] ?? '';
    const rest = text.slice(index, index + 40);
    if (ALWAYS.has(char)) out += `\\${char}`;
    else if (char === '_') out += WORD.test(before) && WORD.test(after) ? '_' : '\\_';
    else if (char === '(') out += before === ']' ? '\\(' : '(';
    else if (char === '\\') out += after === '' || PUNCTUATION.test(after) ? '\\\\' : '\\';
    else if (char === '<') out += /[A-Za-z/!?]/.test(after) ? '&lt;' : '<';
    else if (char === '&') out += ENTITY.test(rest) ? '&amp;' : '&';
    else if (char === '.') out += DOMAIN_DOT.test(text.slice(index, index + 9)) ? '\\.' : '.';
    else out += char;
  }
  return out;
}

/** Escapes what would start a block when the text begins a line. */
function escapeLineStart(text: string): string {
  const trimmed = text.replace(/^[ \t]+/, '');
  const ordered = /^(\d{1,9})([.)])/.exec(trimmed);
  if (ordered) return `${ordered[1]}\\${trimmed.slice(ordered[1]!.length)}`;
  return /^[#>\-+=]/.test(trimmed) ? `\\${trimmed}` : trimmed;
}

/**
 * Any value as inline Markdown text that renders as exactly that text. `lineStart` when the
 * text begins a line of the document (a paragraph), where block syntax counts too.
 */
export function markdownText(value: string, lineStart = false): string {
  const inline = escapeInline(breakLinks(displayValue(value)));
  return lineStart ? escapeLineStart(inline) : inline;
}
