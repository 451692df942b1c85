/** Plans, runs and verifies actions the way the CLI and the TUI do, collecting the audit. */
import {
  buildPlans,
  executePlan,
  verifyPlan,
  type ActionName,
  type AwsAuditEntry,
  type BuildPlansOptions,
  type CheckResult,
  type ContainClients,
  type ExecuteResult,
  type Plan,
} from '../../../source/aws/contain/index.js';
import type { Target } from '../../../source/aws/iam/index.js';

export const CALLER = 'arn:aws:iam::123456789012:user/responder';

export interface Run {
  plans: Plan[];
  executions: ExecuteResult[];
  checks: CheckResult[];
  audit: AwsAuditEntry[];
}

export async function runActions(
  clients: ContainClients,
  target: Target,
  actions: ActionName[],
  options: Partial<BuildPlansOptions> = {},
): Promise<Run> {
  const { plans } = await buildPlans(clients, target, actions, { region: 'us-east-1', ...options });
  const audit: AwsAuditEntry[] = [];
  const executions: ExecuteResult[] = [];
  const checks: CheckResult[] = [];
  for (const plan of plans) {
    const result = await executePlan(plan, { clients, by: CALLER, audit: (e) => audit.push(e) });
    executions.push(result);
    if (!result.ok) break;
    checks.push(...(await verifyPlan(plan, clients, 'us-east-1')));
  }
  return { plans, executions, checks, audit };
}

export const operations = (plans: Plan[]) =>
  plans.flatMap((plan) => plan.calls.map((c) => c.operation));
