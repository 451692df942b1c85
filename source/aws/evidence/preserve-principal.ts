import type { IAMClient } from '@aws-sdk/client-iam';
import type { Target } from '../iam/principal.js';
import { loadRoleInventory } from '../iam/role-inventory.js';
import { loadUserInventory } from '../iam/user-inventory.js';
import { safeName, type EvidenceFile, type EvidenceFolder } from './folder.js';
import { escapedJson } from '../../trail/safe-json.js';

export const IAM_STATE = 'IAM state';

export function subjectOf(target: Pick<Target, 'kind' | 'name'>): string {
  return `${target.kind}:${target.name}`;
}

/**
 * Writes what deleting a user or role would destroy: its whole inventory (policies with their
 * documents decoded, trust policy, keys with last use, groups, MFA devices, credentials, tags) as
 * one JSON file. No secret is in it: IAM never returns secrets from these reads.
 */
export async function preservePrincipal(
  iam: IAMClient,
  target: Target,
  folder: EvidenceFolder,
  options: { by?: string; clock?: () => Date } = {},
): Promise<EvidenceFile> {
  if (target.kind === 'function') throw new Error('a function is preserved with preserveFunction');
  const clock = options.clock ?? (() => new Date());
  const inventory =
    target.kind === 'user'
      ? await loadUserInventory(iam, target.name, { clock })
      : await loadRoleInventory(iam, target.name, { clock });
  if (!inventory) throw new Error(`no ${target.kind} named ${target.name} to preserve`);
  const stamp = inventory.readAt.replace(/[:.]/g, '-');
  const document = { preservedAt: inventory.readAt, preservedBy: options.by ?? '', inventory };
  return folder.write(
    `iam/${target.kind}-${safeName(target.name)}-${stamp}.json`,
    `${escapedJson(document, 2)}\n`,
    `${IAM_STATE} of ${target.kind} ${target.name}`,
    subjectOf(target),
  );
}
