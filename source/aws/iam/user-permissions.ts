import {
  GetGroupPolicyCommand,
  GetUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { allPages } from './paginate.js';
import { decodePolicyDocument } from './policy-document.js';
import type { AttachedPolicy, GroupGrant, InlinePolicy, Tag } from './types.js';

export async function readUserGroups(iam: IAMClient, userName: string): Promise<AttachedPolicy[]> {
  const groups = await allPages(async (Marker) => {
    const page = await iam.send(new ListGroupsForUserCommand({ UserName: userName, Marker }));
    return { items: page.Groups, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return groups.map((group) => ({ name: group.GroupName ?? '', arn: group.Arn ?? '' }));
}

export async function readUserAttachedPolicies(
  iam: IAMClient,
  userName: string,
): Promise<AttachedPolicy[]> {
  const policies = await allPages(async (Marker) => {
    const page = await iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: userName, Marker }),
    );
    return { items: page.AttachedPolicies, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return policies.map((policy) => ({ name: policy.PolicyName ?? '', arn: policy.PolicyArn ?? '' }));
}

/** Each inline policy with its document decoded (GetUserPolicy returns it URL-encoded). */
export async function readUserInlinePolicies(
  iam: IAMClient,
  userName: string,
): Promise<InlinePolicy[]> {
  const names = await allPages(async (Marker) => {
    const page = await iam.send(new ListUserPoliciesCommand({ UserName: userName, Marker }));
    return { items: page.PolicyNames, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  const policies: InlinePolicy[] = [];
  for (const name of names) {
    const { PolicyDocument } = await iam.send(
      new GetUserPolicyCommand({ UserName: userName, PolicyName: name }),
    );
    policies.push({ name, ...decodePolicyDocument(PolicyDocument) });
  }
  return policies;
}

export async function readUserTags(iam: IAMClient, userName: string): Promise<Tag[]> {
  const tags = await allPages(async (Marker) => {
    const page = await iam.send(new ListUserTagsCommand({ UserName: userName, Marker }));
    return { items: page.Tags, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return tags.map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
}

/** What each of the user's groups grants: its attached policies and its inline ones, decoded. */
export async function readGroupGrants(
  iam: IAMClient,
  groups: readonly AttachedPolicy[],
): Promise<GroupGrant[]> {
  const grants: GroupGrant[] = [];
  for (const group of groups) {
    const attached = await allPages(async (Marker) => {
      const page = await iam.send(
        new ListAttachedGroupPoliciesCommand({ GroupName: group.name, Marker }),
      );
      return { items: page.AttachedPolicies, isTruncated: page.IsTruncated, marker: page.Marker };
    });
    const names = await allPages(async (Marker) => {
      const page = await iam.send(new ListGroupPoliciesCommand({ GroupName: group.name, Marker }));
      return { items: page.PolicyNames, isTruncated: page.IsTruncated, marker: page.Marker };
    });
    const inlinePolicies: InlinePolicy[] = [];
    for (const name of names) {
      const { PolicyDocument } = await iam.send(
        new GetGroupPolicyCommand({ GroupName: group.name, PolicyName: name }),
      );
      inlinePolicies.push({ name, ...decodePolicyDocument(PolicyDocument) });
    }
    grants.push({
      name: group.name,
      arn: group.arn,
      attachedPolicies: attached.map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' })),
      inlinePolicies,
    });
  }
  return grants;
}
