import { describe, expect, it } from 'vitest';
import { FILTER_HELP } from '../../source/ui/keys/keymap.js';
import { KEYS } from '../helpers/render-tui.js';
import {
  applyFilter,
  DEMO,
  DEMO_TOTAL,
  filterLine,
  statusLine,
  streamRows,
  withTui,
} from './helpers.js';

const SIZE = { columns: 80, rows: 24 };
/** At 80 columns the event cell spans display columns 34–54 of a row. */
const eventOf = (row: string) => row.slice(34, 55).trim();

describe('the filter bar with OR, groups and lists, on the demo case', () => {
  for (const query of [
    'user:KeyHunter (event:Create* OR event:Attach*)',
    'user:KeyHunter event:Create*,Attach*',
  ]) {
    it(`${query} shows both kinds`, async () => {
      await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
        await applyFilter(tui, query);
        const frame = tui.lastFrame();
        expect(streamRows(frame).map(eventOf)).toEqual([
          'CreateUser',
          'AttachUserPolicy',
          'CreateLoginProfile',
          'CreateAccessKey',
          'CreateRole',
          'AttachRolePolicy',
        ]);
        expect(statusLine(frame)).toContain(`6 of ${DEMO_TOTAL} events match`);
      });
    });
  }

  const syntaxErrors: [string, RegExp][] = [
    ['event:Create* OR', /✗ OR needs a term on each side/],
    ['(event:Create* OR x', /✗ unclosed "\(" in "\(event:Create\* OR x"/],
    ['a OR b)', /✗ unmatched "\)"/],
    ['event:A,,B', /✗ empty alternative in "event:A,,B"/],
  ];
  for (const [bad, message] of syntaxErrors) {
    it(`${bad} shows its error inline and keeps the last good result`, async () => {
      await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
        await applyFilter(tui, 'event:Create*');
        await tui.press('/', '\x15', bad);
        expect(filterLine(tui.lastFrame())).toMatch(message);
        await tui.press(KEYS.enter);
        const frame = tui.lastFrame();
        expect(filterLine(frame)).toMatch(message);
        expect(statusLine(frame)).toContain(`4 of ${DEMO_TOTAL} events match`);
      });
    });
  }

  it('the help names the alternatives, each line whole at 80 columns', () => {
    const help = FILTER_HELP.join('\n');
    expect(help).toContain('event:Create*,Delete* any of');
    expect(help).toContain('a OR b');
    // The overlay indents each line by two.
    for (const line of FILTER_HELP) expect(line.length, line).toBeLessThanOrEqual(78);
  });
});
