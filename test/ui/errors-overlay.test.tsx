import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';
import { expectFits, lines, withTui } from './helpers.js';

const tree = tempTree('errors-overlay');
afterAll(() => tree.remove());

// 40 files that fail to load, each path far wider than 80 columns, and one good file.
const deep = join(
  'evidence-from-the-incident-response-share',
  'AWSLogs',
  '111122223333',
  'x'.repeat(40),
);
const broken = Array.from({ length: 40 }, (_, i) =>
  tree.write(join(deep, `broken-${String(i + 1).padStart(2, '0')}.json`), '{"Records": [ not json'),
);
const good = tree.write('good.json', recordsJson(makeRecords(3, '2025-03-10T00:00:00Z')));

describe('the load problems overlay (E) at 80x24', () => {
  it('shows reasons first, wrapped, the count and "and N more"; j/space scroll to the last file', async () => {
    await withTui({ sources: [good, ...broken], columns: 80, rows: 24 }, async (tui) => {
      await tui.waitFor((f) => f.includes('3 events'), 'the load');
      await tui.press('E');
      const first = await tui.waitFor((f) => f.includes('Load problems'), 'the overlay');
      const shown = lines(first);
      expect(shown[1]).toContain('40 file(s) failed');
      // The reason first: visible whatever the path's length. Before: "✗ /tmp/…/evidence-fro…".
      expect(shown[2]).toMatch(/^✗ invalid JSON/);
      expect(shown[2]).not.toContain(tree.root.slice(0, 8));
      // The path follows, whole, on the wrapped lines (its file name included).
      expect(first.replace(/\n\s*/g, '')).toContain('broken-01.json');
      // Not all fit: the last line says how many more. Before: 19 of 40, nothing said.
      expect(shown.filter((line) => /^and 3\d more · j\/k space scroll$/.test(line))).toHaveLength(
        1,
      );
      expectFits(tui.stdout.frames, 80, 24);
      for (let i = 0; i < 12; i++) await tui.press(' ');
      const last = await tui.waitFor(
        (f) => f.replace(/\n\s*/g, '').includes('broken-40.json'),
        'the last failed file, scrolled to',
      );
      expect(last).toContain('end of the list');
      expect(last).not.toMatch(/and \d+ more/);
      // k moves back at once, however far past the end space was pressed.
      await tui.press('k');
      await tui.waitFor((f) => /and 1 more/.test(f), 'one line back up');
      await tui.press('\x1b');
      await tui.waitFor((f) => !f.includes('Load problems'), 'the overlay closed');
    });
  });
});

describe('the second-writer refusal at 80x24', () => {
  it('is wrapped whole: the reason and what it means are both read', async () => {
    const casePath = join(tree.root, 'a-case-opened-twice-by-two-analysts', 'case.json');
    await withTui({ sources: [good], casePath, columns: 80, rows: 24 }, async (tui) => {
      await tui.waitFor((f) => f.includes('3 events'), 'the load');
      // Another trailhound (or an editor) saves the case behind this one's back.
      const text = readFileSync(casePath, 'utf8');
      writeFileSync(casePath, text.replace('"title"', '"title" ').replace('  ', ' '));
      await tui.press('p');
      const frame = await tui.waitFor((f) => f.includes('case not saved'), 'the refusal');
      const joined = frame.replace(/\n\s*/g, ' ');
      // Before: cut in the middle to one line ("» case not saved: could not…was not applied").
      expect(joined).toContain('is the case open twice?');
      expect(joined).toContain('this change was not applied');
      expect(joined).toContain('case.json');
      expectFits(tui.stdout.frames, 80, 24);
    });
  });
});
