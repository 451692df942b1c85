import type { Target } from '../iam/principal.js';
import { ACTION_ORDER } from './actions/catalog.js';
import type { TrailRequest } from './actions/function-and-trail.js';
import { planAction } from './build-plan.js';
import type { CliGlobals } from './cli-command.js';
import type { ContainClients } from './clients.js';
import { loadTargetState, loadTrailState } from './load-state.js';
import { projectState } from './project.js';
import type { TargetState } from './state.js';
import type { ActionName, Plan } from './types.js';

export interface BuildPlansOptions {
  /** Region for Lambda and CloudTrail calls (IAM is global). */
  region: string;
  now?: Date;
  cli?: CliGlobals;
  keyIds?: readonly string[];
  force?: boolean;
  trail?: TrailRequest;
}

/**
 * Reads the target's state once and plans each chosen action in the playbook's order, each
 * against the state the earlier ones will leave. Only reads: safe in dry runs and read-only mode.
 * Run again after a partial failure, it plans only what is left.
 */
export async function buildPlans(
  clients: ContainClients,
  target: Target,
  actions: readonly ActionName[],
  options: BuildPlansOptions,
): Promise<{ state: TargetState; plans: Plan[] }> {
  const ordered = ACTION_ORDER.filter((action) => actions.includes(action));
  const initial = await loadTargetState(clients, target, options.region);
  const trailState =
    ordered.includes('create-trail') && options.trail ? await loadTrailState(clients) : undefined;
  const context = { now: options.now ?? new Date(), cli: options.cli ?? {} };
  const plans: Plan[] = [];
  let state = initial;
  for (const action of ordered) {
    const plan = planAction(
      action,
      state,
      {
        ...(options.keyIds ? { keyIds: options.keyIds } : {}),
        ...(options.force ? { force: true } : {}),
        ...(options.trail && trailState ? { trail: { ...options.trail, state: trailState } } : {}),
      },
      context,
    );
    plans.push(plan);
    state = projectState(state, plan.calls);
  }
  return { state: initial, plans };
}
