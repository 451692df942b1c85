/**
 * Containment as the TUI uses it: one object per live session that lists the actions a target
 * can take (disabled, with the reason, in a read-only session), shows a plan, and runs it with a
 * callback per call, verification and evidence. Plain data in and out, shaped like the store's
 * ContainService (source/state/contain-service.ts) so the store can hand it over as it is.
 */
import type { Target } from '../iam/principal.js';
import { guardReadOnly, READ_ONLY_REASON } from '../guard/read-only.js';
import {
  EvidenceFolder,
  isPreserved,
  preserveFunction,
  preservePrincipal,
  type EvidenceFile,
} from '../evidence/index.js';
import { ACTIONS, ACTION_ORDER, actionNamed } from './actions/catalog.js';
import type { TrailRequest } from './actions/function-and-trail.js';
import type { AuditSink } from './audit.js';
import type { CliGlobals } from './cli-command.js';
import type { ContainClients } from './clients.js';
import { executePlan } from './execute.js';
import { buildPlans } from './plans.js';
import type { ActionName, Check, Plan } from './types.js';
import { verifyPlan } from './verify.js';

export type SessionMode = 'act' | 'read-only' | 'dry-run';

export interface SessionChoice {
  id: ActionName;
  label: string;
  destructive: boolean;
  /** Why it cannot be picked now. */
  disabled?: string;
}

export interface SessionPlanView {
  /** Each call still to make, as an AWS CLI command line (attacker-chosen names inside: sanitize). */
  commands: string[];
  /** What is already so and will not be done again. */
  done: string[];
  destructive: boolean;
  /** Said before confirming: keys skipped, sections unread, state not preserved. */
  warnings: string[];
  plans: Plan[];
}

export interface SessionCallView {
  command: string;
  ok: boolean;
  detail: string;
  /** UTC ISO time. */
  at: string;
}

export interface SessionCheckView {
  label: string;
  ok: boolean;
  detail: string;
}

export interface SessionResult {
  ok: boolean;
  checks: SessionCheckView[];
  /** Files preserved before a deletion, for the case and the report. */
  evidence: EvidenceFile[];
}

export interface ContainSessionOptions {
  clients: ContainClients;
  mode: SessionMode;
  /** The caller's ARN (sts:GetCallerIdentity). */
  caller: string;
  /** Region of Lambda and CloudTrail calls. */
  region: string;
  /** Every call, verification and preserved file, as it happens. */
  audit: AuditSink;
  /** The case's evidence folder; without one, deletions warn that nothing was preserved. */
  evidenceDir?: string;
  cli?: CliGlobals;
  keyIds?: readonly string[];
  force?: boolean;
  trail?: TrailRequest;
  clock?: () => Date;
}

export interface ContainSession {
  readonly mode: SessionMode;
  readonly caller: string;
  choices(target: Target): SessionChoice[];
  plan(target: Target, actions: readonly string[]): Promise<SessionPlanView>;
  execute(
    target: Target,
    actions: readonly string[],
    onCall: (call: SessionCallView) => void,
  ): Promise<SessionResult>;
  /** Writes the target's state to the evidence folder now. */
  preserve(target: Target): Promise<EvidenceFile[]>;
  isPreserved(target: Target): boolean;
}

const DELETES_PRINCIPAL = new Set<ActionName>(['delete-user', 'delete-role']);

