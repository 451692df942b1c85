import { afterEach, describe, expect, it } from 'vitest';
import { ORG, orgRecords } from '../helpers/org-records.js';
import { recordsJson, tempTree } from '../helpers/records.js';
import { KEYS } from '../helpers/render-tui.js';
import { expectFits, lines, messageText, streamRows, withTui } from './helpers.js';

/** An organization trail in the stream: the account is a column, and the detail names it. */

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

function orgTrail(): string {
  const tree = tempTree('accounts-ui');
  trees.push(tree);
  return tree.write('org.json', recordsJson(orgRecords()));
}

const header = (frame: string) => lines(frame).find((line) => line.includes('PRINCIPAL')) ?? '';

describe('the stream of several accounts', () => {
  it('at 80x24 shows the digits that tell the accounts apart, and still fits', async () => {
    await withTui({ sources: [orgTrail()], columns: 80, rows: 24 }, async (tui) => {
      const frame = await tui.waitFor((f) => streamRows(f).length === 13, 'all 13 rows');
      expect(header(frame)).toMatch(/TIME \(UTC\)\s+ACCT\s+PRINCIPAL\s+EVENT/);
      const rows = streamRows(frame);
      // A (…23333) and C (…03333) end in the same four digits: five tell them apart.
      expect(rows[0]).toMatch(/ 23333 KeyHunter +ListBuckets/);
      expect(rows[1]).toMatch(/ 56666 KeyHunter +ListBuckets/);
      expect(rows[2]).toMatch(/ 03333 ops +DescribeInstances/);
      // The event and the source address keep room enough to read.
      expect(rows[10]).toContain('UpdateFunctionCo');
      expect(rows[10]).toContain('192.0.2.45');
      expectFits([frame], 80, 24);
    });
  });

  it('at 120 columns shows whole account ids; the detail pane names the account', async () => {
    await withTui({ sources: [orgTrail()], columns: 120, rows: 30 }, async (tui) => {
      const frame = await tui.waitFor((f) => streamRows(f).length === 13, 'all 13 rows');
      expect(header(frame)).toMatch(/ACCOUNT\s+PRINCIPAL/);
      expect(streamRows(frame)[1]).toContain(`${ORG.B} KeyHunter`);
      expectFits([frame], 120, 30);
      await tui.press('j', 'd');
      const detail = await tui.waitFor((f) => f.includes('account            '), 'the detail');
      expect(lines(detail).some((line) => line.startsWith(`account            ${ORG.B}`))).toBe(
        true,
      );
    });
  });

  it('a name two accounts hold is ambiguous; the row’s own principal opens', async () => {
    await withTui({ sources: [orgTrail()], columns: 80, rows: 24 }, async (tui) => {
      await tui.waitFor((f) => streamRows(f).length === 13, 'all 13 rows');
      await tui.press(':', 'user KeyHunter', KEYS.enter);
      expect(messageText(tui.lastFrame())).toContain(
        `KeyHunter is 2 principals, one per account: ${ORG.A}/KeyHunter, ${ORG.B}/KeyHunter`,
      );
      // The second row is B's KeyHunter: enter opens B's, never A's namesake.
      await tui.press('j', KEYS.enter);
      const profile = await tui.waitFor(
        (f) => lines(f)[0]!.includes(`${ORG.B}/KeyHunter`),
        'the profile',
      );
      expect(profile).toContain('4 events, 2 errors');
      expectFits([profile], 80, 24);
    });
  });
});
