import chalk from 'chalk';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BINDINGS } from '../../source/ui/keys/keymap.js';
import { KEYS } from '../helpers/render-tui.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';
import {
  applyFilter,
  DEMO,
  expectFits,
  lines,
  selectedRow,
  statusLine,
  streamRows,
  withTui,
} from './helpers.js';

const SIZE = { columns: 80, rows: 24 };

describe('every frame fits the terminal', () => {
  it('at 80x24 through navigation, filter errors, detail, help and load problems', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await tui.press('j', KEYS.pageDown, 'G', 'g');
      await tui.press('/', 'usr:x');
      expect(tui.lastFrame()).toContain('unknown field "usr"');
      await tui.press(KEYS.escape);
      await applyFilter(tui, 'user:KeyHunter');
      await tui.press('d');
      await tui.waitFor((frame) => frame.includes('Key fields'));
      await tui.press(KEYS.pageDown, KEYS.pageDown, KEYS.tab, 'j', 'G');
      await tui.waitFor((frame) => frame.includes('eventName          AssumeRole'));
      await tui.press(KEYS.tab, KEYS.pageDown, KEYS.pageDown);
      expect(tui.lastFrame()).toContain('Full record');
      await tui.press('?');
      expect(tui.lastFrame()).toContain('trailhound keys');
      await tui.press(KEYS.escape, 'E');
      expect(tui.lastFrame()).toContain('Load problems');
      await tui.press(KEYS.escape, 'n', 'N');
      expectFits(tui.stdout.frames, SIZE.columns, SIZE.rows);
      // The frame is exactly one line shorter than the terminal (ink 6 redraws taller ones).
      expect(lines(tui.lastFrame())).toHaveLength(SIZE.rows - 1);
    });
  });

  it('across resizes: wider shows REGION and more rows, smaller still fits, tiny says so', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      const fitsFrom = (from: number, columns: number, rows: number) =>
        expectFits(tui.stdout.frames.slice(from), columns, rows);
      let frame = tui.lastFrame();
      expect(lines(frame)[0]).not.toContain('REGION');
      expect(streamRows(frame)).toHaveLength(20);
      fitsFrom(0, 80, 24);

      let from = tui.stdout.frames.length;
      await tui.resize(120, 40);
      frame = tui.lastFrame();
      expect(lines(frame)[0]).toMatch(/SOURCE IP\s+REGION\s+ERROR/);
      expect(streamRows(frame)).toHaveLength(36);
      expect(selectedRow(frame)).toMatch(
        /lambda\.amazonaws\.com\s+AssumeRole\s+lambda\.amazona…\s+eu-west-1$/,
      );
      expect(lines(frame)).toHaveLength(39);
      fitsFrom(from, 120, 40);

      from = tui.stdout.frames.length;
      await tui.resize(60, 15);
      frame = tui.lastFrame();
      expect(lines(frame)[0]).not.toContain('REGION');
      expect(streamRows(frame)).toHaveLength(11);
      expect(selectedRow(frame)).toContain('00:00:01');
      await tui.press('G', 'd');
      await tui.waitFor((f) => f.includes('Key fields'));
      fitsFrom(from, 60, 15);

      from = tui.stdout.frames.length;
      await tui.resize(30, 8);
      frame = tui.lastFrame();
      expect(frame).toContain('terminal too small');
      expect(frame).not.toContain('TIME (UTC)');
      fitsFrom(from, 30, 8);

      from = tui.stdout.frames.length;
      await tui.resize(80, 24);
      frame = tui.lastFrame();
      expect(frame).not.toContain('terminal too small');
      expect(statusLine(frame)).toContain('3,313/3,313');
      fitsFrom(from, 80, 24);
    });
  });
});

