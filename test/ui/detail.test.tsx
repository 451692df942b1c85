import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../source/case/index.js';
import { KEYS, type Tui } from '../helpers/render-tui.js';
import { makeRecords, tempTree } from '../helpers/records.js';
import {
  applyFilter,
  DEMO,
  DEMO_TOTAL,
  lines,
  messageText,
  position,
  selectedRow,
  statusLine,
  streamRows,
  withTui,
} from './helpers.js';

const SIZE = { columns: 80, rows: 24 };
/** The failed (1/2) and then successful (2/2) console logins of KeyHunter from the attacker's IP. */
const LOGINS = 'user:KeyHunter event:ConsoleLogin ip:102.88.109.159';

/** The detail pane's title line: `▶ Detail 1-12/54` when focused, `  Detail …` when not. */
function title(frame: string): string {
  return lines(frame).find((line) => /^(▶| ) Detail /.test(line)) ?? '(no detail pane)';
}

/** The detail pane's content lines, below its title and above the filter line. */
function detailBody(frame: string): string[] {
  const all = lines(frame);
  const start = all.indexOf(title(frame));
  expect(start, `no detail pane in:\n${frame}`).toBeGreaterThan(0);
  return all.slice(start + 1, -2);
}

function field(frame: string, name: string): string | undefined {
  const prefix = name.padEnd(18) + ' ';
  return detailBody(frame)
    .find((line) => line.startsWith(prefix))
    ?.slice(prefix.length);
}

async function openLogin(tui: Tui, which: 'failed' | 'success'): Promise<string> {
  await applyFilter(tui, LOGINS);
  if (which === 'success') await tui.press('j');
  await tui.press('d');
  const time = which === 'success' ? '2025-03-13T14:02:38Z' : '2025-03-13T14:02:11Z';
  return tui.waitFor((frame) => frame.includes(`eventTime          ${time}`), `detail of ${time}`);
}

describe('the detail pane', () => {
  it('shows the key fields of the successful KeyHunter login, then the full record', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      let frame = await openLogin(tui, 'success');
      // The user agent wraps (the record is the evidence): 58 rows for 54 record lines.
      expect(title(frame)).toMatch(/^▶ Detail 1-12\/58 {2}\(tab: switch pane/);
      expect(detailBody(frame)[0]).toBe('── Key fields ──');
      expect(field(frame, 'eventTime')).toBe('2025-03-13T14:02:38Z');
      expect(field(frame, 'eventName')).toBe('ConsoleLogin');
      expect(field(frame, 'sourceIPAddress')).toBe('102.88.109.159');
      expect(field(frame, 'userAgent')).toMatch(/^Mozilla\/5\.0 \(X11; Linux x86_64; rv:128\.0\)/);
      expect(detailBody(frame)).toContain('      Firefox/128.0');
      expect(field(frame, 'principal')).toBe('KeyHunter');
      expect(field(frame, 'console login')).toBe('Success');
      expect(frame).not.toContain('Full record');
      // The stream keeps its two rows above the pane, with the opened one selected.
      expect(streamRows(frame)).toHaveLength(2);
      expect(selectedRow(frame)).toContain('03-13 14:02:38 KeyHunter');

      await tui.press(KEYS.pageDown);
      frame = tui.lastFrame();
      expect(title(frame)).toMatch(/^▶ Detail 13-24\/58 /);
      const body = detailBody(frame);
      expect(body[0]).toBe('MFA used           NO');
      expect(body[1]).toBe('requestParameters  —');
      expect(body[2]).toBe('responseElements');
      expect(body).toContain('    "ConsoleLogin": "Success"');
      expect(body[6]).toBe('── Full record ──');
      expect(body[7]).toBe('{');
      expect(body[8]).toBe('  "eventVersion": "1.09",');

      // j/k scroll the detail (focused), not the stream.
      await tui.press('k');
      expect(title(tui.lastFrame())).toMatch(/^▶ Detail 12-23\/58 /);
      expect(detailBody(tui.lastFrame())[0]).toBe('console login      Success');
      await tui.press('j', 'j');
      expect(title(tui.lastFrame())).toMatch(/^▶ Detail 14-25\/58 /);
      expect(detailBody(tui.lastFrame())[0]).toBe('requestParameters  —');
      expect(position(tui.lastFrame())).toBe('2/2');

      await tui.press('G');
      frame = tui.lastFrame();
      expect(title(frame)).toMatch(/^▶ Detail 47-58\/58 /);
      expect(detailBody(frame).at(-1)).toBe('}');
      expect(position(frame)).toBe('2/2');
    });
  });

  it('tab moves focus; moving the stream cursor shows the new event; esc closes', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      let frame = await openLogin(tui, 'failed');
      expect(title(frame)).toMatch(/^▶ Detail 1-12\//);
      expect(field(frame, 'console login')).toBe('Failure');
      expect(selectedRow(frame)).toMatch(/^›! 03-13 14:02:11 KeyHunter .* Failed …$/);

      await tui.press(KEYS.tab);
      expect(title(tui.lastFrame())).toMatch(/^ {2}Detail 1-12\//);
      await tui.press('j');
      frame = await tui.waitFor((f) => f.includes('eventTime          2025-03-13T14:02:38Z'));
      expect(position(frame)).toBe('2/2');
      expect(selectedRow(frame)).toContain('03-13 14:02:38 KeyHunter');
      expect(field(frame, 'console login')).toBe('Success');
      expect(frame).not.toContain('Failure');
      expect(selectedRow(frame)).toMatch(/^›◆ 03-13 14:02:38 KeyHunter/);

      // Focus back on the detail: j scrolls it and the stream stays put.
      await tui.press(KEYS.tab, 'j');
      frame = tui.lastFrame();
      expect(title(frame)).toMatch(/^▶ Detail 2-13\//);
      expect(position(frame)).toBe('2/2');

      // Back in the stream, k selects the failed login again and the pane starts at its top.
      await tui.press(KEYS.tab, 'k');
      frame = await tui.waitFor((f) => f.includes('eventTime          2025-03-13T14:02:11Z'));
      expect(title(frame)).toMatch(/^ {2}Detail 1-12\//);
      expect(field(frame, 'console login')).toBe('Failure');
      expect(position(frame)).toBe('1/2');

      await tui.press(KEYS.escape);
      frame = tui.lastFrame();
      expect(frame).not.toContain('Detail');
      expect(frame).not.toContain('Key fields');
      // Closing the pane does not clear the filter: that is the next esc.
      expect(statusLine(frame)).toContain(`2 of ${DEMO_TOTAL} events match · 1/2`);
      await tui.press(KEYS.escape);
      expect(position(tui.lastFrame())).toBe(`2,414/${DEMO_TOTAL}`);
    });
  });

  it('esc closes the pane from the detail focus too; enter reopens it', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await openLogin(tui, 'success');
      await tui.press(KEYS.escape);
      expect(tui.lastFrame()).not.toContain('Detail');
      expect(streamRows(tui.lastFrame())).toHaveLength(2);
      await tui.press('d');
      const frame = await tui.waitFor((f) => f.includes('console login      Success'));
      expect(title(frame)).toMatch(/^▶ Detail 1-12\/58 /);
    });
  });

  it('closing the pane at the end of the stream fills the taller window again', async () => {
    await withTui({ sources: [DEMO], ...SIZE }, async (tui) => {
      await tui.press('G', 'd');
      await tui.waitFor((f) => f.includes('eventTime          2025-03-14T23:47:06Z'));
      expect(streamRows(tui.lastFrame())).toHaveLength(7);
      await tui.press(KEYS.escape);
      const frame = tui.lastFrame();
      expect(frame).not.toContain('Detail');
      expect(streamRows(frame)).toHaveLength(20);
      expect(streamRows(frame).at(-1)).toBe(selectedRow(frame));
      expect(position(frame)).toBe(`${DEMO_TOTAL}/${DEMO_TOTAL}`);
    });
  });
});

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

