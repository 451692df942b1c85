import type { IAMClient } from '@aws-sdk/client-iam';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Target } from '../iam/principal.js';
import type { EvidenceFile, EvidenceFolder } from './folder.js';
import { preserveFunction } from './preserve-function.js';
import { preservePrincipal } from './preserve-principal.js';

/**
 * Writes what containing the target could destroy, whatever it is: a user's or role's IAM state,
 * or every version of a function with its code. `trailhound contain` and the TUI both call this.
 */
export async function preserveTarget(
  clients: { iam: IAMClient; lambda: LambdaClient },
  target: Target,
  folder: EvidenceFolder,
  by: string,
): Promise<EvidenceFile[]> {
  return target.kind === 'function'
    ? await preserveFunction(clients.lambda, target.name, folder)
    : [await preservePrincipal(clients.iam, target, folder, { by })];
}

/** The read a failed preservation is reported under. */
export function preserveCall(target: Pick<Target, 'kind'>): string {
  if (target.kind === 'function') return 'lambda:GetFunction';
  return target.kind === 'role' ? 'iam:GetRole' : 'iam:GetUser';
}
