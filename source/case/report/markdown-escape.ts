/**
 * Turning attacker-controlled text into Markdown that shows the text and nothing else.
 *
 * Two kinds of danger, two measures:
 *
 * 1. Syntax, resolved when the Markdown is parsed: emphasis, links, images, raw HTML, code
 *    spans and fences, table cell breaks, math, footnotes. Every character that can open such a
 *    construct is written so the parser reads it as a literal: `&`, `<`, `>` as entity
 *    references (so the file holds no `<tag` at all, even for a reader that ignores escapes), and
 *    `\ ` * _ ~ [ ] ( ) ! | $ #` with a backslash, which CommonMark and GFM define as "this
 *    character, literally" (GFM tables honour `\|` before splitting cells). A `.` followed by a
 *    letter is escaped too: markdown-it's linkify (VS Code's preview) links bare domains such as
 *    `evil.com`, and an escaped dot splits the text it scans. Block syntax (`-`, `+`, `=`, `1.`,
 *    `>` quotes, indented code) only counts at the start of a line; a value never starts a line
 *    (every line starts with `| `, `- ` or our own words) and cannot contain a line break (see 2),
 *    so those stay readable.
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

const BACKSLASHED = new Set(['\\', '`', '*', '_', '~', '[', ']', '(', ')', '!', '|', '$', '#']);
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Breaks what GitHub would link or mention after rendering (measure 2 above). */
function breakLinks(text: string): string {
  return text
    .replace(/:(?=\/\/)/g, `:${WORD_JOINER}`)
    .replace(/(www)(?=\.)/gi, `$1${WORD_JOINER}`)
    .replace(/@(?=\S)/g, `@${WORD_JOINER}`);
}

/** Escapes what a Markdown parser would read as syntax (measure 1 above). */
function escapeSyntax(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const entity = ENTITIES[char];
    if (entity !== undefined) out += entity;
    else if (BACKSLASHED.has(char)) out += `\\${char}`;
    else if (char === '.' && /[A-Za-z]/.test(text[index + 1] ?? '')) out += '\\.';
    else out += char;
  }
  return out;
}

/** Any value, as inline Markdown text that renders as exactly that text. */
export function markdownText(value: string): string {
  return escapeSyntax(breakLinks(displayValue(value)));
}
