import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { CaseFile } from '../../source/case/index.js';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/render-tui.js';
import { tempTree } from '../helpers/records.js';
import {
  applyFilter,
  DEMO,
  DEMO_TOTAL,
  expectFits,
  lines,
  messageText,
  selectedRow,
  statusLine,
  streamRows,
  withTui,
} from './helpers.js';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

/** A case path as long as the default one (~/.local/state/trailhound/cases/<stamp>-<id>.json). */
function longCasePath(): string {
  const tree = tempTree('small-screen');
  trees.push(tree);
  const folder = join(tree.root, '.local', 'state', 'trailhound', 'cases');
  mkdirSync(folder, { recursive: true });
  return join(folder, '20261207T134141Z-963d027a.json');
}

/** The frame's lines from the first that starts with `from`, joined without wrap indentation. */
function unwrapped(frame: string): string {
  return lines(frame)
    .map((line) => line.trim())
    .join('');
}

describe('80x24: the status bar', () => {
  it('keeps the counts, the findings and where the trail ends ahead of a long case path', async () => {
    await withTui({ sources: [DEMO], casePath: longCasePath() }, async (tui) => {
      await tui.waitFor((f) => statusLine(f).includes('findings'), 'the findings count');
      tui.store.setState({ message: `case: ${tui.store.getState().casePath}` });
      const frame = await tui.waitFor((f) => messageText(f).includes('case:'), 'the message');
      const status = statusLine(frame);
      // The counts and findings lead; the message gives way to them, never the other way.
      expect(status).toMatch(
        new RegExp(`^${DEMO_TOTAL} events · .*\\d+ findings \\(1 critical, \\d+ high\\)`),
      );
      // The message names the case file by its base name, whole (on the line above when the
      // counts leave it no room).
      expect(messageText(frame)).toContain('case: 20261207T134141Z-963d027a.json');
      expect(messageText(frame)).not.toContain('/.local/');
      expectFits([frame], 80, 24);
    });
  });

  it('at 80 columns says where the trail ends, shorter, beside the position, counts and findings', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      const frame = await tui.waitFor((f) => statusLine(f).includes('findings ('), 'findings');
      expect(statusLine(frame)).toMatch(
        new RegExp(
          `^${DEMO_TOTAL} events · 1/${DEMO_TOTAL} · \\d+ findings \\(1 critical, \\d+ high\\) · ends 03-14 23:47Z`,
        ),
      );
      expectFits([frame], 80, 24);
    });
  });

  it('at 60 columns the position gives way before the findings count is cut', async () => {
    await withTui({ sources: [DEMO], columns: 60, rows: 20 }, async (tui) => {
      await tui.waitFor((f) => statusLine(f).includes('findings ('), 'findings');
      await applyFilter(tui, 'user:KeyHunter ip:102.88.109.159');
      const frame = await tui.waitFor((f) => statusLine(f).includes('29 of'), 'the filter');
      expect(statusLine(frame)).toMatch(
        new RegExp(
          `^29 of ${DEMO_TOTAL} events match · \\d+ findings \\(1 critical, \\d+ high\\)$`,
        ),
      );
      expectFits([frame], 60, 20);
    });
  });

  it('says where the trail ends when there is room, and drops it before the counts', async () => {
    await withTui({ sources: [DEMO], columns: 120, rows: 40 }, async (tui) => {
      let frame = await tui.waitFor((f) => statusLine(f).includes('findings'), 'findings');
      expect(statusLine(frame)).toContain('trail ends 2025-03-14 23:47 UTC');
      await tui.resize(60, 20);
      frame = await tui.waitFor((f) => lines(f)[0]!.length <= 60, 'the narrow frame');
      expect(statusLine(frame)).toMatch(
        new RegExp(`^${DEMO_TOTAL} events · 1/${DEMO_TOTAL} · \\d+ findings`),
      );
      expect(statusLine(frame)).not.toContain('trail ends');
    });
  });

  it(':w says the report was written by its file name, and :case shows every path in full', async () => {
    const path = longCasePath();
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      await tui.press(':', 'w', KEYS.enter);
      let frame = await tui.waitFor((f) => messageText(f).includes('report written'), 'the report');
      // At 80 columns the message is too long to sit beside the counts: it is read whole above.
      expect(messageText(frame)).toContain('report written: 20261207T134141Z-963d027a.report.md');
      expect(statusLine(frame)).toMatch(
        new RegExp(`^${DEMO_TOTAL} events · 1/${DEMO_TOTAL} · \\d+ findings`),
      );
      await tui.resize(120, 40);
      frame = await tui.waitFor((f) => lines(f)[0]!.length > 80, 'the wide frame');
      expect(statusLine(frame)).toContain('report written: 20261207T134141Z-963d027a.report.md');
      expect(statusLine(frame)).toMatch(new RegExp(`^${DEMO_TOTAL} events · 1/${DEMO_TOTAL} · `));
      await tui.resize(80, 24);
      await tui.press(':', 'c', 'a', 's', 'e', KEYS.enter);
      frame = await tui.waitFor((f) => f.includes('The case (esc closes)'), ':case');
      expectFits([frame], 80, 24);
      const text = unwrapped(frame);
      expect(text).toContain(`case file:${path}`);
      expect(text).toContain(`report:${path.replace(/\.json$/, '.report.md')}`);
      expect(text).toContain(DEMO);
      await tui.press(KEYS.escape);
      frame = await tui.waitFor((f) => !f.includes('The case (esc closes)'), 'the stream again');
    });
  });
});

