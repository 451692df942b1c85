import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { accountOf, isNoSuchEntity, isoOf, section } from './gather.js';
import { decodePolicyDocument } from './policy-document.js';
import {
  readRoleAttachedPolicies,
  readRoleInlinePolicies,
  readRoleInstanceProfiles,
  readRoleTags,
} from './role-permissions.js';
import type { InventoryGap, RoleInventory } from './types.js';
import type { InventoryOptions } from './user-inventory.js';

/** Everything IAM holds on a role, or null when there is no such role. */
export async function loadRoleInventory(
  iam: IAMClient,
  roleName: string,
  options: InventoryOptions = {},
): Promise<RoleInventory | null> {
  let role;
  try {
    role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  } catch (error) {
    if (isNoSuchEntity(error)) return null;
    throw error;
  }
  if (!role) return null;
  const readAt = (options.clock ?? (() => new Date()))().toISOString();
  const name = role.RoleName ?? roleName;
  const gaps: InventoryGap[] = [];
  return {
    kind: 'role',
    name,
    arn: role.Arn ?? '',
    id: role.RoleId ?? '',
    path: role.Path ?? '/',
    accountId: accountOf(role.Arn),
    createdAt: isoOf(role.CreateDate),
    description: role.Description,
    maxSessionDuration: role.MaxSessionDuration,
    permissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
    trustPolicy: decodePolicyDocument(role.AssumeRolePolicyDocument),
    attachedPolicies: await section(
      gaps,
      'iam:ListAttachedRolePolicies',
      () => readRoleAttachedPolicies(iam, name),
      [],
    ),
    inlinePolicies: await section(
      gaps,
      'iam:GetRolePolicy',
      () => readRoleInlinePolicies(iam, name),
      [],
    ),
    lastUsedAt: isoOf(role.RoleLastUsed?.LastUsedDate),
    lastUsedRegion: role.RoleLastUsed?.Region,
    instanceProfiles: await section(
      gaps,
      'iam:ListInstanceProfilesForRole',
      () => readRoleInstanceProfiles(iam, name),
      [],
    ),
    tags: await section(gaps, 'iam:ListRoleTags', () => readRoleTags(iam, name), []),
    gaps,
    readAt,
  };
}
