import { GetUserCommand, type IAMClient } from '@aws-sdk/client-iam';
import { accountOf, isNoSuchEntity, isoOf, section } from './gather.js';
import type { InventoryGap, UserInventory } from './types.js';
import {
  readAccessKeys,
  readLoginProfile,
  readMfaDevices,
  readServiceCredentials,
  readSigningCertificates,
  readSshPublicKeys,
} from './user-credentials.js';
import {
  readGroupGrants,
  readUserAttachedPolicies,
  readUserGroups,
  readUserInlinePolicies,
  readUserTags,
} from './user-permissions.js';

export interface InventoryOptions {
  /** Ask GetAccessKeyLastUsed for each key (one call a key). Default true. */
  lastUsed?: boolean;
  clock?: () => Date;
}

/**
 * Everything IAM holds on a user, or null when there is no such user (already deleted: a fact a
 * resumed deletion relies on). GetUser failing for another reason throws; any later section that
 * fails is recorded in `gaps` and the rest is still read.
 */
export async function loadUserInventory(
  iam: IAMClient,
  userName: string,
  options: InventoryOptions = {},
): Promise<UserInventory | null> {
  let user;
  try {
    user = (await iam.send(new GetUserCommand({ UserName: userName }))).User;
  } catch (error) {
    if (isNoSuchEntity(error)) return null;
    throw error;
  }
  if (!user) return null;
  const readAt = (options.clock ?? (() => new Date()))().toISOString();
  const name = user.UserName ?? userName;
  const gaps: InventoryGap[] = [];
  const groups = await section(gaps, 'iam:ListGroupsForUser', () => readUserGroups(iam, name), []);
  return {
    kind: 'user',
    name,
    arn: user.Arn ?? '',
    id: user.UserId ?? '',
    path: user.Path ?? '/',
    accountId: accountOf(user.Arn),
    createdAt: isoOf(user.CreateDate),
    passwordLastUsed: isoOf(user.PasswordLastUsed),
    permissionsBoundary: user.PermissionsBoundary?.PermissionsBoundaryArn,
    loginProfile: await section(
      gaps,
      'iam:GetLoginProfile',
      () => readLoginProfile(iam, name),
      null,
    ),
    accessKeys: await section(
      gaps,
      'iam:ListAccessKeys',
      () => readAccessKeys(iam, name, options.lastUsed ?? true),
      [],
    ),
    mfaDevices: await section(gaps, 'iam:ListMFADevices', () => readMfaDevices(iam, name), []),
    groups,
    groupPolicies: await section(
      gaps,
      'iam:ListAttachedGroupPolicies',
      () => readGroupGrants(iam, groups),
      [],
    ),
    attachedPolicies: await section(
      gaps,
      'iam:ListAttachedUserPolicies',
      () => readUserAttachedPolicies(iam, name),
      [],
    ),
    inlinePolicies: await section(
      gaps,
      'iam:GetUserPolicy',
      () => readUserInlinePolicies(iam, name),
      [],
    ),
    tags: await section(gaps, 'iam:ListUserTags', () => readUserTags(iam, name), []),
    signingCertificates: await section(
      gaps,
      'iam:ListSigningCertificates',
      () => readSigningCertificates(iam, name),
      [],
    ),
    sshPublicKeys: await section(
      gaps,
      'iam:ListSSHPublicKeys',
      () => readSshPublicKeys(iam, name),
      [],
    ),
    serviceCredentials: await section(
      gaps,
      'iam:ListServiceSpecificCredentials',
      () => readServiceCredentials(iam, name),
      [],
    ),
    gaps,
    readAt,
  };
}
