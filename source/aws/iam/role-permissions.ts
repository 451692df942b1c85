import {
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { allPages } from './paginate.js';
import { decodePolicyDocument } from './policy-document.js';
import type { AttachedPolicy, InlinePolicy, Tag } from './types.js';

export async function readRoleAttachedPolicies(
  iam: IAMClient,
  roleName: string,
): Promise<AttachedPolicy[]> {
  const policies = await allPages(async (Marker) => {
    const page = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker }),
    );
    return { items: page.AttachedPolicies, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return policies.map((policy) => ({ name: policy.PolicyName ?? '', arn: policy.PolicyArn ?? '' }));
}

/** Each inline policy with its document decoded (GetRolePolicy returns it URL-encoded). */
export async function readRoleInlinePolicies(
  iam: IAMClient,
  roleName: string,
): Promise<InlinePolicy[]> {
  const names = await allPages(async (Marker) => {
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker }));
    return { items: page.PolicyNames, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  const policies: InlinePolicy[] = [];
  for (const name of names) {
    const { PolicyDocument } = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }),
    );
    policies.push({ name, ...decodePolicyDocument(PolicyDocument) });
  }
  return policies;
}

export async function readRoleInstanceProfiles(
  iam: IAMClient,
  roleName: string,
): Promise<AttachedPolicy[]> {
  const profiles = await allPages(async (Marker) => {
    const page = await iam.send(
      new ListInstanceProfilesForRoleCommand({ RoleName: roleName, Marker }),
    );
    return { items: page.InstanceProfiles, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return profiles.map((profile) => ({
    name: profile.InstanceProfileName ?? '',
    arn: profile.Arn ?? '',
  }));
}

export async function readRoleTags(iam: IAMClient, roleName: string): Promise<Tag[]> {
  const tags = await allPages(async (Marker) => {
    const page = await iam.send(new ListRoleTagsCommand({ RoleName: roleName, Marker }));
    return { items: page.Tags, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return tags.map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
}
