import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../source/trail/export-safety.js';

const RAW_UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

describe('csvCell formula injection', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\\t=1"],
    ['\r=1', "'\\r=1"],
    [' =1', "' =1"],
    ['  @x', "'  @x"],
    ['\n+1', "'\\n+1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])('neutralizes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each(['alice', 'a=b', 'x+1', 'user@example.com', '1-2', ''])('leaves %j alone', (input) => {
    expect(csvCell(input)).toBe(input);
  });
});

describe('csvCell quoting', () => {
  it('quotes commas, doubles quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('"')).toBe('""""');
  });

  it('keeps every record on one line by escaping line breaks', () => {
    const cell = csvCell('line1\nline2\r\nline3');
    expect(cell).toBe('line1\\nline2\\r\\nline3');
    expect(cell).not.toMatch(/[\r\n]/);
  });

  it('escapes terminal and bidi controls so none land in the file', () => {
    const cell = csvCell('\x1b]0;pwned\x07,\x9b31m\u202e\x00\x7f');
    expect(cell).not.toMatch(RAW_UNSAFE);
    expect(cell).toBe('"\\x1b]0;pwned\\x07,\\x9b31m\\u202e\\x00\\x7f"');
  });
});

describe('csvRow', () => {
  it('joins cells with commas and no line terminator', () => {
    expect(csvRow(['ConsoleLogin', '=1+1', 'a,b', 'x\ny'])).toBe(`ConsoleLogin,'=1+1,"a,b",x\\ny`);
    expect(csvRow([])).toBe('');
  });
});
