import type { RoleInventory, UserInventory } from '../iam/types.js';
import { revokeCutoff } from './actions/policies.js';
import type { ContainClients } from './clients.js';
import { loadTargetState, loadTrailState } from './load-state.js';
import type { TargetState, TrailState } from './state.js';
import type { Check, Plan } from './types.js';

export interface CheckResult {
  check: Check;
  ok: boolean;
  /** What was found, one line. Names come from IAM: sanitize before printing. */
  detail: string;
}

export interface VerifyOptions {
  /** Reads before giving up on a check (IAM is eventually consistent: seconds). Default 3. */
  attempts?: number;
  delayMs?: number;
}

/**
 * Reads the target back from AWS after a plan ran and says, check by check, whether the change
 * held: the only proof that containment worked is the account's own answer. IAM changes take a
 * few seconds to show everywhere, so a failing check is read again before it is reported.
 */
export async function verifyPlan(
  plan: Plan,
  clients: ContainClients,
  region: string,
  options: VerifyOptions = {},
): Promise<CheckResult[]> {
  if (plan.checks.length === 0) return [];
  const attempts = Math.max(1, options.attempts ?? 3);
  let results: CheckResult[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1000));
    const needsTrail = plan.checks.some((check) => check.kind === 'trail-logging');
    const state = needsTrail ? undefined : await loadTargetState(clients, plan.target, region);
    const trails = needsTrail ? await loadTrailState(clients) : undefined;
    results = evaluateChecks(plan.checks, state, trails);
    if (results.every((result) => result.ok)) break;
  }
  return results;
}

/** Each check against a state just read; pure. */
export function evaluateChecks(
  checks: readonly Check[],
  state: TargetState | undefined,
  trails?: TrailState,
): CheckResult[] {
  return checks.map((check) => {
    const [ok, detail] = judge(check, state, trails);
    return { check, ok, detail };
  });
}

function principalOf(state: TargetState | undefined): UserInventory | RoleInventory | null {
  return state && state.kind !== 'function' ? state.inventory : null;
}

function judge(
  check: Check,
  state: TargetState | undefined,
  trails?: TrailState,
): [boolean, string] {
  const principal = principalOf(state);
  const user = principal?.kind === 'user' ? principal : null;
  switch (check.kind) {
    case 'key-status': {
      const key = user?.accessKeys.find((k) => k.id === check.keyId);
      if (!key) return [false, `${check.keyId} not found`];
      return [key.status === check.status, `${check.keyId} is ${key.status}`];
    }
    case 'key-absent': {
      const present = user?.accessKeys.some((k) => k.id === check.keyId) ?? false;
      return [!present, `${check.keyId} ${present ? 'still exists' : 'is gone'}`];
    }
    case 'attached': {
      const present = principal?.attachedPolicies.some((p) => p.arn === check.policyArn) ?? false;
      const name = check.policyArn.split('/').at(-1);
      return [present === check.present, `${name} ${present ? 'attached' : 'not attached'}`];
    }
    case 'inline': {
      const policy = principal?.inlinePolicies.find((p) => p.name === check.policyName);
      if (!policy || !principal) return [!check.present, `${check.policyName} absent`];
      if (check.tokenIssueTime !== undefined) {
        const cutoff = revokeCutoff(principal);
        const holds =
          cutoff !== undefined && Date.parse(cutoff) >= Date.parse(check.tokenIssueTime);
        return [
          holds && check.present,
          `${check.policyName} denies sessions issued before ${cutoff ?? '(no cutoff)'}`,
        ];
      }
      return [check.present, `${check.policyName} present`];
    }
    case 'login-profile': {
      const profile = user?.loginProfile ?? null;
      if (!profile) return [!check.present, 'no console password'];
      if (!check.present) return [false, 'console password still exists'];
      const reset =
        check.passwordResetRequired === undefined ||
        profile.passwordResetRequired === check.passwordResetRequired;
      return [
        reset,
        `console password, reset ${profile.passwordResetRequired ? 'required' : 'not required'}`,
      ];
    }
    case 'principal-absent':
      return principal === null
        ? [true, `${check.target.kind} ${check.target.name} no longer exists`]
        : [false, `${check.target.kind} ${check.target.name} still exists`];
    case 'function-concurrency': {
      if (state?.kind !== 'function' || !state.exists)
        return [false, `no function ${check.functionName}`];
      const value = state.reservedConcurrency;
      return [value === check.value, `reserved concurrency ${value ?? 'not set'}`];
    }
    case 'trail-logging': {
      const trail = trails?.trails.find((t) => t.name === check.trailName);
      if (!trail) return [false, `no trail ${check.trailName}`];
      return [
        trail.logging,
        `${check.trailName} ${trail.logging ? 'is logging' : 'is not logging'}`,
      ];
    }
  }
}

/** What a check expects, in words. */
export function checkLabel(check: Check): string {
  switch (check.kind) {
    case 'key-status':
      return `${check.keyId} ${check.status}`;
    case 'key-absent':
      return `${check.keyId} deleted`;
    case 'attached':
      return `${check.policyArn.split('/').at(-1)} ${check.present ? 'attached' : 'detached'}`;
    case 'inline':
      return `${check.policyName} ${check.present ? 'in place' : 'removed'}`;
    case 'login-profile':
      return check.present ? 'password reset required' : 'no console password';
    case 'principal-absent':
      return `${check.target.kind} ${check.target.name} deleted`;
    case 'function-concurrency':
      return `${check.functionName} reserved concurrency ${check.value}`;
    case 'trail-logging':
      return `trail ${check.trailName} logging`;
  }
}
