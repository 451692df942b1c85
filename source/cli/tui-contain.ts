/**
 * The TUI's containment service over the core (source/aws/contain, source/aws/evidence): the
 * store asks for choices, a plan and a run in its own terms (state/contain-service.ts) and this
 * answers with the real calls. Plans are always read from the account at the moment they are
 * asked for, so a run after a failure does only what is left; a plan that deletes a principal
 * first preserves its state in the case's evidence folder, as `trailhound contain` does.
 */
import {
  ACTION_ORDER,
  ACTIONS,
  buildPlans,
  executePlan,
  verifyPlan,
  type ActionName,
  type AwsAuditEntry,
  type CliGlobals,
  type ContainClients,
  type Plan,
} from '../aws/contain/index.js';
import { describeAwsError } from '../aws/errors.js';
import {
  EvidenceFolder,
  isPreserved,
  preserveCall,
  preserveTarget,
} from '../aws/evidence/index.js';
import type {
  ContainCallView,
  ContainChoice,
  ContainCheckView,
  ContainPlanView,
  ContainResult,
  ContainService,
  ContainTarget,
} from '../state/index.js';
import { PLAYBOOK } from '../triage/index.js';

/** The playbook's name for an action, where it differs from the core's. */
const PLAYBOOK_ACTION: Partial<Record<ActionName, string>> = {
  quarantine: 'quarantine-policy',
  'remove-console': 'delete-login-profile',
  'stop-function': 'stop-lambda',
};

/** The playbook step each action settles, found by the step's action. */
function stepOf(action: ActionName): string | undefined {
  const name = PLAYBOOK_ACTION[action] ?? action;
  return PLAYBOOK.find((step) => step.target.kind === 'action' && step.target.action === name)?.id;
}

export interface TuiContainOptions {
  clients: ContainClients;
  /** The caller's ARN (sts:GetCallerIdentity). */
  caller: string;
  region: string;
  mode: ContainService['mode'];
  /** The case's evidence folder (`<case>.evidence`). */
  evidenceDir: string;
  /** Each AWS call's own audit entry (params and result), into the case. */
  audit: (entry: AwsAuditEntry) => void;
  /**
   * Many accounts (--accounts): the clients of the target's own account (through its role) and
   * the account named on every plan line; `clients` when absent or undefined (the caller's
   * account). Throws, with one line, for an account the session cannot act in.
   */
  route?: (target: ContainTarget) => { clients: ContainClients; cli: CliGlobals } | undefined;
}

export function tuiContainService(options: TuiContainOptions): ContainService {
  const { caller, region } = options;
  const reach = (target: ContainTarget) =>
    options.route?.(target) ?? { clients: options.clients, cli: {} };
  const plansFor = async (target: ContainTarget, actions: readonly string[]) => {
    const wanted = ACTION_ORDER.filter((action) => actions.includes(action));
    const { clients, cli } = reach(target);
    try {
      return (await buildPlans(clients, target, wanted, { region, cli })).plans;
    } catch (error) {
      throw new Error(
        describeAwsError(error, {
          call: target.kind === 'role' ? 'iam:GetRole' : 'iam:GetUser',
          region,
          principal: caller,
        }),
      );
    }
  };
  const deletes = (plans: Plan[]) =>
    plans.some(
      (plan) =>
        plan.calls.length > 0 &&
        (plan.action === 'delete-user' ||
          plan.action === 'delete-role' ||
          plan.action === 'stop-function'),
    );

  return {
    mode: options.mode,
    caller,
    choices: (target): ContainChoice[] =>
      ACTION_ORDER.filter((action) => ACTIONS[action].appliesTo.includes(target.kind)).map(
        (action) => {
          const step = stepOf(action);
          return {
            id: action,
            label: ACTIONS[action].summary,
            destructive: ACTIONS[action].destructive,
            ...(options.mode === 'read-only'
              ? { disabled: 'read-only session (--read-only): no call that changes AWS' }
              : {}),
            ...(step ? { stepId: step } : {}),
          };
        },
      ),
    plan: async (target, actions): Promise<ContainPlanView> => {
      const plans = await plansFor(target, actions);
      const warnings: string[] = [];
      if (deletes(plans) && !isPreserved(options.evidenceDir, target))
        warnings.push(
          `the ${target.kind}'s state is not preserved yet: it is written to ${options.evidenceDir} before anything is deleted`,
        );
      return {
        commands: plans.flatMap((plan) => plan.calls.map((call) => call.cli)),
        done: plans
          .filter((plan) => plan.calls.length === 0)
          .map((plan) => `${ACTIONS[plan.action].summary}: already so`),
        destructive: plans.some((plan) => plan.calls.length > 0 && plan.destructive),
        notes: plans.flatMap((plan) => plan.notes),
        warnings,
      };
    },
    execute: async (target, actions, onCall): Promise<ContainResult> => {
      const plans = await plansFor(target, actions);
      const { clients } = reach(target);
      const at = () => new Date().toISOString();
      if (deletes(plans) && !isPreserved(options.evidenceDir, target)) {
        const folder = new EvidenceFolder(options.evidenceDir);
        try {
          const files = await preserveTarget(clients, target, folder, caller);
          for (const file of files)
            onCall({
              command: `preserve ${file.what}`,
              ok: true,
              detail: `${file.path} sha256 ${file.sha256}`,
              at: at(),
            });
        } catch (error) {
          const call = preserveCall(target);
          onCall({
            command: `preserve the ${target.kind}'s state`,
            ok: false,
            detail: `nothing was deleted: ${describeAwsError(error, { call, principal: caller })}`,
            at: at(),
          });
          return { ok: false, checks: [] };
        }
      }
      const checks: ContainCheckView[] = [];
      for (const plan of plans) {
        const result = await executePlan(plan, {
          clients,
          by: caller,
          region,
          audit: options.audit,
          onCall: (event) => {
            if (event.state !== 'done') return;
            const call: ContainCallView = {
              command: event.call.cli,
              ok: event.outcome === 'ok',
              detail: event.detail,
              at: at(),
            };
            onCall(call);
          },
        });
        if (!result.ok) return { ok: false, checks };
        for (const check of await verifyPlan(plan, clients, region))
          checks.push({ label: ACTIONS[plan.action].summary, ok: check.ok, detail: check.detail });
      }
      return { ok: true, checks };
    },
  };
}
