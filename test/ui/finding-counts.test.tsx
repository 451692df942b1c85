import { describe, expect, it } from 'vitest';
import { severityRank } from '../../source/detect/index.js';
import { DEMO, statusLine, withTui } from './helpers.js';

describe('the status bar counts findings as the list shows them', () => {
  // KeyHunter's login from a country new for him and for the account, without MFA, is high (issue 15).
  it('reads "1 critical, 7 high" on the demo, counted as the list shows them', async () => {
    await withTui({ sources: [DEMO], columns: 140, rows: 30 }, async (tui) => {
      const frame = await tui.waitFor(
        (text) => / findings \(/.test(statusLine(text)),
        'the findings count',
      );
      const findings = tui.store.getState().findings;
      const critical = findings.filter((f) => f.severity === 'critical').length;
      const high = findings.filter((f) => f.severity === 'high').length;
      expect([critical, high]).toEqual([1, 7]);
      expect(findings.filter((f) => severityRank(f.severity) >= severityRank('high'))).toHaveLength(
        8,
      );
      expect(statusLine(frame)).toContain(`${findings.length} findings (1 critical, 7 high)`);
    });
  }, 60_000);
});
