import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  fitWidth,
  sanitizeMultiline,
  sanitizeText,
} from '../../source/trail/sanitize.js';

// Anything a terminal could interpret or that reorders/hides text; none may survive sanitizing.
const RAW_UNSAFE =
  /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]/;

describe('sanitizeText', () => {
  it.each([
    ['OSC title change', '\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
    ['CSI clear screen', '\x1b[2J', '\\x1b[2J'],
    ['8-bit CSI', '\x9b31m', '\\x9b31m'],
    ['DCS', '\x1bPq#0\x1b\\', '\\x1bPq#0\\x1b\\'],
    ['bidi override', 'user\u202etxt.exe', 'user\\u202etxt.exe'],
    [
      'bidi isolate and marks',
      '\u2066a\u2069\u200e\u200f\u061c',
      '\\u2066a\\u2069\\u200e\\u200f\\u061c',
    ],
    ['NUL', 'a\x00b', 'a\\x00b'],
    ['DEL', 'a\x7fb', 'a\\x7fb'],
    ['zero-width space', 'ad\u200bmin', 'ad\\u200bmin'],
    [
      'zero-width joiners, word joiner, BOM, soft hyphen',
      '\u200c\u200d\u2060\ufeff\u00ad',
      '\\u200c\\u200d\\u2060\\ufeff\\xad',
    ],
    ['line breaks and tab', 'a\nb\r\nc\td', 'a\\nb\\r\\nc\\td'],
    ['line/paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['lone high surrogate', 'x\ud800y', 'x\\ud800y'],
    ['lone low surrogate', '\udc00', '\\udc00'],
    ['tag characters', 'a\u{e0041}', 'a\\u{e0041}'],
    ['Hangul filler', 'a\u3164b', 'a\\u3164b'],
  ])('escapes %s', (_name, input, expected) => {
    const output = sanitizeText(input);
    expect(output).toBe(expected);
    expect(output).not.toMatch(RAW_UNSAFE);
  });

  it('defuses a combined attack string', () => {
    const attack = '\x1b]0;pwned\x07\x1b[2J\x9b31mroot\u202egnp.exe\x00\x7f\u200b';
    const output = sanitizeText(attack);
    expect(output).not.toMatch(RAW_UNSAFE);
    expect(output).toContain('\\x1b]0;pwned\\x07');
    expect(output).toContain('\\x1b[2J');
    expect(output).toContain('\\x9b31m');
    expect(output).toContain('\\u202e');
    expect(output).toContain('\\x00\\x7f\\u200b');
    expect(output.split('\n')).toHaveLength(1);
  });

  it('returns clean input unchanged', () => {
    const plain = 'arn:aws:iam::123456789012:user/alice ConsoleLogin {"a": [1, 2]} ~!@#$%^&*()';
    expect(sanitizeText(plain)).toBe(plain);
    expect(sanitizeText('')).toBe('');
  });

  it('keeps printable non-ASCII, valid surrogate pairs and backslashes as they are', () => {
    const text = '漢字テスト 🦊 café C:\\Windows\\system32 \\x1b';
    expect(sanitizeText(text)).toBe(text);
  });

  it('is stable when called repeatedly (no state leaks between calls)', () => {
    for (let i = 0; i < 3; i++) {
      expect(sanitizeText('a\x1bb')).toBe('a\\x1bb');
      expect(sanitizeText('clean')).toBe('clean');
    }
  });
});

describe('sanitizeMultiline', () => {
  it('splits on LF and CRLF, turns tabs into two spaces and escapes the rest', () => {
    const lines = sanitizeMultiline('{\r\n\t"a": "\x1b[31m",\n\t"b": "x\ry\u202e"\n}');
    expect(lines).toEqual(['{', '  "a": "\\x1b[31m",', '  "b": "x\\ry\\u202e"', '}']);
    for (const line of lines) expect(line).not.toMatch(RAW_UNSAFE);
  });

  it('returns one empty line for an empty string', () => {
    expect(sanitizeMultiline('')).toEqual(['']);
  });
});

describe('displayWidth', () => {
  it('counts terminal columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('漢字')).toBe(4);
    expect(displayWidth('🦊')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});

describe('fitWidth', () => {
  it('pads and truncates plain ASCII', () => {
    expect(fitWidth('abc', 6)).toBe('abc   ');
    expect(fitWidth('abc', 6, 'right')).toBe('   abc');
    expect(fitWidth('abcdef', 6)).toBe('abcdef');
    expect(fitWidth('abcdefgh', 6)).toBe('abcde…');
    expect(fitWidth('abcdefgh', 6, 'right')).toBe('abcde…');
    expect(fitWidth('abc', 1)).toBe('…');
    expect(fitWidth('abc', 0)).toBe('');
    expect(fitWidth('abc', -3)).toBe('');
  });

  it('pads wide text by columns, not code units', () => {
    expect(fitWidth('漢字', 6)).toBe('漢字  ');
    expect(fitWidth('漢字', 6, 'right')).toBe('  漢字');
  });

  it('replaces a wide character straddling the edge with a space', () => {
    // '漢字テスト' is 10 columns; 6 leaves 5 for text: two wide chars (4) + space + ellipsis.
    expect(fitWidth('漢字テスト', 6)).toBe('漢字 …');
    expect(fitWidth('漢字テスト', 7)).toBe('漢字テ…');
    expect(fitWidth('漢字テスト', 2)).toBe(' …');
  });

  it('keeps emoji clusters and combining marks whole', () => {
    const family = '👨‍👩‍👧';
    expect(fitWidth(`${family}${family}x`, 4)).toBe(`${family} …`);
    expect(fitWidth('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
    expect(fitWidth('e\u0301', 3)).toBe('e\u0301  ');
  });

  it.each([
    '漢字テスト',
    'a漢b字cテdスeト',
    '🦊🐺🦝 fox wolf raccoon',
    '🇯🇵 flag and 👍🏽 tone',
    'e\u0301\u0302x\u0308y\u0323z',
    'plain ascii text that is long',
    '',
  ])('gives exactly the requested width for %j', (text) => {
    for (let width = 0; width <= 24; width++) {
      for (const align of ['left', 'right'] as const) {
        const fitted = fitWidth(text, width, align);
        expect(stringWidth(fitted)).toBe(width);
        if (stringWidth(text) > width && width > 0) expect(fitted.endsWith('…')).toBe(true);
      }
    }
  });
});
