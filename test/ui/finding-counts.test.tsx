import { describe, expect, it } from 'vitest';
import { severityRank } from '../../source/detect/index.js';
import { DEMO, statusLine, withTui } from './helpers.js';

describe('the status bar counts findings as the list shows them', () => {
  it('reads "1 critical, 5 high" on the demo, where it said "6 high"', async () => {
    await withTui({ sources: [DEMO], columns: 140, rows: 30 }, async (tui) => {
      const frame = await tui.waitFor(
        (text) => / findings \(/.test(statusLine(text)),
        'the findings count',
      );
      const findings = tui.store.getState().findings;
      const critical = findings.filter((f) => f.severity === 'critical').length;
      const high = findings.filter((f) => f.severity === 'high').length;
      expect([critical, high]).toEqual([1, 5]);
      expect(findings.filter((f) => severityRank(f.severity) >= severityRank('high'))).toHaveLength(
        6,
      );
      expect(statusLine(frame)).toContain(`${findings.length} findings (1 critical, 5 high)`);
    });
  }, 60_000);
});
