import type { Target } from '../iam/principal.js';
import type { RoleInventory, UserInventory } from '../iam/types.js';
import { ACTIONS } from './actions/catalog.js';
import { deleteLoginProfile, requirePasswordReset } from './actions/console.js';
import { deleteRolePlan } from './actions/delete-role.js';
import { deleteUserPlan } from './actions/delete-user.js';
import {
  createTrailPlan,
  stopFunctionPlan,
  type TrailRequest,
} from './actions/function-and-trail.js';
import { deleteKeys, setKeyStatus } from './actions/keys.js';
import {
  attachQuarantine,
  putInlineQuarantine,
  putRevokeSessions,
  removeQuarantine,
  removeRevokeSessions,
} from './actions/policies.js';
import type { PlanContext } from './plan-context.js';
import type { TargetState, TrailState } from './state.js';
import type { ActionName, Check, Plan, PlannedCall } from './types.js';

export interface PlanOptions {
  /** deactivate-keys / delete-keys / reactivate-keys: only these keys (all when absent). */
  keyIds?: readonly string[];
  /** delete-keys: also delete keys that are still active. */
  force?: boolean;
  /** create-trail: the trail and the bucket it writes to, and the trails there now. */
  trail?: TrailRequest & { state: TrailState };
}

interface Part {
  calls: PlannedCall[];
  checks: Check[];
  notes: string[];
}

const NOTHING: Part = { calls: [], checks: [], notes: [] };

/**
 * The plan for one action against the state read from IAM just now. Pure: the same state gives
 * the same plan, and a state in which the action is already done gives a plan with no calls.
 */
export function planAction(
  action: ActionName,
  state: TargetState,
  options: PlanOptions,
  context: PlanContext,
): Plan {
  const target: Target = { kind: state.kind, name: state.name };
  const part = partFor(action, state, options, context);
  part.notes = [...part.notes, ...unreadNotes(action, state)];
  const destructive =
    ACTIONS[action].destructive ||
    part.calls.some((call) => /^(Delete|Remove)/.test(call.operation));
  return {
    action,
    target,
    calls: part.calls,
    destructive,
    mutating: true,
    notes: part.notes,
    checks: part.checks,
  };
}

/** The reads each action's plan depends on (delete plans name their gaps themselves). */
const READS: Partial<Record<ActionName, RegExp>> = {
  'deactivate-keys': /ListAccessKeys/,
  'reactivate-keys': /ListAccessKeys/,
  'delete-keys': /ListAccessKeys/,
  quarantine: /ListAttached/,
  unquarantine: /ListAttached|Get(User|Role)Policy/,
  'quarantine-inline': /Get(User|Role)Policy/,
  'revoke-sessions': /Get(User|Role)Policy/,
  'unrevoke-sessions': /Get(User|Role)Policy/,
  'remove-console': /GetLoginProfile/,
  'reset-password': /GetLoginProfile/,
};

/**
 * A plan built on a section IAM would not show is a guess: "nothing to do" may only mean
 * "could not see". Say so in the plan.
 */
function unreadNotes(action: ActionName, state: TargetState): string[] {
  const reads = READS[action];
  if (!reads || state.kind === 'function' || !state.inventory) return [];
  return state.inventory.gaps
    .filter((gap) => reads.test(gap.call))
    .map((gap) => `could not read ${gap.call}, so this plan may be incomplete: ${gap.message}`);
}

function partFor(
  action: ActionName,
  state: TargetState,
  options: PlanOptions,
  context: PlanContext,
): Part {
  if (!ACTIONS[action].appliesTo.includes(state.kind)) {
    return { ...NOTHING, notes: [`${action} does not apply to a ${state.kind}`] };
  }
  if (action === 'create-trail') {
    if (!options.trail)
      return { ...NOTHING, notes: ['create-trail needs a trail name and a bucket'] };
    return createTrailPlan(options.trail.state, options.trail, context);
  }
  if (state.kind === 'function') {
    return action === 'stop-function' ? stopFunctionPlan(state, context) : NOTHING;
  }
  const principal = state.inventory;
  if (!principal) {
    const gone = action === 'delete-user' || action === 'delete-role';
    return {
      calls: [],
      checks: gone
        ? [{ kind: 'principal-absent', target: { kind: state.kind, name: state.name } }]
        : [],
      notes: [`no ${state.kind} named ${state.name}${gone ? ': nothing left to delete' : ''}`],
    };
  }
  switch (action) {
    case 'quarantine':
      return attachQuarantine(principal, context);
    case 'quarantine-inline':
      return putInlineQuarantine(principal, context);
    case 'revoke-sessions':
      return putRevokeSessions(principal, context);
    case 'unquarantine':
      return removeQuarantine(principal, context);
    case 'unrevoke-sessions':
      return removeRevokeSessions(principal, context);
    case 'delete-role':
      return deleteRolePlan(principal as RoleInventory, context);
    default:
      return userPart(action, principal as UserInventory, options, context);
  }
}

function userPart(
  action: ActionName,
  user: UserInventory,
  options: PlanOptions,
  context: PlanContext,
): Part {
  const choice = options.keyIds ? { keyIds: options.keyIds } : {};
  switch (action) {
    case 'deactivate-keys':
      return setKeyStatus(user, choice, 'Inactive', context);
    case 'reactivate-keys':
      return setKeyStatus(user, choice, 'Active', context);
    case 'delete-keys':
      return deleteKeys(user, { ...choice, force: options.force ?? false }, context);
    case 'remove-console':
      return deleteLoginProfile(user, context);
    case 'reset-password':
      return requirePasswordReset(user, context);
    case 'delete-user':
      return deleteUserPlan(user, context);
    default:
      return NOTHING;
  }
}
