import { expect, it } from 'vitest';
import {
  loadRoleInventory,
  loadUserInventory,
  roleFlags,
  userFlags,
} from '../../../source/aws/iam/index.js';
import { describeWithMoto, useMoto } from '../../helpers/moto.js';
import { FOREIGN_ACCOUNT, INLINE_DOCUMENT, seedRole, seedUser } from '../contain/seed.js';

describeWithMoto('IAM inventory against moto', () => {
  const peer = useMoto();

  it('reads a user: keys with last use, console password, MFA, groups, policies (inline decoded), tags, SSH keys', async () => {
    const seeded = await seedUser(peer.clients.iam);
    const user = (await loadUserInventory(peer.clients.iam, 'KeyHunter'))!;
    expect(user).toMatchObject({
      kind: 'user',
      name: 'KeyHunter',
      arn: 'arn:aws:iam::123456789012:user/KeyHunter',
      accountId: '123456789012',
      loginProfile: { passwordResetRequired: false },
      groups: [{ name: 'KeyHunter-group' }],
      attachedPolicies: [
        { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      tags: [{ key: 'team', value: 'data' }],
    });
    expect(user.accessKeys.map((k) => [k.id, k.status])).toEqual(
      seeded.keys.map((k) => [k.id, 'Active']),
    );
    // moto answers GetAccessKeyLastUsed with 'N/A' for a key never used, as AWS does.
    expect(user.accessKeys[0]!.lastUsedService).toBeUndefined();
    expect(user.mfaDevices).toEqual([
      expect.objectContaining({ serial: seeded.mfaSerial, virtual: true }),
    ]);
    expect(user.inlinePolicies).toEqual([
      { name: 'ReadIntel', text: JSON.stringify(INLINE_DOCUMENT), document: INLINE_DOCUMENT },
    ]);
    expect(user.sshPublicKeys).toHaveLength(1);
    // moto does not implement ListServiceSpecificCredentials: that one section is a gap.
    expect(user.gaps.map((gap) => gap.call)).toEqual(['iam:ListServiceSpecificCredentials']);
    expect(userFlags(user, { now: new Date() }).map((flag) => flag.id)).toEqual(['admin-access']);
  });

  it('reads a role: trust policy decoded, policies, instance profiles; flags the foreign account', async () => {
    await seedRole(peer.clients.iam);
    const role = (await loadRoleInventory(peer.clients.iam, 'backdoor-role'))!;
    expect(role.trustPolicy.document).toMatchObject({
      Statement: [{ Principal: { AWS: `arn:aws:iam::${FOREIGN_ACCOUNT}:root` } }],
    });
    expect(role.attachedPolicies.map((p) => p.name)).toEqual(['AdministratorAccess']);
    expect(role.inlinePolicies.map((p) => p.name)).toEqual(['Everything']);
    expect(role.instanceProfiles.map((p) => p.name)).toEqual(['backdoor-role-profile']);
    expect(role.gaps).toEqual([]);
    expect(roleFlags(role, { callerAccount: '123456789012' }).map((flag) => flag.id)).toEqual([
      'admin-access',
      'trusts-other-account',
    ]);
  });

  it('a principal that does not exist is null, not an error', async () => {
    expect(await loadUserInventory(peer.clients.iam, 'nobody')).toBeNull();
    expect(await loadRoleInventory(peer.clients.iam, 'nobody')).toBeNull();
  });
});
