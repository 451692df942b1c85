import type { RoleInventory } from '../../iam/types.js';
import { plannedCall, type PlanContext } from '../plan-context.js';
import type { Check, PlannedCall } from '../types.js';

/**
 * Deleting a role: IAM refuses DeleteRole while policies are attached or inline, or the role is in
 * an instance profile, so those go first.
 */
export function deleteRolePlan(
  role: RoleInventory,
  context: PlanContext,
): { calls: PlannedCall[]; checks: Check[]; notes: string[] } {
  const r = { RoleName: role.name };
  const call = (operation: string, params: Record<string, unknown>, why: string) =>
    plannedCall(context, 'iam', operation, params, why);
  const calls: PlannedCall[] = [
    ...role.attachedPolicies.map((policy) =>
      call('DetachRolePolicy', { ...r, PolicyArn: policy.arn }, 'attached policy'),
    ),
    ...role.inlinePolicies.map((policy) =>
      call('DeleteRolePolicy', { ...r, PolicyName: policy.name }, 'inline policy'),
    ),
    ...role.instanceProfiles.map((profile) =>
      call(
        'RemoveRoleFromInstanceProfile',
        { InstanceProfileName: profile.name, ...r },
        'instance profile membership',
      ),
    ),
    call('DeleteRole', r, 'the role itself'),
  ];
  const notes = role.gaps.map(
    (gap) =>
      `could not read ${gap.call}; DeleteRole may be refused if something is left: ${gap.message}`,
  );
  return {
    calls,
    checks: [{ kind: 'principal-absent', target: { kind: 'role', name: role.name } }],
    notes,
  };
}
