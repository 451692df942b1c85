import type { Target } from '../iam/principal.js';
import { cliCommand, type CliGlobals } from './cli-command.js';
import type { PlannedCall, Service } from './types.js';

/** What every plan builder is given besides the state: the time and how to write CLI lines. */
export interface PlanContext {
  /** "Now" for revoke-sessions' cutoff; tests fix it. */
  now: Date;
  cli: CliGlobals;
}

export function plannedCall(
  context: PlanContext,
  service: Service,
  operation: string,
  params: Record<string, unknown>,
  why: string,
): PlannedCall {
  return {
    service,
    operation,
    params,
    cli: cliCommand(service, operation, params, context.cli),
    why,
  };
}

/** `UserName` or `RoleName`, and the operation's User/Role form (`AttachUserPolicy`). */
export function iamSubject(target: Target): {
  key: 'UserName' | 'RoleName';
  noun: 'User' | 'Role';
} {
  return target.kind === 'role'
    ? { key: 'RoleName', noun: 'Role' }
    : { key: 'UserName', noun: 'User' };
}