describe('overlays', () => {
  it('? lists every key binding from the keymap; esc and ? close it', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await tui.press('?');
      let frame = tui.lastFrame();
      expect(lines(frame)[0]).toBe('trailhound keys (esc or ? closes · j/k space: more below)');
      expect(streamRows(frame)).toHaveLength(0);
      // The help is longer than 24 rows: page through it and read every line once.
      const seen = new Set(lines(frame));
      for (let page = 0; page < 5 && !lines(tui.lastFrame())[0]!.includes('space: end'); page++) {
        await tui.press(' ');
        for (const line of lines(tui.lastFrame())) seen.add(line);
      }
      expect(lines(tui.lastFrame())[0]).toBe('trailhound keys (esc or ? closes · j/k space: end)');
      for (const binding of BINDINGS) {
        const line = [...seen].find((l) => l.endsWith(` ${binding.help}`));
        expect(line, `help line for ${binding.command}`).toBeDefined();
      }
      const all = [...seen].join('\n');
      expect(all).toMatch(/^ {2}PgDn ctrl\+f space\s+page down$/m);
      expect(all).toMatch(/^ {2}d\s+open the event detail$/m);
      expect(all).toMatch(/^ {2}enter\s+profile of the event's principal$/m);
      expect(all).toMatch(/^ {2}esc\s+back one level/m);
      expect(all).toContain(':user NAME');
      await tui.press('k', 'k', 'k');
      frame = tui.lastFrame();
      // Keys do not reach the stream while the help is open (d would open the detail).
      await tui.press('d', 'F');
      expect(tui.lastFrame()).toBe(frame);
      await tui.press(KEYS.escape);
      frame = tui.lastFrame();
      expect(frame).not.toContain('trailhound keys');
      expect(selectedRow(frame)).toContain('03-10 00:00:01');
      await tui.press('?');
      expect(tui.lastFrame()).toContain('trailhound keys');
      await tui.press('?');
      expect(tui.lastFrame()).not.toContain('trailhound keys');
    });
  });

  it('E lists the file that failed to load, with its reason', async () => {
    const tree = tempTree('ui-errors');
    try {
      tree.write('good.json', recordsJson(makeRecords(3, '2024-05-01T00:00:00Z', 'Good')));
      const broken = tree.write('broken.json', '{"Records": [{"eventName": "ListBuckets",}]}');
      await withTui({ sources: [tree.root], ...SIZE }, async (tui) => {
        let frame = tui.lastFrame();
        expect(streamRows(frame)).toHaveLength(3);
        expect(statusLine(frame)).toContain('3 events · 1/3 · 1 bad file, 0 bad records (E)');
        await tui.press('E');
        frame = tui.lastFrame();
        expect(lines(frame)[0]).toBe('Load problems (esc closes)');
        expect(lines(frame)[1]).toBe('1 file(s) failed · 0 skipped · 0 malformed record(s)');
        // The reason first, then the path (wrapped to the width, never cut).
        expect(lines(frame)[2]).toMatch(/^✗ invalid JSON \(/);
        expect(frame.replace(/\n\s*/g, '')).toContain(path.basename(broken));
        expect(frame).not.toContain('good.json');
        await tui.press(KEYS.escape);
        frame = tui.lastFrame();
        expect(frame).not.toContain('Load problems');
        expect(streamRows(frame)).toHaveLength(3);
      });
    } finally {
      tree.remove();
    }
  });
});

describe('NO_COLOR', () => {
  // Ink styles through chalk, which turns itself off when the test's stdout is not a terminal.
  const level = chalk.level;
  beforeEach(() => {
    chalk.level = 1;
  });
  afterEach(() => {
    chalk.level = level;
  });
  afterAll(() => {
    chalk.level = level;
  });
  const COLOR_CODE = /\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

  for (const color of [false, true]) {
    it(`with color ${color ? 'on' : 'off (NO_COLOR)'}, markers and flags show either way`, async () => {
      await withTui({ sources: [DEMO], ...SIZE, color }, async (tui) => {
        await applyFilter(tui, 'ip:102.88.109.159');
        await tui.press('j', '/', 'usr:x');
        const frame = tui.lastFrame();
        const rows = streamRows(frame);
        // KeyHunter's events from the attacker's address are evidence of findings: ◆.
        expect(rows.some((row) => /^.◆ /.test(row))).toBe(true);
        expect(selectedRow(frame)).toMatch(/^›◆ 03-13 14:02:38/);
        // Bold and inverse are not colors: without color they still mark the cursor.
        expect(frame).toContain('\x1b[7m');
        const colored = tui.stdout.frames.filter((f) => COLOR_CODE.test(f));
        if (color) {
          expect(colored).toHaveLength(tui.stdout.frames.length);
          // Magenta marks evidence of findings; red the errors outside any finding.
          expect(frame).toContain('\x1b[35m');
          expect(frame).toContain('\x1b[31m');
        } else {
          expect(colored).toEqual([]);
        }
      });
    });
  }
});
