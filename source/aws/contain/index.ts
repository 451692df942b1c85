/**
 * Containment: each action is a plan built from the account's current state (idempotent and
 * resumable), shown as AWS CLI lines, executed call by call with an audit entry per call, then
 * verified by reading the state back.
 */
export * from './types.js';
export {
  ACTIONS,
  ACTION_ALIASES,
  ACTION_ORDER,
  actionNamed,
  isActionName,
  type ActionInfo,
} from './actions/catalog.js';
export type { TrailRequest } from './actions/function-and-trail.js';
export { planAction, type PlanOptions } from './build-plan.js';
export { buildPlans, type BuildPlansOptions } from './plans.js';
export { projectState } from './project.js';
export { loadTargetState, loadTrailState } from './load-state.js';
export type { TargetState, TrailState } from './state.js';
export {
  executePlan,
  type CallResult,
  type ExecuteOptions,
  type ExecuteResult,
} from './execute.js';
export {
  verifyPlan,
  checkLabel,
  evaluateChecks,
  type CheckResult,
  type VerifyOptions,
} from './verify.js';
export { containClients, destroyClients, type ContainClients } from './clients.js';
export { cliCommand, shellQuote, kebab, type CliGlobals } from './cli-command.js';
export { scrub } from './scrub.js';
export type { AwsAuditEntry, AuditSink } from './audit.js';
export { permissionName } from './operations.js';
