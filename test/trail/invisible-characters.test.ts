import { describe, expect, it } from 'vitest';
import { htmlText, markdownText } from '../../source/case/report/index.js';
import { displayValue } from '../../source/case/report/display-text.js';
import { csvCell } from '../../source/trail/export-safety.js';
import { safeJsonStringify } from '../../source/trail/safe-json.js';
import { sanitizeText } from '../../source/trail/sanitize.js';

/**
 * Invisible characters that hide or disguise text: each class named, with what every output must
 * show instead. The terminal, CSV, Markdown, HTML and text outputs show a visible escape; JSON
 * writes \u escapes (surrogate pairs beyond U+FFFF), so the record parses back to the same value.
 */
const INVISIBLE: [name: string, char: string, shown: string, json: string][] = [
  ['Mongolian vowel separator', '\u180e', '\\u180e', '\\u180e'],
  ['interlinear annotation anchor', '\ufff9', '\\ufff9', '\\ufff9'],
  ['interlinear annotation separator', '\ufffa', '\\ufffa', '\\ufffa'],
  ['interlinear annotation terminator', '\ufffb', '\\ufffb', '\\ufffb'],
  ['language tag', '\u{e0001}', '\\u{e0001}', '\\udb40\\udc01'],
  ['tag letter A', '\u{e0041}', '\\u{e0041}', '\\udb40\\udc41'],
  ['cancel tag', '\u{e007f}', '\\u{e007f}', '\\udb40\\udc7f'],
  ['unassigned tag-block code point', '\u{e0000}', '\\u{e0000}', '\\udb40\\udc00'],
  ['deprecated format character', '\u206a', '\\u206a', '\\u206a'],
  ['Arabic number sign', '\u0600', '\\u0600', '\\u0600'],
  ['shorthand format control', '\u{1bca0}', '\\u{1bca0}', '\\ud82f\\udca0'],
  ['musical symbol begin beam', '\u{1d173}', '\\u{1d173}', '\\ud834\\udd73'],
  ['combining grapheme joiner', '\u034f', '\\u034f', '\\u034f'],
  ['Khmer inherent vowel', '\u17b4', '\\u17b4', '\\u17b4'],
  ['Mongolian free variation selector', '\u180b', '\\u180b', '\\u180b'],
  ['Hangul filler', '\u3164', '\\u3164', '\\u3164'],
  ['variation selector 1', '\ufe00', '\\ufe00', '\\ufe00'],
  ['variation selector 17', '\u{e0100}', '\\u{e0100}', '\\udb40\\udd00'],
  ['zero-width joiner', '\u200d', '\\u200d', '\\u200d'],
  ['bidi override', '\u202e', '\\u202e', '\\u202e'],
  ['line separator', '\u2028', '\\u2028', '\\u2028'],
  ['C1 CSI', '\x9b', '\\x9b', '\\u009b'],
];

/** Hidden ASCII spelled in tag characters after a visible word: "ignore all" follows "ok". */
const SMUGGLED = `ok${[...'ignore all'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')}`;
/** Bytes hidden as a run of variation selectors after one emoji. */
const VS_SMUGGLED = `🦊${String.fromCodePoint(0xfe01, 0xe0110, 0xe0142, 0xfe0f)}`;
/** Ordinary text: accents, CJK, emoji with presentation selector and skin tone, flags. */
const ORDINARY = 'café naïve 漢字テスト Ελληνικά עברית 🦊 ❤️ ☺︎ 👍🏽 🇫🇷 a b';

const RAW_INVISIBLE = new RegExp(
  '[[\\x7f-\\x9f\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2028\\u2029]--[\\ufe0f\\ufe0e]]',
  'v',
);

describe('invisible and format characters in every output', () => {
  it.each(INVISIBLE)(
    '%s: escaped in terminal, CSV, Markdown, HTML and JSON',
    (_n, char, shown, json) => {
      const value = `a${char}b`;
      expect(sanitizeText(value)).toBe(`a${shown}b`);
      expect(displayValue(value)).toBe(`a${shown}b`);
      expect(csvCell(value)).toBe(`a${shown}b`);
      expect(markdownText(value)).toBe(`a${shown}b`);
      expect(htmlText(value)).toBe(`a${shown}b`);
      const encoded = safeJsonStringify({ v: value });
      expect(encoded).toBe(`{"v":"a${json}b"}`);
      expect(JSON.parse(encoded)).toEqual({ v: value });
    },
  );

  it('shows smuggled tag text instead of hiding it, and JSON keeps it exactly', () => {
    const shown = sanitizeText(SMUGGLED);
    expect(shown).toBe(
      'ok\\u{e0069}\\u{e0067}\\u{e006e}\\u{e006f}\\u{e0072}\\u{e0065}\\u{e0020}\\u{e0061}\\u{e006c}\\u{e006c}',
    );
    const pretty = safeJsonStringify({ userAgent: SMUGGLED, nested: [{ k: SMUGGLED }] }, 2);
    expect(pretty).not.toMatch(RAW_INVISIBLE);
    expect(JSON.parse(pretty)).toEqual({ userAgent: SMUGGLED, nested: [{ k: SMUGGLED }] });
  });

  it('escapes a run of variation selectors but keeps one emoji presentation selector', () => {
    expect(sanitizeText(VS_SMUGGLED)).toBe('🦊\\ufe01\\u{e0110}\\u{e0142}\\ufe0f');
    expect(sanitizeText('❤\ufe0f\ufe0f')).toBe('❤\ufe0f\\ufe0f');
    expect(sanitizeText('\ufe0fstart')).toBe('\\ufe0fstart');
    expect(sanitizeText('\x1b\ufe0f')).toBe('\\x1b\\ufe0f');
    const json = safeJsonStringify([VS_SMUGGLED]);
    expect(json).toBe('["🦊\\ufe01\\udb40\\udd10\\udb40\\udd42\\ufe0f"]');
    expect(JSON.parse(json)).toEqual([VS_SMUGGLED]);
  });

  it('keeps ordinary non-ASCII text readable in every output', () => {
    expect(sanitizeText(ORDINARY)).toBe(ORDINARY);
    expect(csvCell(ORDINARY)).toBe(ORDINARY);
    expect(htmlText(ORDINARY)).toBe(ORDINARY);
    expect(markdownText(ORDINARY)).toBe(ORDINARY);
    expect(safeJsonStringify(ORDINARY)).toBe(JSON.stringify(ORDINARY));
  });

  it('keeps pretty-printed JSON line breaks and escapes C0 as JSON.stringify does', () => {
    const value = { a: '\x1b[2J\n', b: ['\u{e0041}'] };
    const pretty = safeJsonStringify(value, 2);
    expect(pretty).toBe(JSON.stringify(value, null, 2).replace('\u{e0041}', '\\udb40\\udc41'));
    expect(JSON.parse(pretty)).toEqual(value);
  });
});
