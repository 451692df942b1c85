import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../source/case/index.js';
import { KEYS } from '../helpers/render-tui.js';
import { tempTree } from '../helpers/records.js';
import { DEMO, expectFits, lines, withTui } from './helpers.js';
import type { Tui } from '../helpers/render-tui.js';
import { createAppStore } from '../../source/state/index.js';
import { caseForSession } from '../../source/cli/open-case.js';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as CaseFile;

async function untilSaved(path: string, test: (value: CaseFile) => boolean): Promise<CaseFile> {
  for (let i = 0; i < 200; i++) {
    const value = onDisk(path);
    if (test(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return onDisk(path);
}

async function untilDetected(tui: Tui): Promise<void> {
  await tui.waitFor(() => tui.store.getState().detection.status === 'done', 'detections');
}

describe('dismiss → tuning entry', { timeout: 60_000 }, () => {
  it("x, a reason, then n: never again for the scanner from its /24 — in the case's tuning, audited, kept on reopen", async () => {
    const tree = tempTree('tuning-ui');
    trees.push(tree);
    const path = join(tree.root, 'incident.json');
    const frames: string[] = [];
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      await untilDetected(tui);
      await tui.press('F');
      const at = tui.store
        .getState()
        .listedFindings.findIndex(
          (f) => f.ruleId === 'discovery-burst' && f.principal === 'SecurityAudit',
        );
      expect(at).toBeGreaterThan(0);
      for (let i = 0; i < at; i++) await tui.press('j');
      await tui.press('x', 'the nightly scanner', KEYS.enter);
      const offer = await tui.waitFor((frame) => frame.includes('never again'), 'the offer');
      frames.push(offer);
      expect(lines(offer)).toContain(
        'never again for SecurityAudit? p: yes · n: only from 198.51.100.0/24 · esc: no',
      );
      await tui.press('n');
      const saved = await untilSaved(path, (c) => (c.tuning ?? []).length === 1);
      expect(saved.tuning![0]).toMatchObject({
        kind: 'suppress',
        rule: 'discovery-burst',
        principal: 'SecurityAudit',
        network: '198.51.100.0/24',
        reason: 'the nightly scanner',
      });
      expect(saved.tuning![0]).toHaveProperty('by');
      const audit = saved.audit.at(-1)!;
      expect(audit.action).toBe('tuning entry added');
      expect(audit.detail).toBe(
        'suppress discovery-burst for SecurityAudit from 198.51.100.0/24: the nightly scanner',
      );
      expect(audit.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      const hidden = await tui.waitFor((frame) => frame.includes('1 suppressed by tuning'));
      frames.push(hidden);
      expect(lines(hidden)[0]).toMatch(/1 suppressed by tuning \(T shows\) · esc back$/);
      expect(hidden).not.toMatch(/Burst of enumeration calls +SecurityAudit/);
      await tui.press('T', 'G');
      const shown = await tui.waitFor((frame) => frame.includes('T hides'));
      frames.push(shown);
      expect(shown).toMatch(/›~ LOW .*Burst of enumeration calls +SecurityAudit/);
      expect(shown).toContain('suppressed by tuning: tuning[0] in case: the nightly scanner');
      // Reopened (a new store over the same events, the case read from disk), the case's
      // tuning still hides it: the reopen path is attachCase, not the keys.
      const { index } = tui;
      const all = [
        ...tui.store.getState().findings,
        ...tui.store.getState().suppressed.map(({ finding }) => finding),
      ];
      const reopened = createAppStore({
        index,
        now: Date.now,
        source: 'test',
        size: { columns: 80, rows: 24 },
      });
      reopened.getState().attachCase(caseForSession(path, [DEMO], 'test case').store);
      reopened.getState().setFindings(all);
      expect(reopened.getState().suppressed.map((s) => s.by)).toEqual([
        'tuning[0] in case: the nightly scanner',
      ]);
      expect(reopened.getState().findings).toHaveLength(all.length - 1);
    });
    expectFits(frames, 80, 24);
  });
});
