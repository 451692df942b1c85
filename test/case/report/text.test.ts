import { describe, expect, it } from 'vitest';
import { renderText, reportFormatOf, wrap } from '../../../source/case/report/index.js';
import { displayWidth } from '../../../source/trail/sanitize.js';
import { getObject, keyHunterCase, keyHunterInput } from './keyhunter.js';

const HOSTILE =
  '**x** [a](https://evil) <b>\x1b[31mred\x1b]0;t\x07 \u202eexe.txt\nline `tick` | cell';

function hostileInput() {
  const file = keyHunterCase();
  file.pinned.push({
    eventId: 'hostile-1',
    eventTime: '2024-03-01T10:06:00Z',
    record: {
      ...getObject,
      eventID: 'hostile-1',
      eventTime: '2024-03-01T10:06:00Z',
      userIdentity: { type: 'IAMUser', userName: HOSTILE },
      userAgent: HOSTILE,
    },
    pinnedAt: '2024-03-01T10:50:00Z',
    note: '',
  });
  return keyHunterInput({ case: file });
}

describe('the plain-text report', () => {
  const text = renderText(hostileInput());
  const lines = text.split('\n');

  it('fits 80 columns', () => {
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('has no Markdown syntax of its own', () => {
    expect(text).not.toMatch(/^#/m);
    expect(text).not.toMatch(/^\| /m);
    expect(text).not.toContain('**Status');
    expect(text).not.toContain('\\(');
    expect(text).toContain('Threat Intelligence.docx');
  });

  it('shows control characters as visible escapes and keeps values as logged', () => {
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    expect(text).toContain('\\x1b[31mred');
    expect(text).toContain('\\u202eexe.txt\\nline `tick` | cell');
  });

  it('underlines the sections and aligns the summary values', () => {
    expect(lines[0]).toBe('Incident report: KeyHunter in the console');
    expect(lines[1]).toBe('='.repeat(lines[0]!.length));
    const summary = lines.indexOf('SUMMARY');
    expect(lines[summary + 1]).toBe('-------');
    const status = lines.find((line) => line.startsWith('Status:'))!;
    const dwell = lines.find((line) => line.startsWith('Dwell time:'))!;
    expect(status.indexOf('contained')).toBe(dwell.search(/\d+ min/));
  });

  it('draws a table that fits as aligned columns, a wider one as aligned records', () => {
    const lines = renderText(keyHunterInput()).split('\n');
    const principals = lines.indexOf('Principals');
    const header = lines[principals + 2]!;
    expect(header).toMatch(/^Principal +Marked suspect +Timeline events +Seen \(UTC\)$/);
    const row = lines.findIndex((line) => line.startsWith('KeyHunter '));
    for (const [column, value] of [
      ['Marked suspect', 'yes: no such employee'],
      ['Timeline events', '3'],
      ['Seen (UTC)', '2024-03-01 10:00:00 to'],
    ])
      expect(lines[row]!.indexOf(value!)).toBe(header.indexOf(column!));
    // A long cell wraps under itself.
    expect(lines[row + 1]!.trim()).toBe('2024-03-01 10:05:10');
    expect(lines[row + 1]!.indexOf('2024')).toBe(header.indexOf('Seen (UTC)'));
    // The timeline is too wide for 80 columns: one record per row, values in one column.
    const login = lines.indexOf('2024-03-01 10:00:00');
    expect(login).toBeGreaterThan(0);
    expect(lines[login + 1]).toBe('  Principal:      KeyHunter');
    expect(lines[login + 2]).toBe('  Source IP:      102.88.109.159');
  });
});

describe('wrap', () => {
  it('breaks at spaces, and cuts a word longer than the line', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('x'.repeat(10), 4)).toEqual(['xxxx', 'xxxx', 'xx']);
  });
});

describe('reportFormatOf', () => {
  it('picks the format by extension, Markdown otherwise', () => {
    expect(reportFormatOf('/tmp/case.report.txt')).toBe('txt');
    expect(reportFormatOf('x.HTML')).toBe('html');
    expect(reportFormatOf('x.htm')).toBe('html');
    expect(reportFormatOf('x.json')).toBe('json');
    expect(reportFormatOf('x.report.md')).toBe('md');
    expect(reportFormatOf('report')).toBe('md');
  });
});