describe('80x24: what is cut is reachable', () => {
  it('the detail pane wraps long values: the user agent and LoginTo read whole', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter event:ConsoleLogin ip:102.88.109.159');
      await tui.press('j', 'd');
      await tui.waitFor((f) => f.includes('2025-03-13T14:02:38Z'), 'the detail');
      // Page through the whole pane, keeping every row shown.
      const seen: string[] = [];
      for (let page = 0; page < 8; page++) {
        const frame = tui.lastFrame();
        expectFits([frame], 80, 24);
        const all = lines(frame);
        const start = all.findIndex((line) => /^[▶ ] Detail /.test(line));
        seen.push(...all.slice(start + 1, -2));
        await tui.press(KEYS.pageDown);
      }
      const text = seen.map((line) => line.trim()).join('');
      expect(text).toContain(
        'userAgent          Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101Firefox/128.0',
      );
      expect(text).toContain(
        '"LoginTo":"https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1"',
      );
    });
  });
});

describe('80x24: pins and notes are visible', () => {
  it('a pinned row is marked without color, a shows its note in the detail and says so', async () => {
    const path = longCasePath();
    await withTui({ sources: [DEMO], casePath: path, color: false }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter event:ConsoleLogin ip:102.88.109.159');
      await tui.press('j', 'p');
      let frame = await tui.waitFor((f) => messageText(f).includes('pinned ConsoleLogin'), 'pin');
      frame = await tui.waitFor((f) => /^»/.test(selectedRow(f)), 'the pinned mark');
      expect(selectedRow(frame)).toMatch(/^»◆ 03-13 14:02:38 KeyHunter/);
      await tui.press('k');
      frame = tui.lastFrame();
      expect(streamRows(frame)[1]).toMatch(/^•◆ 03-13 14:02:38 KeyHunter/);
      expect(selectedRow(frame)).toMatch(/^›! 03-13 14:02:11 KeyHunter/);

      await tui.press('j', 'a');
      await tui.waitFor((f) => lines(f).at(-2)!.startsWith('note:'), 'the note prompt');
      await tui.type('attacker login, no MFA');
      await tui.press(KEYS.enter);
      frame = await tui.waitFor((f) => messageText(f).includes('note saved'), 'the confirmation');
      expect(messageText(frame)).toContain('note saved on the event');

      await tui.press('d');
      frame = await tui.waitFor((f) => f.includes('── In the case ──'), 'the case part');
      expect(frame).toContain('pinned as evidence');
      expect(frame).toContain('note: attacker login, no MFA');
    });
  });
});

describe('80x24: columns that tell things apart', () => {
  it('the ERROR column shows AccessDenied and Client.UnauthorizedOperation distinguishably', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await applyFilter(tui, 'error:*Unauthorized*');
      let frame = tui.lastFrame();
      expect(streamRows(frame).length).toBeGreaterThan(0);
      const at = lines(frame)[0]!.indexOf('ERROR');
      const cells = new Set(streamRows(frame).map((row) => row.slice(at).trim()));
      expect([...cells].some((cell) => cell.startsWith('Unauth'))).toBe(true);
      expect([...cells].join(' ')).not.toContain('Client.');
      await applyFilter(tui, 'error:*AccessDenied*');
      frame = tui.lastFrame();
      expect(streamRows(frame).every((row) => row.slice(at).trim().startsWith('Access'))).toBe(
        true,
      );
      expect([...cells].some((cell) => cell.startsWith('Access'))).toBe(false);
    });
  });

  it('the findings list puts the title before the principal and cuts the principal, not the title', async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await tui.waitFor((f) => statusLine(f).includes('findings'), 'findings');
      await tui.press('F');
      const frame = await tui.waitFor((f) => f.includes('findings'), 'the findings list');
      expectFits([frame], 80, 24);
      const rows = lines(frame).slice(1, 11);
      const findings = tui.store.getState().findings.slice(0, 10);
      for (const [i, finding] of findings.entries()) {
        const row = rows[i]!;
        // The title comes right after the time, never behind the principal.
        expect(row.slice(21).startsWith(finding.title.slice(0, 40))).toBe(true);
        if (!row.includes(finding.title)) {
          // Only a title longer than the line is cut, and then no principal takes its room.
          expect(21 + finding.title.length).toBeGreaterThan(78);
          continue;
        }
        const who = row.slice(row.indexOf(finding.title) + finding.title.length).trim();
        if (who && finding.principal) {
          // What is left of the principal keeps its end.
          const tail = who.includes('…') ? who.slice(who.indexOf('…') + 1) : who;
          expect(finding.principal.endsWith(tail)).toBe(true);
        }
      }
    });
  });
});

