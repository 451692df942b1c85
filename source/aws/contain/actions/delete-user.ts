import type { UserInventory } from '../../iam/types.js';
import { plannedCall, type PlanContext } from '../plan-context.js';
import type { Check, PlannedCall } from '../types.js';

/**
 * Deleting a user in the order AWS documents (IAM refuses DeleteUser with DeleteConflict while
 * anything below remains): login profile, access keys, signing certificates, SSH keys,
 * service-specific credentials, MFA devices (deactivated, and virtual ones deleted), inline
 * policies, attached policies, group memberships, then the user. Built from what is there now, so
 * a run resumed after a failure starts where the last one stopped.
 */
export function deleteUserPlan(
  user: UserInventory,
  context: PlanContext,
): { calls: PlannedCall[]; checks: Check[]; notes: string[] } {
  const u = { UserName: user.name };
  const call = (operation: string, params: Record<string, unknown>, why: string) =>
    plannedCall(context, 'iam', operation, params, why);
  const calls: PlannedCall[] = [];
  if (user.loginProfile) calls.push(call('DeleteLoginProfile', u, 'console password'));
  for (const key of user.accessKeys)
    calls.push(call('DeleteAccessKey', { ...u, AccessKeyId: key.id }, 'access key'));
  for (const certificate of user.signingCertificates)
    calls.push(
      call(
        'DeleteSigningCertificate',
        { ...u, CertificateId: certificate.id },
        'signing certificate',
      ),
    );
  for (const key of user.sshPublicKeys)
    calls.push(call('DeleteSSHPublicKey', { ...u, SSHPublicKeyId: key.id }, 'SSH public key'));
  for (const credential of user.serviceCredentials)
    calls.push(
      call(
        'DeleteServiceSpecificCredential',
        { ...u, ServiceSpecificCredentialId: credential.id },
        `${credential.serviceName} credential`,
      ),
    );
  for (const device of user.mfaDevices) {
    calls.push(call('DeactivateMFADevice', { ...u, SerialNumber: device.serial }, 'MFA device'));
    if (device.virtual)
      calls.push(
        call('DeleteVirtualMFADevice', { SerialNumber: device.serial }, 'virtual MFA device'),
      );
  }
  for (const policy of user.inlinePolicies)
    calls.push(call('DeleteUserPolicy', { ...u, PolicyName: policy.name }, 'inline policy'));
  for (const policy of user.attachedPolicies)
    calls.push(call('DetachUserPolicy', { ...u, PolicyArn: policy.arn }, 'attached policy'));
  for (const group of user.groups)
    calls.push(call('RemoveUserFromGroup', { ...u, GroupName: group.name }, 'group membership'));
  calls.push(call('DeleteUser', u, 'the user itself'));
  const notes = user.gaps.map(
    (gap) =>
      `could not read ${gap.call}; DeleteUser may be refused if something is left: ${gap.message}`,
  );
  return {
    calls,
    checks: [{ kind: 'principal-absent', target: { kind: 'user', name: user.name } }],
    notes,
  };
}
