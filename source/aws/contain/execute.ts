import { describeAwsError } from '../errors.js';
import { isNoSuchEntity } from '../iam/gather.js';
import type { AuditSink } from './audit.js';
import type { ContainClients } from './clients.js';
import { permissionName, sendPlannedCall } from './operations.js';
import { scrub } from './scrub.js';
import type { Plan, PlannedCall } from './types.js';

export interface CallResult {
  index: number;
  call: PlannedCall;
  outcome: 'ok' | 'error';
  /** One line: what the call returned (scrubbed), or what went wrong and what to do. */
  detail: string;
}

export interface ExecuteOptions {
  clients: ContainClients;
  /** The caller's ARN, for the audit log and error messages. */
  by: string;
  audit: AuditSink;
  /** Told just before each call is sent (for a spinner) and with each result. */
  onCall?: (
    event:
      { index: number; call: PlannedCall; state: 'sending' } | ({ state: 'done' } & CallResult),
  ) => void;
  region?: string;
  clock?: () => Date;
}

export interface ExecuteResult {
  /** Every call ran (or found its work already done). */
  ok: boolean;
  results: CallResult[];
  /** The calls not sent because an earlier one failed; re-planning picks them up. */
  notSent: PlannedCall[];
}

/**
 * Sends a plan's calls one at a time, in order, and stops at the first failure: later calls
 * usually depend on earlier ones (DeleteUser on everything before it), and a plan rebuilt from the
 * new state resumes where this one stopped. A delete that finds its object already gone counts as
 * done, so a plan racing another analyst's does not fail for nothing.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ExecuteResult> {
  const clock = options.clock ?? (() => new Date());
  const results: CallResult[] = [];
  for (const [index, call] of plan.calls.entries()) {
    options.onCall?.({ index, call, state: 'sending' });
    let result: CallResult;
    try {
      const response = await sendPlannedCall(options.clients, call);
      result = { index, call, outcome: 'ok', detail: okDetail(response) };
    } catch (error) {
      if (isNoSuchEntity(error) && /^(Delete|Remove|Detach|Deactivate)/.test(call.operation)) {
        result = { index, call, outcome: 'ok', detail: 'already gone' };
      } else {
        const detail = describeAwsError(error, {
          call: permissionName(call),
          ...(options.region ? { region: options.region } : {}),
          ...(options.by ? { principal: options.by } : {}),
        });
        result = { index, call, outcome: 'error', detail };
      }
    }
    options.audit({
      at: clock().toISOString(),
      by: options.by,
      call: permissionName(call),
      params: scrub(call.params) as object,
      outcome: result.outcome,
      detail: result.detail,
    });
    results.push(result);
    options.onCall?.({ ...result, state: 'done' });
    if (result.outcome === 'error') {
      return { ok: false, results, notSent: plan.calls.slice(index + 1) };
    }
  }
  return { ok: true, results, notSent: [] };
}

function okDetail(response: unknown): string {
  const clean = scrub(response) as Record<string, unknown>;
  const { requestId, ...rest } = clean;
  const body = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  const text = `ok${typeof requestId === 'string' ? ` (request ${requestId})` : ''}${body}`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
