/**
 * `trailhound contain PRINCIPAL --action a,b,...`: containment for runbooks, without the TUI.
 * The plan is read from the account and printed as AWS CLI lines; then (unless --dry-run or
 * --read-only) confirmed on a terminal or by --yes, the target's state preserved before any
 * deletion, the calls made one by one, and the state read back.
 */
import { accountConnection, type AccountConnection } from '../aws/accounts.js';
import {
  callerIdentity,
  connect,
  type AwsConnection,
  type CallerIdentity,
} from '../aws/connect.js';
import {
  buildPlans,
  containClients,
  destroyClients,
  executePlan,
  verifyPlan,
  type ActionName,
  type AwsAuditEntry,
  type ContainClients,
  type Plan,
} from '../aws/contain/index.js';
import { describeAwsError } from '../aws/errors.js';
import {
  EvidenceFolder,
  isPreserved,
  preserveCall,
  preserveTarget,
  type EvidenceFile,
} from '../aws/evidence/index.js';
import type { CaseStore } from '../case/index.js';
import type { ContainCliOptions } from './contain-args.js';
import { auditToCase, evidenceDirectory, openContainCase } from './contain-case.js';
import { canAsk, confirmPlan } from './contain-confirm.js';
import { callText, checksText, evidenceText, planText } from './contain-output.js';
import type { CliIo } from './io.js';
import { sanitizeText } from '../trail/sanitize.js';

/** Actions whose end state is "not there": a missing target means they are already done. */
const ONLY_GOAL_IS_ABSENCE = new Set<ActionName>(['delete-user', 'delete-role', 'delete-keys']);

/** Thrown inside the command for a failure that ends it with one line and exit 1. */
class ContainFailure extends Error {}

export async function containCommand(options: ContainCliOptions, io: CliIo): Promise<number> {
  let connection: AwsConnection | undefined;
  let clients: ContainClients | undefined;
  let reach: AccountConnection | undefined;
  try {
    connection = await connect({
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    });
    const region = options.target.region ?? connection.homeRegion;
    const context = { region, ...(options.profile ? { profile: options.profile } : {}) };
    const caller = await callerIdentity(connection).catch((error: unknown) => {
      throw new ContainFailure(
        describeAwsError(error, { call: 'sts:GetCallerIdentity', ...context }),
      );
    });
    reach = await accountFor(connection, options, caller, region);
    clients = containClients(
      reach?.clientConfig ?? connection.clientConfig,
      region,
      options.readOnly,
    );
    return await runContain(options, io, clients, caller.arn, region, reach);
  } catch (error) {
    const message =
      error instanceof ContainFailure
        ? error.message
        : describeAwsError(error, {
            call: 'trailhound contain',
            ...(options.region ? { region: options.region } : {}),
          });
    io.stderr.write(`trailhound: ${sanitizeText(message)}\n`);
    return 1;
  } finally {
    if (clients) destroyClients(clients);
    reach?.destroy();
    connection?.destroy();
  }
}

/**
 * The principal's own account, when its ARN names one that is not the caller's: reached through
 * `--role-name`, assumed before anything is read. Without the role, contain refuses rather than
 * act on a same-named principal in the caller's account.
 */
async function accountFor(
  connection: AwsConnection,
  options: ContainCliOptions,
  caller: CallerIdentity,
  region: string,
): Promise<AccountConnection | undefined> {
  const account = options.target.account;
  if (account === undefined || account === caller.account) return undefined;
  if (options.roleName === undefined) {
    throw new ContainFailure(
      `${options.target.kind} ${options.target.name} is in account ${account}, and these credentials are account ${caller.account}'s (${caller.arn}): pass --role-name ROLE to act there through a role, or use a profile of that account`,
    );
  }
  const reach = accountConnection(connection, account, {
    roleName: options.roleName,
    caller,
    readOnly: options.readOnly,
  });
  try {
    await reach.check();
    return reach;
  } catch (error) {
    reach.destroy();
    throw new ContainFailure(
      `account ${account}: ${describeAwsError(error, { call: 'sts:AssumeRole', region, principal: caller.arn })} The role ${reach.roleArn} must exist in ${account} and trust ${caller.arn}.`,
    );
  }
}

