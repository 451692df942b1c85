import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { afterEach, expect, it } from 'vitest';
import { tuiContainService } from '../../source/cli/tui-contain.js';
import type { ContainCallView } from '../../source/state/index.js';
import { describeWithMoto, useMoto } from '../helpers/moto.js';
import { seedUser } from '../aws/contain/seed.js';

const CALLER = 'arn:aws:iam::123456789012:user/responder';
const USER = { kind: 'user', name: 'KeyHunter' } as const;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeWithMoto("the TUI's containment service against moto", () => {
  const peer = useMoto();
  const service = (mode: 'act' | 'read-only' | 'dry-run' = 'act') => {
    const evidenceDir = mkdtempSync(join(tmpdir(), 'trailhound-tui-evidence-'));
    dirs.push(evidenceDir);
    return tuiContainService({
      clients: peer.clients,
      caller: CALLER,
      region: 'us-east-1',
      mode,
      evidenceDir,
      audit: () => undefined,
    });
  };

  it('plans, runs and verifies the story’s containment; a second plan finds nothing left', async () => {
    await seedUser(peer.clients.iam);
    const contain = service();
    const ids = contain.choices(USER).map((choice) => choice.id);
    expect(ids).toEqual(
      expect.arrayContaining(['deactivate-keys', 'quarantine', 'revoke-sessions', 'delete-user']),
    );
    // A checklist step preselects its action by the step it settles.
    const byStep = contain
      .choices(USER)
      .find((choice) => choice.stepId === 'deactivate-access-keys');
    expect(byStep?.id).toBe('deactivate-keys');
    const actions = ['deactivate-keys', 'quarantine', 'revoke-sessions', 'remove-console'];
    const plan = await contain.plan(USER, actions);
    expect(plan.destructive).toBe(true);
    expect(plan.commands.some((line) => line.startsWith('aws iam update-access-key'))).toBe(true);

    const calls: ContainCallView[] = [];
    const result = await contain.execute(USER, actions, (call) => calls.push(call));
    expect(result.ok).toBe(true);
    expect(calls.every((call) => call.ok)).toBe(true);
    expect(result.checks.length).toBeGreaterThan(0);
    expect(result.checks.every((check) => check.ok)).toBe(true);
    // moto's state, read back by the test itself.
    const keys = await peer.clients.iam.send(new ListAccessKeysCommand({ UserName: 'KeyHunter' }));
    expect(keys.AccessKeyMetadata!.map((key) => key.Status)).toEqual(
      keys.AccessKeyMetadata!.map(() => 'Inactive'),
    );
    const attached = await peer.clients.iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: 'KeyHunter' }),
    );
    expect(attached.AttachedPolicies!.map((policy) => policy.PolicyName)).toContain(
      'AWSCompromisedKeyQuarantineV3',
    );
    await expect(
      peer.clients.iam.send(new GetLoginProfileCommand({ UserName: 'KeyHunter' })),
    ).rejects.toThrow();

    const again = await contain.plan(USER, actions);
    // Only the session revocation is planned again: "before now" moves with now.
    expect(again.commands).toHaveLength(1);
    expect(again.commands[0]).toMatch(/put-user-policy .*AWSRevokeOlderSessions/);
    expect(again.done).toHaveLength(3);
    expect(again.notes.join(' ')).toMatch(/already attached/);
    expect(again.warnings).toEqual([]);
    expect(again.destructive).toBe(false);
  });

  it('deleting the user first writes its state to the evidence folder, reported as a call', async () => {
    await seedUser(peer.clients.iam);
    const contain = service();
    const plan = await contain.plan(USER, ['delete-user']);
    expect(plan.warnings.join(' ')).toMatch(/not preserved yet/);
    const calls: ContainCallView[] = [];
    const result = await contain.execute(USER, ['delete-user'], (call) => calls.push(call));
    expect(calls[0]!.command).toMatch(/^preserve /);
    expect(calls[0]!.detail).toMatch(/sha256 [0-9a-f]{64}/);
    expect(result.ok).toBe(true);
    expect(calls.at(-1)!.command).toBe('aws iam delete-user --user-name KeyHunter');
  });

  it('read-only: every action disabled with the reason', async () => {
    const contain = service('read-only');
    const choices = contain.choices(USER);
    expect(choices.length).toBeGreaterThan(5);
    for (const choice of choices) expect(choice.disabled).toMatch(/read-only/);
  });
});
