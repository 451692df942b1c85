import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createContainSession,
  type AwsAuditEntry,
  type ContainClients,
  type SessionCallView,
  type SessionMode,
} from '../../../source/aws/contain/index.js';
import { isGuarded } from '../../../source/aws/guard/read-only.js';
import { fakeUser, installFakeIam } from './fake-iam.js';
import { CALLER } from './run-plans.js';

const USER = { kind: 'user', name: 'KeyHunter' } as const;
const config = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' },
};
let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup) step();
  cleanup = [];
});

function setup(mode: SessionMode, evidence = true) {
  const clients: ContainClients = {
    iam: new IAMClient(config),
    lambda: new LambdaClient(config),
    cloudtrail: new CloudTrailClient(config),
  };
  const user = fakeUser('KeyHunter', 1);
  const fake = installFakeIam(clients.iam, user);
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-session-'));
  cleanup.push(
    () => fake.mock.restore(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  const audit: AwsAuditEntry[] = [];
  const session = createContainSession({
    clients,
    mode,
    caller: CALLER,
    region: 'us-east-1',
    audit: (entry) => audit.push(entry),
    ...(evidence ? { evidenceDir: join(dir, 'evidence') } : {}),
    clock: () => new Date('2026-12-04T12:00:00Z'),
  });
  return { session, fake, audit, user, clients };
}

describe('containment session (the TUI face of the core)', () => {
  it("lists a target's actions, every one disabled with the reason in a read-only session", () => {
    const { session } = setup('read-only');
    const choices = session.choices(USER);
    expect(choices.map((c) => c.id)).toEqual([
      'deactivate-keys',
      'quarantine',
      'quarantine-inline',
      'revoke-sessions',
      'remove-console',
      'reset-password',
      'create-trail',
      'delete-keys',
      'delete-user',
      'reactivate-keys',
      'unquarantine',
      'unrevoke-sessions',
    ]);
    expect(choices.find((c) => c.id === 'quarantine')!.disabled).toBe(
      'this session is read-only (--read-only); no mutating call is made',
    );
    expect(choices.find((c) => c.id === 'delete-user')!.destructive).toBe(true);
    expect(
      setup('act')
        .session.choices({ kind: 'function', name: 'f' })
        .map((c) => c.id),
    ).toEqual(['stop-function', 'create-trail']);
  });

  it('plans with the playbook names too, says what is already done and warns before an unpreserved deletion', async () => {
    const { session, user } = setup('act');
    user.keys = [{ id: 'AKIAEXAMPLEKEY000002', status: 'Inactive' }];
    const view = await session.plan(USER, [
      'deactivate-keys',
      'quarantine-policy',
      'delete-login-profile',
      'delete-user',
    ]);
    expect(view.commands[0]).toBe(
      'aws iam attach-user-policy --user-name KeyHunter --policy-arn arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3',
    );
    expect(view.plans.map((p) => p.action)).toEqual([
      'deactivate-keys',
      'quarantine',
      'remove-console',
      'delete-user',
    ]);
    expect(view.done).toEqual([]);
    expect(view.destructive).toBe(true);
    expect(view.warnings).toContain(
      "the user's state is not preserved yet: it will be written to the evidence folder first",
    );
  });

  it('runs the plan call by call, verifies, preserves the state before deleting, and audits all of it', async () => {
    const { session, fake, audit } = setup('act');
    const calls: SessionCallView[] = [];
    expect(session.isPreserved(USER)).toBe(false);
    const result = await session.execute(USER, ['deactivate-keys', 'delete-user'], (call) =>
      calls.push(call),
    );
    expect(result.ok).toBe(true);
    expect(fake.state.user).toBeNull();
    expect(result.evidence).toHaveLength(1);
    expect(session.isPreserved(USER)).toBe(true);
    expect(calls[0]).toEqual({
      command:
        'aws iam update-access-key --user-name KeyHunter --access-key-id AKIAEXAMPLEKEY000001 --status Inactive',
      ok: true,
      detail: 'ok',
      at: '2026-12-04T12:00:00.000Z',
    });
    expect(result.checks).toEqual([
      {
        label: 'AKIAEXAMPLEKEY000001 Inactive',
        ok: true,
        detail: 'AKIAEXAMPLEKEY000001 is Inactive',
      },
      {
        label: 'AKIAEXAMPLEKEY000002 Inactive',
        ok: true,
        detail: 'AKIAEXAMPLEKEY000002 is Inactive',
      },
      { label: 'user KeyHunter deleted', ok: true, detail: 'user KeyHunter no longer exists' },
    ]);
    const kinds = audit.map((entry) => entry.call);
    expect(kinds.indexOf('preserve')).toBeLessThan(kinds.indexOf('iam:DeleteLoginProfile'));
    expect(kinds).toContain('verify deactivate-keys');
    expect(audit.every((entry) => entry.by === CALLER)).toBe(true);
  });

  it('dry-run executes nothing; a read-only session cannot mutate even when asked to execute', async () => {
    const dry = setup('dry-run');
    expect(await dry.session.execute(USER, ['deactivate-keys'], () => {})).toEqual({
      ok: false,
      checks: [],
      evidence: [],
    });
    expect(dry.fake.calls.filter((op) => !/^(Get|List)/.test(op))).toEqual([]);

    // A read-only session puts the guard on its clients (the proof that the guard stops every
    // request is in auth-readonly-moto.test.ts: aws-sdk-client-mock replaces send(), under which
    // the guard sits).
    const readOnly = setup('read-only', false);
    expect(isGuarded(readOnly.clients.iam)).toBe(true);
    expect(isGuarded(readOnly.clients.lambda)).toBe(true);
    expect(isGuarded(readOnly.clients.cloudtrail)).toBe(true);
    expect(isGuarded(setup('act').clients.iam)).toBe(false);
  });
});
