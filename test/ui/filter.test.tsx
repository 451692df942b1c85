import { describe, expect, it } from 'vitest';
import { FILTER_HELP } from '../../source/ui/keys/keymap.js';
import { KEYS, type Tui } from '../helpers/render-tui.js';
import {
  applyFilter,
  DEMO,
  DEMO_TOTAL,
  filterLine,
  position,
  selectedRow,
  messageText,
  statusLine,
  streamRows,
  withTui,
} from './helpers.js';

const SIZE = { columns: 80, rows: 24 };
/** At 80 columns the principal cell spans display columns 18–32 of a row. */
const principalOf = (row: string) => row.slice(18, 33).trim();
const KEYHUNTER_MATCH = `51 of ${DEMO_TOTAL} events match`;

function expectKeyHunterStream(frame: string): void {
  const rows = streamRows(frame);
  expect(rows).toHaveLength(20);
  expect(rows.map(principalOf)).toEqual(rows.map(() => 'KeyHunter'));
  expect(statusLine(frame)).toContain(KEYHUNTER_MATCH);
}

async function keyHunter(tui: Tui): Promise<void> {
  await applyFilter(tui, 'user:KeyHunter');
  expectKeyHunterStream(tui.lastFrame());
}

describe('the filter bar on the demo case', () => {
  it('/ opens the bar; user:KeyHunter then enter filters the stream', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      expect(filterLine(tui.lastFrame())).toMatch(/^no filter/);
      expect(streamRows(tui.lastFrame()).map(principalOf)).not.toContain('KeyHunter');
      await tui.press('/');
      expect(filterLine(tui.lastFrame()).trimEnd()).toBe('/');
      await tui.type('user:KeyHunter');
      expect(filterLine(tui.lastFrame()).trimEnd()).toBe('/user:KeyHunter');
      await tui.press(KEYS.enter);
      const frame = tui.lastFrame();
      expectKeyHunterStream(frame);
      expect(position(frame)).toBe('1/51');
      expect(filterLine(frame)).toMatch(/^filter: user:KeyHunter {3}\(esc clears, \/ edits\)/);
      expect(selectedRow(frame)).toContain('03-10 08:11:25 KeyHunter       ConsoleLogin');
    });
  });

  const syntaxErrors: [string, RegExp][] = [
    ['usr:x', /✗ unknown field "usr" \(fields: user, ip/],
    ['after:yesterday', /✗ "after:yesterday" is not a time \(use 2024-05-01T10:00Z/],
    ['resource:"Threat Intel', /✗ unterminated quote in "resource:\\"Threat Intel"/],
  ];
  for (const [bad, message] of syntaxErrors) {
    it(`${bad} shows its error inline and keeps the last good result`, async () => {
      await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
        await keyHunter(tui);
        await tui.press('/', '\x15', bad);
        let frame = tui.lastFrame();
        expect(filterLine(frame)).toContain(`/${bad} `);
        expect(filterLine(frame)).toMatch(message);
        expectKeyHunterStream(frame);
        // Enter refuses the bad query: still editing, still the old result.
        await tui.press(KEYS.enter);
        frame = tui.lastFrame();
        expect(filterLine(frame)).toMatch(message);
        expectKeyHunterStream(frame);
        // Esc gives the previous filter back.
        await tui.press(KEYS.escape);
        expect(filterLine(tui.lastFrame())).toMatch(/^filter: user:KeyHunter /);
        expectKeyHunterStream(tui.lastFrame());
      });
    });
  }

  it('esc while editing restores the filter that was in force', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await keyHunter(tui);
      await tui.press('/', ' event:GetObject');
      // The live filter narrows the stream once typing pauses.
      const narrowed = await tui.waitFor(
        (frame) => /^\d+ of /.test(statusLine(frame)) && !frame.includes(KEYHUNTER_MATCH),
        'the live filter',
      );
      expect(streamRows(narrowed).every((row) => row.includes('KeyHunter       GetObject'))).toBe(
        true,
      );
      await tui.press(KEYS.escape);
      expectKeyHunterStream(tui.lastFrame());
      expect(filterLine(tui.lastFrame())).toMatch(/^filter: user:KeyHunter {3}\(/);
    });
  });

  it('esc outside the bar clears the filter and keeps the selected event selected', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter event:GetObject after:2025-03-13T14:00Z');
      let frame = tui.lastFrame();
      expect(statusLine(frame)).toContain(`1 of ${DEMO_TOTAL} events match · 1/1`);
      expect(selectedRow(frame)).toContain('03-13 14:05:02 KeyHunter       GetObject');
      await tui.press(KEYS.escape);
      frame = tui.lastFrame();
      expect(filterLine(frame)).toMatch(/^no filter/);
      expect(statusLine(frame)).toContain(`${DEMO_TOTAL} events · 2,423/${DEMO_TOTAL}`);
      expect(selectedRow(frame)).toContain('03-13 14:05:02 KeyHunter       GetObject');
      expect(streamRows(frame)).toHaveLength(20);
    });
  });

  it('n / N walk the last filter’s matches in the full stream after it is cleared', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await keyHunter(tui);
      await tui.press('G', KEYS.escape);
      let frame = tui.lastFrame();
      expect(filterLine(frame)).toMatch(/^no filter/);
      expect(position(frame)).toBe(`2,468/${DEMO_TOTAL}`);
      expect(selectedRow(frame)).toContain('03-13 14:52:33 KeyHunter       AssumeRole');

      await tui.press('n');
      frame = tui.lastFrame();
      expect(messageText(frame)).toContain('no later match for user:KeyHunter');
      // At 80 columns the message takes the position's room; once read, the position is back.
      tui.store.setState({ message: '' });
      frame = await tui.waitFor((f) => !messageText(f).includes('no later match'), 'the position');
      expect(position(frame)).toBe(`2,468/${DEMO_TOTAL}`);

      await tui.press('N');
      frame = tui.lastFrame();
      expect(position(frame)).toBe(`2,466/${DEMO_TOTAL}`);
      expect(selectedRow(frame)).toContain('03-13 14:46:51 KeyHunter       GetFederationToken');
      // The stream is the full one: the event after it is someone else's.
      expect(
        principalOf(streamRows(frame)[streamRows(frame).indexOf(selectedRow(frame)) + 1]!),
      ).not.toBe('KeyHunter');
      await tui.press('N');
      expect(position(tui.lastFrame())).toBe(`2,462/${DEMO_TOTAL}`);
      expect(selectedRow(tui.lastFrame())).toContain('14:40:19 KeyHunter       UpdateFunctionCo');
      await tui.press('n');
      expect(position(tui.lastFrame())).toBe(`2,466/${DEMO_TOTAL}`);

      await tui.press('g', 'n');
      frame = tui.lastFrame();
      expect(selectedRow(frame)).toContain('03-10 08:11:25 KeyHunter       ConsoleLogin');
      expect(position(frame)).not.toBe(`1/${DEMO_TOTAL}`);
    });
  });

  it('the help’s quoted resource example finds the GetObject of the sensitive document', async () => {
    // Taken from the help text, so the example the analyst reads is the one proven to work.
    const example = /resource:"[^"]+"/.exec(FILTER_HELP.join(' '))?.[0] ?? '(none in help)';
    expect(example).toBe('resource:"Threat Intelligence.docx"');
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await applyFilter(tui, example);
      const frame = tui.lastFrame();
      expect(statusLine(frame)).toContain(`1 of ${DEMO_TOTAL} events match · 1/1`);
      expect(streamRows(frame)).toHaveLength(1);
      expect(selectedRow(frame)).toMatch(
        /03-13 14:05:02 KeyHunter\s+GetObject\s+102\.88\.109\.159/,
      );
      expect(filterLine(frame)).toContain('filter: resource:"Threat Intelligence.docx"');
    });
  });

  it('after: and before: keep the ten minutes around the break-in', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await applyFilter(tui, 'after:2025-03-13T14:00Z before:2025-03-13T14:10Z');
      const frame = tui.lastFrame();
      expect(statusLine(frame)).toContain(`13 of ${DEMO_TOTAL} events match`);
      const rows = streamRows(frame);
      expect(rows).toHaveLength(13);
      for (const row of rows) expect(row.slice(3, 17)).toMatch(/^03-13 14:0\d:\d\d$/);
      const events = rows.map((row) => row.slice(3, 54).trimEnd());
      expect(events).toContain('03-13 14:02:11 KeyHunter       ConsoleLogin');
      expect(events).toContain('03-13 14:03:52 KeyHunter       ListBuckets');
      expect(events).toContain('03-13 14:05:02 KeyHunter       GetObject');
    });
  });
});
