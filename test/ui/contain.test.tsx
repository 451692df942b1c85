import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../source/case/index.js';
import { PLAYBOOK } from '../../source/triage/index.js';
import { FakeContain } from '../helpers/fake-contain.js';
import { KEYS } from '../helpers/render-tui.js';
import { tempTree } from '../helpers/records.js';
import { applyFilter, DEMO, lines, statusLine, messageText, withTui } from './helpers.js';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

function newCasePath(): string {
  const tree = tempTree('contain-ui');
  trees.push(tree);
  return join(tree.root, 'incident.json');
}

const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as CaseFile;

async function until<T>(read: () => T, test: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = read();
    if (test(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return read();
}

async function openContain(tui: Parameters<Parameters<typeof withTui>[1]>[0]) {
  await applyFilter(tui, 'user:KeyHunter event:ConsoleLogin');
  await tui.press('C');
  return tui.waitFor((frame) => frame.includes('Contain user KeyHunter'), 'the contain screen');
}

describe('containment from the keyboard', () => {
  it('C on a KeyHunter event lists the actions; space picks, enter shows the plan as CLI commands', async () => {
    const contain = new FakeContain();
    await withTui({ sources: [DEMO], casePath: newCasePath(), contain }, async (tui) => {
      let frame = await openContain(tui);
      expect(lines(frame)[0]).toMatch(/contain KeyHunter/);
      expect(frame).toContain('[ ] Deactivate access keys');
      expect(frame).toContain('[ ] Delete the user (deletes)');
      await tui.press(' ', 'j', ' ');
      frame = tui.lastFrame();
      expect(frame).toContain('[x] Deactivate access keys');
      expect(frame).toContain('[x] Attach the quarantine policy');
      await tui.press(KEYS.enter);
      frame = await tui.waitFor((f) => f.includes('Plan: 3 calls'), 'the plan');
      // Long commands wrap rather than being cut at the edge: every word of each is on screen.
      const screenText = lines(frame).join(' ').replace(/\s+/g, ' ');
      expect(screenText).toContain(
        'aws iam update-access-key --user-name KeyHunter --access-key-id AKIAKEYONE --status Inactive',
      );
      expect(screenText).toContain(
        '--policy-arn arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3',
      );
      expect(contain.executed).toEqual([]);
      for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(80);
    });
  });

  it('runs the plan on enter, shows each call and the check, audits every call, settles the step', async () => {
    const contain = new FakeContain();
    const path = newCasePath();
    await withTui({ sources: [DEMO], casePath: path, contain }, async (tui) => {
      await openContain(tui);
      await tui.press(' ', KEYS.enter);
      await tui.waitFor((f) => f.includes('Plan: 2 calls'), 'the plan');
      await tui.press(KEYS.enter);
      const frame = await tui.waitFor((f) => f.includes('Verified by reading back'), 'results');
      expect(frame).toMatch(/✓ aws iam update-access-key .*AKIAKEYONE/);
      expect(frame).toContain('✓ access keys inactive: 2/2');
      expect(contain.keysActive).toEqual([]);
      expect(messageText(frame)).toContain('contained: user KeyHunter (verified)');
      const saved = await until(
        () => onDisk(path),
        (c) => c.steps['deactivate-access-keys']?.state === 'done',
      );
      const audit = saved.audit.map((entry) => `${entry.action}: ${entry.detail}`);
      expect(audit.filter((entry) => entry.startsWith('aws call:'))).toHaveLength(2);
      expect(audit.join('\n')).toContain('as arn:aws:iam::111122223333:user/responder');
      expect(audit.join('\n')).toContain('containment verified');
      expect(saved.steps['deactivate-access-keys']!.state).toBe('done');
    });
  });

  it('after a failed call, enter plans again and only what is left is done', async () => {
    const contain = new FakeContain();
    contain.failNext = 'AKIAKEYTWO';
    await withTui({ sources: [DEMO], casePath: newCasePath(), contain }, async (tui) => {
      await openContain(tui);
      await tui.press(' ', KEYS.enter);
      await tui.waitFor((f) => f.includes('Plan: 2 calls'), 'the plan');
      await tui.press(KEYS.enter);
      let frame = await tui.waitFor((f) => f.includes('✗ aws iam'), 'the failure');
      expect(frame).toContain('Throttling: rate exceeded; retry');
      await tui.press(KEYS.enter);
      frame = await tui.waitFor((f) => f.includes('Plan: 1 call'), 'the plan of what is left');
      expect(frame).toContain('1 key(s) already inactive');
      expect(frame).not.toContain('AKIAKEYONE --status');
      await tui.press(KEYS.enter);
      await tui.waitFor((f) => f.includes('✓ access keys inactive'), 'results');
      expect(contain.executed.filter((c) => c.includes('AKIAKEYONE'))).toHaveLength(1);
    });
  });

  it('a destructive plan runs only after the name is typed; a wrong name runs nothing', async () => {
    const contain = new FakeContain();
    const path = newCasePath();
    await withTui({ sources: [DEMO], casePath: path, contain }, async (tui) => {
      await openContain(tui);
      await tui.press('j', 'j', ' ', KEYS.enter);
      await tui.waitFor((f) => f.includes('type KeyHunter to run it'), 'the plan');
      await tui.press(KEYS.enter);
      let frame = await tui.waitFor((f) => f.includes('type KeyHunter to run it:'), 'the prompt');
      await tui.press('keyhunter', KEYS.enter);
      frame = await tui.waitFor((f) => f.includes('not confirmed'), 'the refusal');
      expect(contain.executed).toEqual([]);
      await tui.press(KEYS.enter, 'KeyHunter', KEYS.enter);
      frame = await tui.waitFor((f) => f.includes('✓ aws iam delete-user'), 'the call');
      expect(contain.executed).toEqual(['aws iam delete-user --user-name KeyHunter']);
      const saved = await until(
        () => onDisk(path),
        (c) => c.audit.some((entry) => entry.action === 'containment not confirmed'),
      );
      expect(saved.audit.some((entry) => entry.action === 'containment not confirmed')).toBe(true);
      expect(frame).toBeTruthy();
    });
  });

  it('read-only: every action is shown disabled with the reason and cannot be picked', async () => {
    const contain = new FakeContain('read-only');
    await withTui({ sources: [DEMO], casePath: newCasePath(), contain }, async (tui) => {
      const frame = await openContain(tui);
      expect(frame).toContain('[-] Deactivate access keys — read-only session');
      await tui.press(' ');
      expect(messageText(tui.lastFrame())).toContain('read-only session');
      await tui.press(KEYS.enter);
      expect(messageText(tui.lastFrame())).toContain('space picks an action');
      expect(contain.executed).toEqual([]);
    });
  });

  it('without a live connection the screen lists the playbook actions, all disabled', async () => {
    await withTui({ sources: [DEMO], casePath: newCasePath() }, async (tui) => {
      const frame = await openContain(tui);
      expect(frame).toContain('[-] Deactivate the access keys — offline');
      await tui.press(KEYS.enter);
      expect(messageText(tui.lastFrame())).toContain('offline: open with --live');
    });
  });

  it('enter on a containment step of the checklist opens it for the suspect, its action picked', async () => {
    const contain = new FakeContain();
    await withTui({ sources: [DEMO], casePath: newCasePath(), contain }, async (tui) => {
      await applyFilter(tui, 'user:KeyHunter');
      await tui.press('m', 'c');
      const at = PLAYBOOK.findIndex((step) => step.id === 'deactivate-access-keys');
      await tui.press(...Array.from({ length: at }, () => 'j'), KEYS.enter);
      const frame = await tui.waitFor((f) => f.includes('Contain user KeyHunter'), 'contain');
      expect(frame).toContain('[x] Deactivate access keys');
      expect(frame).toContain('[ ] Attach the quarantine policy');
    });
  });

  it('dry run shows the plan and refuses to run it', async () => {
    const contain = new FakeContain('dry-run');
    await withTui({ sources: [DEMO], casePath: newCasePath(), contain }, async (tui) => {
      await openContain(tui);
      await tui.press(' ', KEYS.enter);
      await tui.waitFor((f) => f.includes('Plan: 2 calls'), 'the plan');
      await tui.press(KEYS.enter);
      expect(messageText(tui.lastFrame())).toContain('dry run');
      expect(contain.executed).toEqual([]);
    });
  });
});