/**
 * Two honest records and, last in time, one whose requestParameters nests 5,000 objects deep
 * (30 KB of text). Written as text: the test itself must not stringify it.
 */
function deepTrail(): { file: string; casePath: string } {
  const tree = tempTree('deep-ui');
  trees.push(tree);
  const [first, second, third] = makeRecords(3, '2025-01-01T10:00:00Z', 'Honest');
  const deep = JSON.stringify({
    ...third,
    eventName: 'DeepCall',
    requestParameters: 'HERE',
  }).replace('"HERE"', `${'{"a":'.repeat(5000)}"bottom"${'}'.repeat(5000)}`);
  const file = tree.write(
    'deep.json',
    `{"Records":[${JSON.stringify(first)},${JSON.stringify(second)},${deep}]}`,
  );
  return { file, casePath: join(tree.root, 'case.json') };
}

describe('a record nested 5,000 deep in the TUI', () => {
  it('d shows it cut at the depth bound, and p pins it', async () => {
    const { file, casePath } = deepTrail();
    await withTui({ sources: [file], casePath, columns: 80, rows: 24 }, async (tui) => {
      await tui.waitFor((frame) => frame.includes('DeepCall'), 'the deep record in the stream');
      await tui.press('G', 'd');
      let frame = await tui.waitFor(
        (f) => f.includes('eventName          DeepCall'),
        'the detail pane of the deep record',
      );
      // Scroll to the cut (the store's own action, as j does, in one step rather than a hundred).
      const cutAt = tui.store
        .getState()
        .detail.lines.findIndex((line) => line.text.includes('levels deeper}'));
      expect(cutAt).toBeGreaterThan(100);
      tui.store.getState().scrollDetail(cutAt - 4);
      frame = await tui.waitFor((f) => f.includes('levels deeper}'), 'the cut on screen');
      // Indentation stops at 40 columns; deeper lines are led by their level instead.
      expect(frame).toMatch(/^ {35,37}1\d\d› "a": \{… 4,873 levels deeper\}$/m);
      expect(frame.split('\n').length).toBeLessThanOrEqual(24);

      await tui.press(KEYS.tab, 'p');
      await tui.waitFor((f) => messageText(f).includes('pinned DeepCall'), 'the pin message');
      const saved = JSON.parse(readFileSync(casePath, 'utf8')) as CaseFile;
      expect(saved.pinned.map((pin) => pin.record.eventName)).toEqual(['DeepCall']);
      expect(JSON.stringify(saved.pinned[0]!.record)).toContain('"a":"{… 4,873 levels deeper}"');
    });
  });
});
