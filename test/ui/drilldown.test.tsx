import { describe, expect, it } from 'vitest';
import { KEYS, type Tui } from '../helpers/render-tui.js';
import {
  applyFilter,
  DEMO,
  expectFits,
  filterLine,
  lines,
  selectedRow,
  statusLine,
  messageText,
  streamRows,
  withTui,
} from './helpers.js';

const SIZE = { columns: 80, rows: 24 };

/** The list line carrying the cursor on a profile or findings screen. */
function cursorLine(frame: string): string {
  const marked = lines(frame).filter((line) => line.startsWith('›'));
  expect(marked, `one cursor line in:\n${frame}`).toHaveLength(1);
  return marked[0]!;
}

/** Moves the list cursor down until its line matches, as an analyst would with j. */
async function moveTo(tui: Tui, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const line = cursorLine(tui.lastFrame());
    if (pattern.test(line)) return line;
    await tui.press('j');
  }
  throw new Error(`no line matching ${pattern} in:\n${tui.lastFrame()}`);
}

describe('drill-down on the demo case, by keyboard at 80×24', () => {
  it('stream → KeyHunter → the attacker IP → findings → evidence, and back the same way', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter event:ConsoleLogin');
      await tui.press('G');
      const login = selectedRow(tui.lastFrame());
      expect(login).toMatch(/03-13 14:02:38 KeyHunter\s+ConsoleLogin\s+102\.88\.109\.159/);

      await tui.press(KEYS.enter);
      let frame = tui.lastFrame();
      expect(lines(frame)[0]).toMatch(/^stream › KeyHunter\s+enter open/);
      expect(frame).toContain('KeyHunter  IAMUser  arn:aws:iam::111122223333:user/KeyHunter');
      expect(frame).toMatch(/51 events, 10 errors .* risk #1 of \d+/);
      expect(frame).toMatch(
        /CRIT 03-13 14:02 {2}KeyHunter signed in from new address 102\.88\.109\.159/,
      );
      expectFits(tui.stdout.frames, SIZE.columns, SIZE.rows);
      // The baseline the marks are judged against, and what the marks mean, in words.
      expect(frame).toContain('baseline: 2025-03-10 .. 03-12, 3 days');
      expect(frame).toContain('NEW=new to the account too');

      const ipLine = await moveTo(tui, /102\.88\.109\.159 +NEW +29 ev/);
      expect(ipLine).toMatch(/29 ev 10 err/);
      await tui.press(KEYS.enter);
      frame = tui.lastFrame();
      expect(lines(frame)[0]).toMatch(/^stream › KeyHunter › 102\.88\.109\.159/);
      expect(frame).toContain('102.88.109.159  a public address');
      expect(frame).toMatch(/NG .*AS29465 MTN.* — outside AWS/);
      expect(await moveTo(tui, /^› +KeyHunter +(NEW +)?\d+ ev/)).toMatch(/29 ev 10 err/);

      await tui.press('F');
      frame = tui.lastFrame();
      expect(lines(frame)[0]).toMatch(/^stream › KeyHunter › 102\.88\.109\.159 › findings/);
      expect(cursorLine(frame)).toMatch(/CRIT 03-13 14:02 {2}Console login, then discovery/);
      expect(frame).toContain('ATT&CK: T1078.004 Valid Accounts: Cloud Accounts');
      expect(frame).toMatch(
        /what: KeyHunter signed in from new address 102\.88\.109\.159, then ListBuckets/,
      );

      await tui.press(KEYS.enter);
      frame = tui.lastFrame();
      const evidence = streamRows(frame);
      expect(evidence[0]).toMatch(/◆ 03-13 14:02:38 KeyHunter\s+ConsoleLogin/);
      expect(evidence.some((row) => /ListBuckets/.test(row))).toBe(true);
      expect(evidence.some((row) => /GetObject/.test(row))).toBe(true);
      expect(filterLine(frame)).toMatch(/^showing evidence: Console login, then discovery/);

      // esc walks back: findings, IP, KeyHunter, then the filtered stream on the same event.
      await tui.press(KEYS.escape);
      expect(lines(tui.lastFrame())[0]).toMatch(/› findings/);
      await tui.press(KEYS.escape);
      expect(lines(tui.lastFrame())[0]).toMatch(/^stream › KeyHunter › 102\.88\.109\.159 /);
      await tui.press(KEYS.escape);
      expect(lines(tui.lastFrame())[0]).toMatch(/^stream › KeyHunter /);
      await tui.press(KEYS.escape);
      frame = tui.lastFrame();
      expect(selectedRow(frame)).toBe(login.replace(/^› ./, (m) => m));
      expect(filterLine(frame)).toContain('filter: user:KeyHunter event:ConsoleLogin');
      expectFits(tui.stdout.frames, SIZE.columns, SIZE.rows);
    });
  });

  it('an event name in a profile opens that principal’s calls of it', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await tui.press(':', 'user KeyHunter', KEYS.enter);
      await moveTo(tui, /^› +ListBuckets /);
      await tui.press(KEYS.enter);
      const frame = tui.lastFrame();
      const rows = streamRows(frame);
      expect(rows.length).toBe(4);
      for (const row of rows) expect(row).toMatch(/KeyHunter\s+ListBuckets/);
      expect(filterLine(frame)).toContain(
        'KeyHunter › ListBuckets (user:"KeyHunter" event:"ListBuckets")',
      );
    });
  });

  it(': commands open profiles and say what is wrong with a bad one', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await tui.press(':', 'ip 102.88.109.159', KEYS.enter);
      expect(lines(tui.lastFrame())[0]).toMatch(/^stream › 102\.88\.109\.159/);
      await tui.press(KEYS.escape, ':', 'user keyhunt', KEYS.enter);
      expect(messageText(tui.lastFrame())).toContain(
        'no principal keyhunt — did you mean KeyHunter',
      );
      await tui.press(':', 'frobnicate', KEYS.enter);
      expect(messageText(tui.lastFrame())).toContain('unknown command :frobnicate');
      await tui.press(':', 'key AKIAX9W2MV4TQEXAMPLE', KEYS.enter);
      const frame = tui.lastFrame();
      expect(frame).toContain('AKIAX9W2MV4TQEXAMPLE  long-term key (AKIA)');
      expect(frame).toMatch(/CREATED \(1\)\n.*by KeyHunter for aws_consoler/);
      expect(frame).toMatch(/45\.9\.148\.108 .*NL/);
    });
  });

  it('i and K open the IP and access-key profiles of the selected event', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter event:GetObject ip:102.88.109.159');
      await tui.press('i');
      expect(lines(tui.lastFrame())[0]).toMatch(/^stream › 102\.88\.109\.159/);
      await tui.press(KEYS.escape, 'K');
      expect(lines(tui.lastFrame())[0]).toMatch(/^stream › ASIA[A-Z0-9]+/);
      expect(tui.lastFrame()).toContain('temporary credentials (ASIA)');
    });
  });
});
