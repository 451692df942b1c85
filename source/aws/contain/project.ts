import { decodePolicyDocument } from '../iam/policy-document.js';
import type { RoleInventory, UserInventory } from '../iam/types.js';
import type { TargetState } from './state.js';
import type { PlannedCall } from './types.js';

/**
 * The state as it will be once `calls` have run, so that several actions chosen together plan
 * against each other's effects (deactivate-keys then delete-keys deletes the keys it just
 * deactivated). Pure; only the effects a later plan reads are modelled.
 */
export function projectState(state: TargetState, calls: readonly PlannedCall[]): TargetState {
  if (state.kind === 'function') {
    const stop = calls.find((call) => call.operation === 'PutFunctionConcurrency');
    return stop
      ? { ...state, reservedConcurrency: Number(stop.params['ReservedConcurrentExecutions']) }
      : state;
  }
  if (!state.inventory) return state;
  if (calls.some((call) => call.operation === 'DeleteUser' || call.operation === 'DeleteRole')) {
    return { ...state, inventory: null } as TargetState;
  }
  const next = structuredClone(state.inventory) as UserInventory | RoleInventory;
  for (const call of calls) applyCall(next, call);
  return { ...state, inventory: next } as TargetState;
}

function applyCall(principal: UserInventory | RoleInventory, call: PlannedCall): void {
  const p = call.params;
  const op = call.operation.replace(/(User|Role)Policy$/, 'Policy');
  if (op === 'AttachPolicy') {
    const arn = String(p['PolicyArn']);
    principal.attachedPolicies.push({ name: arn.split('/').at(-1) ?? arn, arn });
  } else if (op === 'DetachPolicy') {
    principal.attachedPolicies = principal.attachedPolicies.filter((x) => x.arn !== p['PolicyArn']);
  } else if (op === 'PutPolicy') {
    principal.inlinePolicies = principal.inlinePolicies.filter((x) => x.name !== p['PolicyName']);
    principal.inlinePolicies.push({
      name: String(p['PolicyName']),
      ...decodePolicyDocument(String(p['PolicyDocument'])),
    });
  } else if (op === 'DeletePolicy') {
    principal.inlinePolicies = principal.inlinePolicies.filter((x) => x.name !== p['PolicyName']);
  } else if (principal.kind === 'user') {
    applyUserCall(principal, call);
  }
}

function applyUserCall(user: UserInventory, call: PlannedCall): void {
  const p = call.params;
  switch (call.operation) {
    case 'UpdateAccessKey':
      for (const key of user.accessKeys)
        if (key.id === p['AccessKeyId']) key.status = String(p['Status']);
      break;
    case 'DeleteAccessKey':
      user.accessKeys = user.accessKeys.filter((key) => key.id !== p['AccessKeyId']);
      break;
    case 'DeleteLoginProfile':
      user.loginProfile = null;
      break;
    case 'UpdateLoginProfile':
      if (user.loginProfile)
        user.loginProfile.passwordResetRequired = p['PasswordResetRequired'] === true;
      break;
  }
}