export function createContainSession(options: ContainSessionOptions): ContainSession {
  // The guard, not this object, is what makes a read-only session unable to change anything.
  if (options.mode === 'read-only') {
    guardReadOnly(options.clients.iam);
    guardReadOnly(options.clients.lambda);
    guardReadOnly(options.clients.cloudtrail);
  }
  const clock = options.clock ?? (() => new Date());
  const named = (actions: readonly string[]) =>
    actions.map(actionNamed).filter((a): a is ActionName => a !== undefined);
  const plansFor = async (target: Target, actions: readonly string[]) =>
    (
      await buildPlans(options.clients, target, named(actions), {
        region: options.region,
        now: clock(),
        ...(options.cli ? { cli: options.cli } : {}),
        ...(options.keyIds ? { keyIds: options.keyIds } : {}),
        ...(options.force ? { force: true } : {}),
        ...(options.trail ? { trail: options.trail } : {}),
      })
    ).plans;
  const preserved = (target: Target) =>
    options.evidenceDir !== undefined && isPreserved(options.evidenceDir, target);

  const preserve = async (target: Target): Promise<EvidenceFile[]> => {
    if (!options.evidenceDir) throw new Error('no evidence folder for this case');
    const folder = new EvidenceFolder(options.evidenceDir, clock);
    const files =
      target.kind === 'function'
        ? await preserveFunction(options.clients.lambda, target.name, folder)
        : [
            await preservePrincipal(options.clients.iam, target, folder, {
              by: options.caller,
              clock,
            }),
          ];
    for (const file of files) {
      options.audit({
        at: clock().toISOString(),
        by: options.caller,
        call: 'preserve',
        params: { path: file.path },
        outcome: 'ok',
        detail: `${file.path} sha256 ${file.sha256} (${file.bytes} bytes): ${file.what}`,
      });
    }
    return files;
  };

  return {
    mode: options.mode,
    caller: options.caller,
    choices: (target) =>
      ACTION_ORDER.filter((action) => ACTIONS[action].appliesTo.includes(target.kind)).map(
        (action) => ({
          id: action,
          label: ACTIONS[action].summary,
          destructive: ACTIONS[action].destructive,
          ...(options.mode === 'read-only' ? { disabled: READ_ONLY_REASON } : {}),
          ...(action === 'create-trail' && !options.trail
            ? { disabled: 'needs a trail name and a bucket' }
            : {}),
        }),
      ),
    plan: async (target, actions) => {
      const plans = await plansFor(target, actions);
      const warnings: string[] = [];
      const done: string[] = [];
      for (const plan of plans) {
        (plan.calls.length > 0 ? warnings : done).push(
          ...plan.notes.map((n) => `${plan.action}: ${n}`),
        );
        if (plan.calls.length > 0 && DELETES_PRINCIPAL.has(plan.action) && !preserved(target)) {
          warnings.push(
            options.evidenceDir
              ? `the ${target.kind}'s state is not preserved yet: it will be written to the evidence folder first`
              : `the ${target.kind}'s state is not preserved (no evidence folder): deleting destroys it`,
          );
        }
      }
      if (options.mode !== 'act') {
        warnings.push(
          options.mode === 'read-only' ? READ_ONLY_REASON : 'dry run: nothing will be sent',
        );
      }
      return {
        commands: plans.flatMap((plan) => plan.calls.map((call) => call.cli)),
        done,
        destructive: plans.some((plan) => plan.calls.length > 0 && plan.destructive),
        warnings,
        plans,
      };
    },
    execute: async (target, actions, onCall) => {
      const plans = await plansFor(target, actions);
      const evidence: EvidenceFile[] = [];
      const checks: SessionCheckView[] = [];
      if (options.mode === 'dry-run') return { ok: false, checks, evidence };
      for (const plan of plans) {
        if (
          plan.calls.length > 0 &&
          DELETES_PRINCIPAL.has(plan.action) &&
          options.evidenceDir &&
          !preserved(target)
        ) {
          evidence.push(...(await preserve(target)));
        }
        const result = await executePlan(plan, {
          clients: options.clients,
          by: options.caller,
          region: options.region,
          audit: options.audit,
          clock,
          onCall: (event) => {
            if (event.state === 'done') {
              onCall({
                command: event.call.cli,
                ok: event.outcome === 'ok',
                detail: event.detail,
                at: clock().toISOString(),
              });
            }
          },
        });
        if (!result.ok) return { ok: false, checks, evidence };
        const verified = await verifyPlan(plan, options.clients, options.region);
        for (const check of verified) {
          checks.push({ label: checkLabel(check.check), ok: check.ok, detail: check.detail });
        }
        options.audit({
          at: clock().toISOString(),
          by: options.caller,
          call: `verify ${plan.action}`,
          params: { target: `${target.kind}:${target.name}` },
          outcome: verified.every((check) => check.ok) ? 'ok' : 'error',
          detail:
            verified.map((check) => `${check.ok ? 'ok' : 'FAILED'}: ${check.detail}`).join('; ') ||
            'nothing to check',
        });
      }
      return { ok: checks.every((check) => check.ok), checks, evidence };
    },
    preserve,
    isPreserved: preserved,
  };
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