async function runContain(
  options: ContainCliOptions,
  io: CliIo,
  clients: ContainClients,
  by: string,
  region: string,
  reach: AccountConnection | undefined,
): Promise<number> {
  const { plans, state } = await buildPlans(clients, options.target, options.actions, {
    region,
    cli: {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
      // Through a role, every line names the account it acts in.
      ...(reach
        ? { account: reach.account, ...(options.roleName ? { role: options.roleName } : {}) }
        : {}),
    },
    ...(options.keyIds ? { keyIds: options.keyIds } : {}),
    force: options.force,
    ...(options.trailName && options.bucket
      ? { trail: { trailName: options.trailName, bucket: options.bucket } }
      : {}),
  }).catch((error: unknown) => {
    throw new ContainFailure(
      describeAwsError(error, {
        call: 'iam:GetUser',
        region,
        principal: by,
      }),
    );
  });
  // A principal that is not there is the goal of a deletion (a resumed run), and a typo otherwise.
  const missing = state.kind === 'function' ? !state.exists : state.inventory === null;
  const onlyDeletes = options.actions.every((action) => ONLY_GOAL_IS_ABSENCE.has(action));
  if (missing && (!onlyDeletes || options.preserve)) {
    throw new ContainFailure(
      `no ${options.target.kind} named ${options.target.name} in ${reach ? `account ${reach.account} (through ${reach.roleArn})` : 'this account'} (as ${by}): check the name, --profile and --endpoint-url`,
    );
  }
  const calls = plans.reduce((sum, plan) => sum + plan.calls.length, 0);
  const destructive = plans.some((plan) => plan.calls.length > 0 && plan.destructive);
  if (plans.length > 0)
    await io.write(
      planText(
        plans,
        by,
        reach ? { account: reach.account, role: reach.roleArn ?? '' } : undefined,
      ),
    );
  if (options.preserve)
    await io.write(
      `\n${sanitizeText(`preserve: write the ${options.target.kind}'s state to the evidence folder`)}\n`,
    );

  if (options.dryRun) {
    await io.write(`\ndry run: ${calls} call(s) planned, nothing sent, nothing written.\n`);
    return 0;
  }
  if (options.readOnly && calls > 0) {
    await io.write(
      `\nread-only: ${calls} call(s) not made (--read-only refuses every mutating call).\n`,
    );
  }
  const mutate = !options.readOnly && calls > 0;
  if (mutate && !options.yes) {
    if (!canAsk(io.stdin)) {
      io.stderr.write(
        'trailhound: contain will not change the account without confirmation: run it on a terminal, or review the plan (--dry-run) and pass --yes\n',
      );
      return 2;
    }
    if (!(await confirmPlan(io.stdin, io.stderr, options.target, destructive, calls))) {
      io.stderr.write('trailhound: not confirmed; nothing was changed\n');
      return 1;
    }
  }

  const store = options.casePath
    ? openContainCase(
        options.casePath,
        by,
        `containment of ${options.target.kind} ${options.target.name}`,
      )
    : undefined;
  const audit = (entry: AwsAuditEntry) => {
    if (store) auditToCase(store, entry);
  };
  if (mutate && store) {
    store.update(() => {}, {
      action: 'containment confirmed',
      detail: `${options.target.kind} ${options.target.name}: ${plans.map((plan) => plan.action).join(', ')}; ${calls} call(s)${options.yes ? ' (--yes)' : ''}`,
    });
  }

  const deletesPrincipal = plans.some(
    (plan) =>
      plan.calls.length > 0 && (plan.action === 'delete-user' || plan.action === 'delete-role'),
  );
  if (options.preserve || (mutate && deletesPrincipal)) {
    await preserve(options, io, clients, by, store);
  }
  if (options.readOnly && calls > 0) return 0;
  // From here every plan runs (a plan with nothing to do sends nothing) and is read back.

  // Each plan is verified as soon as it ran: a later plan (delete-user) may remove what an earlier
  // one changed, and the analyst should see each step hold before the next one starts.
  let verified = true;
  for (const plan of plans) {
    await io.write(`\n${sanitizeText(plan.action)}:\n`);
    const result = await executePlan(plan, {
      clients,
      by,
      region,
      audit,
      onCall: (event) => {
        if (event.state === 'done') void io.write(callText(event));
      },
    });
    if (!result.ok) {
      const failed = result.results.at(-1)!;
      io.stderr.write(`trailhound: ${sanitizeText(failed.detail)}\n`);
      if (result.notSent.length > 0) {
        io.stderr.write(
          `trailhound: ${result.notSent.length} call(s) not sent; run the same command again to do what is left\n`,
        );
      }
      return 1;
    }
    if (plan.calls.length === 0) await io.write('  nothing to do\n');
    verified = (await verify(plan, io, clients, region, by, store)) && verified;
  }
  if (!verified) {
    io.stderr.write(
      'trailhound: verification failed: the account does not show every change (see above)\n',
    );
    return 1;
  }
  return 0;
}

async function verify(
  plan: Plan,
  io: CliIo,
  clients: ContainClients,
  region: string,
  by: string,
  store: CaseStore | undefined,
): Promise<boolean> {
  const checks = await verifyPlan(plan, clients, region);
  await io.write(checksText(checks));
  store?.update(() => {}, {
    action: `verified ${plan.action}`,
    detail: `as ${by}: ${checks.map((check) => `${check.ok ? 'ok' : 'FAILED'}: ${check.detail}`).join('; ') || 'nothing to check'}`,
  });
  return checks.every((check) => check.ok);
}

async function preserve(
  options: ContainCliOptions,
  io: CliIo,
  clients: ContainClients,
  by: string,
  store: CaseStore | undefined,
): Promise<void> {
  const dir = evidenceDirectory(options.evidenceDir, options.casePath);
  if (!options.preserve && isPreserved(dir, options.target)) {
    await io.write(`\n${sanitizeText(`state already preserved in ${dir}`)}\n`);
    return;
  }
  const folder = new EvidenceFolder(dir);
  let files: EvidenceFile[];
  try {
    files = await preserveTarget(clients, options.target, folder, by);
  } catch (error) {
    const call = preserveCall(options.target);
    throw new ContainFailure(
      `could not preserve the ${options.target.kind}'s state, so nothing was deleted: ${describeAwsError(error, { call, principal: by })}`,
    );
  }
  await io.write(`\n${evidenceText(dir, files)}`);
  for (const file of files) {
    store?.update(() => {}, {
      action: 'evidence preserved',
      detail: `${file.path} sha256 ${file.sha256} (${file.bytes} bytes): ${file.what}`,
    });
  }
}
