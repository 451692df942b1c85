import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYS, type Tui } from '../helpers/render-tui.js';
import { iamUser, makeRecord, tempTree } from '../helpers/records.js';
import { expectFits, lines, position, selectedRow, streamRows, withTui } from './helpers.js';

const OSC_TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';
const C1_CSI = '\x9b31m';
const RLO = '\u202e';
const WIDE = 'a山田太郎山田太郎'; // 17 columns: truncating it splits a wide character

/** One record per attack, each on its own line of a JSON-lines file, one minute apart. */
const records = [
  makeRecord({
    eventTime: '2024-06-01T10:00:00Z',
    userIdentity: iamUser(OSC_TITLE),
    eventName: 'ListBuckets',
    sourceIPAddress: '10.66.0.1',
    userAgent: `${CLEAR}curl/8.4.0`,
  }),
  makeRecord({
    eventTime: '2024-06-01T10:01:00Z',
    userIdentity: iamUser(WIDE),
    eventName: `Get${RLO}tcejbO`,
    sourceIPAddress: '10.66.0.2\x00\x7f',
    requestParameters: { bucketName: `b${C1_CSI}x`, key: OSC_TITLE, note: `${RLO}fdp.exe` },
  }),
  makeRecord({
    eventTime: '2024-06-01T10:02:00Z',
    userIdentity: iamUser('mallory'),
    eventName: `Delete\x00Bucket\x7f`,
    sourceIPAddress: `10.66.0.3${RLO}`,
    userAgent: `${RLO}evil ${C1_CSI}`,
    requestParameters: { bucketName: `${C1_CSI}${CLEAR}` },
  }),
  makeRecord({
    eventTime: '2024-06-01T10:03:00Z',
    userIdentity: iamUser('山田'),
    eventName: 'CreateUser',
    sourceIPAddress: '10.66.0.4',
    requestParameters: { userName: `${OSC_TITLE}${WIDE}` },
  }),
];

const tree = tempTree('hostile');
const file = tree.write('hostile.jsonl', records.map((r) => JSON.stringify(r)).join('\n') + '\n');
afterAll(() => tree.remove());

/** Nothing the terminal would act on: no raw introducers, bidi overrides, NUL or DEL. */
function expectInert(frames: readonly string[]): void {
  for (const frame of frames) {
    const shown = JSON.stringify(frame);
    expect(frame.includes('\x1b]0;pwned'), `raw OSC in ${shown}`).toBe(false);
    expect(frame.includes('\x1b[2J'), `raw clear-screen in ${shown}`).toBe(false);
    // The only escape sequences left are ink's own styling (SGR): ESC [ digits m.
    expect(/\x1b(?!\[[0-9;]*m)/.test(frame), `stray ESC in ${shown}`).toBe(false);
    expect(/[\x00\x07\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]/.test(frame), shown).toBe(false);
  }
}

/** The SOURCE IP column starts at the same display column on the header and every row. */
function expectIpColumnAligned(frame: string): void {
  const all = lines(frame);
  const header = all[0]!;
  const column = stringWidth(header.slice(0, header.indexOf('SOURCE IP')));
  expect(column).toBeGreaterThan(20);
  const rows = streamRows(frame);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const at = row.indexOf('10.66.0.');
    expect(at, row).toBeGreaterThan(0);
    expect(stringWidth(row.slice(0, at)), row).toBe(column);
  }
}

/** Opens the detail of every event and pages through the whole record. */
async function readEveryDetail(tui: Tui): Promise<string[]> {
  const seen: string[] = [];
  await tui.press('g', 'd');
  for (let i = 0; i < records.length; i++) {
    // The detail has the focus: tab to the stream, select the next event, tab back.
    if (i > 0) await tui.press(KEYS.tab, 'j', KEYS.tab);
    await tui.waitFor((f) => f.includes(`eventTime          2024-06-01T10:0${i}:00Z`));
    seen.push(tui.lastFrame());
    for (let page = 0; page < 6; page++) {
      await tui.press(KEYS.pageDown);
      seen.push(tui.lastFrame());
    }
  }
  return seen;
}

describe('attacker-controlled text', () => {
  for (const [columns, rows] of [
    [80, 24],
    [130, 40],
  ] as const) {
    it(`is shown as visible escapes, never interpreted, at ${columns}x${rows}`, async () => {
      await withTui({ sources: [file], columns, rows }, async (tui) => {
        let frame = tui.lastFrame();
        expect(streamRows(frame)).toHaveLength(4);
        expect(position(frame)).toBe('1/4');
        expectIpColumnAligned(frame);
        // The escapes are visible in the stream, as text.
        expect(selectedRow(frame)).toContain('\\x1b]0;pwned');
        expect(frame).toContain(`Get\\u202etcejbO`);
        expect(frame).toContain('Delete\\x00Bucket');
        expect(frame).toContain('a山田太郎');

        const details = await readEveryDetail(tui);
        const text = details.join('\n');
        expect(text).toContain('principal          \\x1b]0;pwned\\x07');
        expect(text).toContain('userAgent          \\x1b[2Jcurl/8.4.0');
        expect(text).toContain('sourceIPAddress    10.66.0.2\\x00\\x7f');
        expect(text).toContain('"bucketName": "b\\x9b31mx"');
        expect(text).toContain('userAgent          \\u202eevil \\x9b31m');
        expect(text).toContain(`principal          ${WIDE}`);

        for (const seen of details) expectIpColumnAligned(seen);
        expectInert(tui.stdout.frames);
        expectFits(tui.stdout.frames, columns, rows);
        frame = tui.lastFrame();
        expect(position(frame)).toBe('4/4');
      });
    });
  }
});
