import { describe, expect, it } from 'vitest';
import { ACTIONS, actionNamed } from '../../source/aws/contain/index.js';
import { PLAYBOOK } from '../../source/triage/index.js';
import { applyFilter, DEMO, withTui } from './helpers.js';

/** The playbook's containment steps, and whether each applies to a user and to a role. */
const STEPS = PLAYBOOK.flatMap((step) =>
  step.target.kind === 'action'
    ? [{ title: step.title, kinds: ACTIONS[actionNamed(step.target.action)!].appliesTo }]
    : [],
);

describe('the containment screen offers only what applies to the target', () => {
  it.each([
    ['role', 'user:ops-admin/bob-devops', 'Contain role ops-admin'],
    ['user', 'user:KeyHunter', 'Contain user KeyHunter'],
  ] as const)('a %s (offline)', async (kind, query, heading) => {
    await withTui({ sources: [DEMO], columns: 160, rows: 40 }, async (tui) => {
      await applyFilter(tui, query);
      await tui.press('C');
      const frame = await tui.waitFor((f) => f.includes(heading), 'the contain screen');
      for (const step of STEPS) {
        if (step.kinds.includes(kind)) expect(frame, step.title).toContain(step.title);
        else expect(frame, step.title).not.toContain(step.title);
      }
    });
  });

  it('a role: sessions, quarantine and deletion of the role, never a login profile or keys', () => {
    const forRole = STEPS.filter((step) => step.kinds.includes('role')).map((s) => s.title);
    expect(forRole.join(' | ')).toMatch(/revoke/i);
    expect(forRole.join(' | ')).toMatch(/quarantine/i);
    expect(forRole.join(' | ')).toMatch(/delete.*role/i);
    expect(forRole.join(' | ')).not.toMatch(/login profile|console password|access key/i);
  });
});
