import {
  GetLoginProfileCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListVirtualMFADevicesCommand,
  GetGroupCommand,
  GetRolePolicyCommand,
  GetRoleCommand,
  ListInstanceProfilesCommand,
} from '@aws-sdk/client-iam';
import { beforeAll, expect, it } from 'vitest';
import { QUARANTINE_POLICY_ARN } from '../../../source/aws/contain/index.js';
import { describeWithMoto, selfSignedCertificate, useMoto } from '../../helpers/moto.js';
import { CALLER, operations, runActions } from './run-plans.js';
import { seedRole, seedUser } from './seed.js';

const USER = { kind: 'user', name: 'KeyHunter' } as const;
const NOW = new Date('2026-12-04T12:00:00.000Z');

describeWithMoto('containment actions against moto (real SDK, state read back)', () => {
  const peer = useMoto();
  let certificate: string | undefined;

  beforeAll(() => {
    certificate = selfSignedCertificate();
  });

  const keyStatuses = async () =>
    (
      await peer.clients.iam.send(new ListAccessKeysCommand({ UserName: 'KeyHunter' }))
    ).AccessKeyMetadata!.map((key) => key.Status);

  it('deactivate-keys leaves every key Inactive, audits each call, and a second run has nothing to do', async () => {
    await seedUser(peer.clients.iam);
    const run = await runActions(peer.clients, USER, ['deactivate-keys']);
    expect(operations(run.plans)).toEqual(['UpdateAccessKey', 'UpdateAccessKey']);
    expect(run.plans[0]!.calls[0]!.cli).toMatch(
      /^aws iam update-access-key --user-name KeyHunter --access-key-id AKIA[A-Z0-9]+ --status Inactive$/,
    );
    expect(await keyStatuses()).toEqual(['Inactive', 'Inactive']);
    expect(run.checks.map((c) => c.ok)).toEqual([true, true]);
    expect(run.audit).toHaveLength(2);
    expect(run.audit[0]).toMatchObject({ by: CALLER, call: 'iam:UpdateAccessKey', outcome: 'ok' });
    expect(run.audit[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const again = await runActions(peer.clients, USER, ['deactivate-keys']);
    expect(operations(again.plans)).toEqual([]);
    expect(again.checks.every((c) => c.ok)).toBe(true);
  });

  it('deactivate-keys with chosen keys changes only those', async () => {
    const seeded = await seedUser(peer.clients.iam);
    const run = await runActions(peer.clients, USER, ['deactivate-keys'], {
      keyIds: [seeded.keys[1]!.id],
    });
    expect(operations(run.plans)).toEqual(['UpdateAccessKey']);
    const keys = (await peer.clients.iam.send(new ListAccessKeysCommand({ UserName: 'KeyHunter' })))
      .AccessKeyMetadata!;
    expect(keys.find((k) => k.AccessKeyId === seeded.keys[0]!.id)!.Status).toBe('Active');
    expect(keys.find((k) => k.AccessKeyId === seeded.keys[1]!.id)!.Status).toBe('Inactive');
  });

  it('quarantine attaches AWSCompromisedKeyQuarantineV3 once', async () => {
    await seedUser(peer.clients.iam);
    const run = await runActions(peer.clients, USER, ['quarantine']);
    expect(run.plans[0]!.calls[0]!.cli).toBe(
      'aws iam attach-user-policy --user-name KeyHunter --policy-arn arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3',
    );
    const attached = await peer.clients.iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: 'KeyHunter' }),
    );
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn)).toContain(QUARANTINE_POLICY_ARN);
    expect(run.checks).toEqual([expect.objectContaining({ ok: true })]);
    expect(operations((await runActions(peer.clients, USER, ['quarantine'])).plans)).toEqual([]);
  });

  it('quarantine-inline puts a deny-all inline policy', async () => {
    await seedUser(peer.clients.iam);
    await runActions(peer.clients, USER, ['quarantine-inline']);
    const { PolicyDocument } = await peer.clients.iam.send(
      new GetUserPolicyCommand({
        UserName: 'KeyHunter',
        PolicyName: 'TrailhoundQuarantineDenyAll',
      }),
    );
    expect(JSON.parse(decodeURIComponent(PolicyDocument!)).Statement[0]).toMatchObject({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
    });
    expect(operations((await runActions(peer.clients, USER, ['quarantine-inline'])).plans)).toEqual(
      [],
    );
  });

  it('quarantine and revoke-sessions (AWSRevokeOlderSessions denying tokens issued before now), for a user and a role', async () => {
    await seedUser(peer.clients.iam);
    await seedRole(peer.clients.iam);
    for (const target of [USER, { kind: 'role', name: 'backdoor-role' } as const]) {
      const run = await runActions(peer.clients, target, ['quarantine', 'revoke-sessions'], {
        now: NOW,
      });
      expect(operations(run.plans)).toEqual(
        target.kind === 'user'
          ? ['AttachUserPolicy', 'PutUserPolicy']
          : ['AttachRolePolicy', 'PutRolePolicy'],
      );
      expect(run.checks.map((check) => check.ok)).toEqual([true, true]);
      const input = { PolicyName: 'AWSRevokeOlderSessions' };
      const { PolicyDocument } =
        target.kind === 'user'
          ? await peer.clients.iam.send(
              new GetUserPolicyCommand({ ...input, UserName: target.name }),
            )
          : await peer.clients.iam.send(
              new GetRolePolicyCommand({ ...input, RoleName: target.name }),
            );
      const document = JSON.parse(decodeURIComponent(PolicyDocument!));
      expect(document.Statement[0]).toEqual({
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-12-04T12:00:00.000Z' } },
      });
      // The same plan again: covered. A later cutoff moves it forward.
      expect(
        operations(
          (await runActions(peer.clients, target, ['revoke-sessions'], { now: NOW })).plans,
        ),
      ).toEqual([]);
      const later = new Date(NOW.getTime() + 60_000);
      expect(
        operations(
          (await runActions(peer.clients, target, ['revoke-sessions'], { now: later })).plans,
        ),
      ).toEqual([target.kind === 'user' ? 'PutUserPolicy' : 'PutRolePolicy']);
    }
  });

  it('remove-console deletes the login profile', async () => {
    await seedUser(peer.clients.iam);
    const run = await runActions(peer.clients, USER, ['remove-console']);
    expect(run.plans[0]!.destructive).toBe(true);
    await expect(
      peer.clients.iam.send(new GetLoginProfileCommand({ UserName: 'KeyHunter' })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(run.checks).toEqual([
      expect.objectContaining({ ok: true, detail: 'no console password' }),
    ]);
    expect(operations((await runActions(peer.clients, USER, ['remove-console'])).plans)).toEqual(
      [],
    );
  });

  it('delete-keys deletes only inactive keys unless forced; deactivate then delete in one go deletes them all', async () => {
    const seeded = await seedUser(peer.clients.iam);
    const refused = await runActions(peer.clients, USER, ['delete-keys']);
    expect(operations(refused.plans)).toEqual([]);
    expect(refused.plans[0]!.notes.join('\n')).toMatch(/still active: deactivate it first/);

    await runActions(peer.clients, USER, ['deactivate-keys'], { keyIds: [seeded.keys[0]!.id] });
    const partial = await runActions(peer.clients, USER, ['delete-keys']);
    expect(operations(partial.plans)).toEqual(['DeleteAccessKey']);
    expect(await keyStatuses()).toEqual(['Active']);

    const both = await runActions(peer.clients, USER, ['delete-keys', 'deactivate-keys']);
    expect(operations(both.plans)).toEqual(['UpdateAccessKey', 'DeleteAccessKey']);
    expect(await keyStatuses()).toEqual([]);
  });

  it('delete-keys --force deletes active keys', async () => {
    await seedUser(peer.clients.iam);
    await runActions(peer.clients, USER, ['delete-keys'], { force: true });
    expect(await keyStatuses()).toEqual([]);
  });

  it('delete-user removes everything in the documented order, then the user; a re-run has nothing left', async () => {
    const seeded = await seedUser(
      peer.clients.iam,
      'KeyHunter',
      certificate ? { certificate } : {},
    );
    const run = await runActions(peer.clients, USER, ['delete-user']);
    expect(run.plans[0]!.destructive).toBe(true);
    const order = operations(run.plans);
    expect(order).toEqual([
      'DeleteLoginProfile',
      'DeleteAccessKey',
      'DeleteAccessKey',
      ...(certificate ? ['DeleteSigningCertificate'] : []),
      'DeleteSSHPublicKey',
      'DeactivateMFADevice',
      'DeleteVirtualMFADevice',
      'DeleteUserPolicy',
      'DetachUserPolicy',
      'RemoveUserFromGroup',
      'DeleteUser',
    ]);
    expect(run.executions[0]!.ok).toBe(true);
    await expect(
      peer.clients.iam.send(new GetUserCommand({ UserName: 'KeyHunter' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    const group = await peer.clients.iam.send(
      new GetGroupCommand({ GroupName: 'KeyHunter-group' }),
    );
    expect(group.Users).toEqual([]);
    const devices = await peer.clients.iam.send(new ListVirtualMFADevicesCommand({}));
    expect(devices.VirtualMFADevices!.map((d) => d.SerialNumber)).not.toContain(seeded.mfaSerial);
    expect(run.checks).toEqual([expect.objectContaining({ ok: true })]);
    // moto's ListServiceSpecificCredentials is not implemented: the plan says what it could not read.
    expect(run.plans[0]!.notes.join('\n')).toMatch(/ListServiceSpecificCredentials/);

    const again = await runActions(peer.clients, USER, ['delete-user']);
    expect(operations(again.plans)).toEqual([]);
    expect(again.plans[0]!.notes).toEqual(['no user named KeyHunter: nothing left to delete']);
    expect(again.checks).toEqual([expect.objectContaining({ ok: true })]);
  });

  it('delete-role detaches and deletes its policies, leaves its instance profile, deletes the role', async () => {
    await seedRole(peer.clients.iam);
    const run = await runActions(peer.clients, { kind: 'role', name: 'backdoor-role' }, [
      'delete-role',
    ]);
    expect(operations(run.plans)).toEqual([
      'DetachRolePolicy',
      'DeleteRolePolicy',
      'RemoveRoleFromInstanceProfile',
      'DeleteRole',
    ]);
    await expect(
      peer.clients.iam.send(new GetRoleCommand({ RoleName: 'backdoor-role' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    const profiles = await peer.clients.iam.send(new ListInstanceProfilesCommand({}));
    expect(profiles.InstanceProfiles![0]!.Roles).toEqual([]);
    expect(run.checks.every((c) => c.ok)).toBe(true);
  });

  it('undo: reactivate-keys, unquarantine and unrevoke-sessions put the user back', async () => {
    await seedUser(peer.clients.iam);
    await runActions(peer.clients, USER, ['deactivate-keys', 'quarantine', 'revoke-sessions'], {
      now: NOW,
    });
    const undo = await runActions(peer.clients, USER, [
      'reactivate-keys',
      'unquarantine',
      'unrevoke-sessions',
    ]);
    expect(operations(undo.plans)).toEqual([
      'UpdateAccessKey',
      'UpdateAccessKey',
      'DetachUserPolicy',
      'DeleteUserPolicy',
    ]);
    expect(await keyStatuses()).toEqual(['Active', 'Active']);
    const attached = await peer.clients.iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: 'KeyHunter' }),
    );
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn)).not.toContain(QUARANTINE_POLICY_ARN);
    await expect(
      peer.clients.iam.send(
        new GetUserPolicyCommand({ UserName: 'KeyHunter', PolicyName: 'AWSRevokeOlderSessions' }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(undo.checks.every((c) => c.ok)).toBe(true);
  });
});