describe('80x24 and 60x20: the checklist and guided mode show the whole step', () => {
  it("the checklist's why: and look: wrap into the rows below instead of being cut", async () => {
    await withTui({ sources: [DEMO] }, async (tui) => {
      await tui.press('c');
      let long = 0;
      for (let step = 0; step < 6; step++) {
        const frame = await tui.waitFor((f) => f.includes('space state · e note'), 'checklist');
        expectFits([frame], 80, 24);
        const all = lines(frame);
        const start = all.findIndex((line) => line.includes('space state · e note'));
        const body = all.slice(start + 1, -2).filter((line) => line.trim() !== '');
        const text = body.map((line) => line.trim()).join(' ');
        for (const line of body.filter((l) => /^ *(why|look):/.test(l)))
          expect(line.length).toBeLessThanOrEqual(79);
        // Nothing is cut at the edge: what does not fit says how much more there is.
        for (const line of body) expect(line.trimEnd()).not.toMatch(/…$/);
        const why = body.findIndex((line) => /^ *why:/.test(line));
        if (why >= 0 && /^ {6}\S/.test(body[why + 1] ?? '')) long++;
        if (body.some((line) => line.startsWith('↓ '))) expect(text).toContain(':guide');
        await tui.press('j');
      }
      // At least one step's text was longer than a line and now continues below it.
      expect(long).toBeGreaterThan(0);
    });
  });

  it('guided mode says there is more and scrolls to it at 60x20', async () => {
    await withTui({ sources: [DEMO], columns: 60, rows: 20 }, async (tui) => {
      await tui.press(':');
      await tui.type('guide');
      await tui.press(KEYS.enter);
      let frame = await tui.waitFor((f) => f.includes('Step 1 of'), 'guided mode');
      let found = false;
      for (let step = 0; step < 12 && !found; step++) {
        frame = tui.lastFrame();
        expectFits([frame], 60, 20);
        const more = /↓ (\d+) more \(PgDn\)/.exec(frame);
        if (more) {
          found = true;
          const before = lines(frame);
          await tui.press(KEYS.pageDown);
          frame = tui.lastFrame();
          expect(frame).toMatch(/↑ \d+ above \(PgUp\)/);
          expect(lines(frame).slice(1, 4)).not.toEqual(before.slice(1, 4));
          // The last line of the page (what comes next) is reached.
          expect(frame).toMatch(/next: /);
          await tui.press(KEYS.pageUp);
          expect(lines(tui.lastFrame()).slice(1, 4)).toEqual(before.slice(1, 4));
        } else await tui.press('j');
      }
      expect(found, 'a step whose page is longer than the screen').toBe(true);
    });
  });
});

describe('o: newest first, kept in the case', () => {
  it('o puts the newest event on top, the case keeps it, a reopened case restores it', async () => {
    const path = longCasePath();
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      expect(selectedRow(tui.lastFrame())).toContain('03-10 00:00:01');
      await tui.press('o');
      let frame = await tui.waitFor((f) => f.includes('TIME ↓newest'), 'newest first');
      // At the top of the stream, the top it stays: the newest event.
      expect(messageText(frame)).toContain('newest first');
      expect(selectedRow(frame)).toMatch(/^› {2}03-14 23:47:06 /);
      expect(streamRows(frame)[1]).toMatch(/^.. 03-14 23:45:05 /);
      expect(statusLine(frame)).toContain(`1/${DEMO_TOTAL}`);
      // Elsewhere, the selected event stays selected when the order turns.
      await tui.press('j', 'j', 'o');
      frame = await tui.waitFor((f) => f.includes('TIME (UTC)'), 'oldest first');
      expect(selectedRow(frame)).toContain('03-14 23:45:0');
      expect(tui.store.getState().cursor).toBe(3310);
      await tui.press('o', 'g');
      const saved = JSON.parse(readFileSync(path, 'utf8')) as CaseFile;
      expect(saved.view.newestFirst).toBe(true);
    });
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      const frame = await tui.waitFor((f) => f.includes('TIME ↓newest'), 'restored order');
      expect(selectedRow(frame)).toContain('03-14 23:47:06');
      await tui.press('o', 'g');
      expect(lines(tui.lastFrame())[0]).toContain('TIME (UTC)');
      expect(selectedRow(tui.lastFrame())).toContain('03-10 00:00:01');
    });
  });

  it('a case saved before the order existed opens, oldest first', async () => {
    const path = longCasePath();
    await withTui({ sources: [DEMO], casePath: path }, async () => undefined);
    const old = JSON.parse(readFileSync(path, 'utf8')) as CaseFile;
    delete old.view.newestFirst;
    writeFileSync(path, JSON.stringify(old));
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      expect(lines(tui.lastFrame())[0]).toContain('TIME (UTC)');
      expect(selectedRow(tui.lastFrame())).toContain('03-10 00:00:01');
    });
  });
});
