import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../source/case/index.js';
import { PLAYBOOK } from '../../source/triage/index.js';
import { KEYS } from '../helpers/render-tui.js';
import { tempTree } from '../helpers/records.js';
import { applyFilter, DEMO, lines, statusLine, messageText, withTui } from './helpers.js';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

function newCasePath(): string {
  const tree = tempTree('case-ui');
  trees.push(tree);
  return join(tree.root, 'incident.json');
}

const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as CaseFile;

/** Waits until the case file on disk satisfies `test` (saves follow keys at once). */
async function untilSaved(path: string, test: (value: CaseFile) => boolean): Promise<CaseFile> {
  for (let i = 0; i < 200; i++) {
    const value = onDisk(path);
    if (test(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return onDisk(path);
}

describe('working in a case from the keyboard', () => {
  it('p pins the selected record, m marks the principal, both saved at once with an audit entry', async () => {
    const path = newCasePath();
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter event:ConsoleLogin ip:102.88.109.159');
      await tui.press('G', 'p');
      let saved = await untilSaved(path, (c) => c.pinned.length === 1);
      expect(saved.pinned[0]!.record.eventName).toBe('ConsoleLogin');
      expect(saved.pinned[0]!.record.sourceIPAddress).toBe('102.88.109.159');
      expect(messageText(tui.lastFrame())).toContain('pinned ConsoleLogin as evidence');
      await tui.press('p');
      await untilSaved(path, (c) => c.pinned.length === 0);
      expect(messageText(tui.lastFrame())).toContain('unpinned ConsoleLogin');
      await tui.press('p');
      await untilSaved(path, (c) => c.pinned.length === 1);
      await tui.press('m');
      saved = await untilSaved(path, (c) => c.suspects.length === 1);
      expect(saved.suspects[0]).toMatchObject({ kind: 'principal', value: 'KeyHunter' });
      expect(saved.audit.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['created case', 'pinned event', 'marked suspect']),
      );
      for (const entry of saved.audit) expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    });
  });

  it('c opens the checklist: space cycles a step, e writes its note, s skips with a reason', async () => {
    const path = newCasePath();
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      await tui.press('c');
      let frame = tui.lastFrame();
      expect(lines(frame)[0]).toMatch(/^stream › checklist +1:0\/\d+ 2:0\/\d+/);
      expect(frame).toContain(`1 [ ] ${PLAYBOOK[0]!.title}`);
      await tui.press(' ');
      let saved = await untilSaved(path, (c) => c.steps[PLAYBOOK[0]!.id]?.state === 'in-progress');
      await tui.press(' ');
      saved = await untilSaved(path, (c) => c.steps[PLAYBOOK[0]!.id]?.state === 'done');
      expect(tui.lastFrame()).toContain(`1 [x] ${PLAYBOOK[0]!.title}`);
      await tui.press('e', 'KeyHunter from Lagos, no MFA', KEYS.enter);
      saved = await untilSaved(path, (c) => c.steps[PLAYBOOK[0]!.id]?.note !== '');
      expect(saved.steps[PLAYBOOK[0]!.id]!.note).toBe('KeyHunter from Lagos, no MFA');
      await tui.press('j', 's', 'not our account', KEYS.enter);
      saved = await untilSaved(path, (c) => c.steps[PLAYBOOK[1]!.id]?.state === 'skipped');
      expect(saved.steps[PLAYBOOK[1]!.id]!.reason).toBe('not our account');
      frame = tui.lastFrame();
      expect(frame).toContain(`1 [-] ${PLAYBOOK[1]!.title}`);
      expect(saved.audit.some((entry) => entry.action === 'step done')).toBe(true);
      // Evidence pinned while a step is in progress is linked to it.
      await tui.press('j', ' ', KEYS.escape, 'G', 'p');
      saved = await untilSaved(path, (c) => (c.steps[PLAYBOOK[2]!.id]?.evidence.length ?? 0) > 0);
      expect(saved.steps[PLAYBOOK[2]!.id]!.evidence).toEqual([saved.pinned[0]!.eventId]);
    });
  });

  it('guided mode shows one step in full and enter opens its target', async () => {
    const path = newCasePath();
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      await tui.press(':', 'guide', KEYS.enter);
      const frame = tui.lastFrame();
      expect(lines(frame)[0]).toMatch(/^stream › guided/);
      expect(frame).toMatch(/Phase 1 · Triage/);
      expect(frame).toMatch(/Step 1 of \d+ {2}\[ \] /);
      expect(frame).toMatch(/why: /);
      expect(frame).toMatch(/next: /);
      await tui.press(KEYS.enter);
      expect(lines(tui.lastFrame())[0]).toMatch(/› findings/);
    });
  });

  it('y acknowledges a finding, x dismisses one with a reason; both kept in the case', async () => {
    const path = newCasePath();
    await withTui({ sources: [DEMO], casePath: path }, async (tui) => {
      await tui.press('F', 'y');
      let saved = await untilSaved(path, (c) => Object.keys(c.findings).length === 1);
      expect(Object.values(saved.findings)[0]).toMatchObject({ verdict: 'acknowledged' });
      expect(lines(tui.lastFrame())[1]).toMatch(/^›✓ CRIT /);
      await tui.press('j', 'x', 'the pipeline deploys from there', KEYS.enter);
      saved = await untilSaved(path, (c) => Object.keys(c.findings).length === 2);
      const dismissed = Object.values(saved.findings).find((r) => r.verdict === 'dismissed');
      expect(dismissed?.reason).toBe('the pipeline deploys from there');
      expect(lines(tui.lastFrame())[2]).toMatch(/^›✗ HIGH /);
      expect(saved.audit.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['finding acknowledged', 'finding dismissed']),
      );
    });
  });
});
