/**
 * `trailhound contain PRINCIPAL --action a,b,...`: parsed apart from args.ts (its own options,
 * and the AWS CLI's connection flags shared with --live), so args.ts only lists it in the usage.
 */
import { parseArgs } from 'node:util';
import { joinNegativeValues, parseArgsMessage } from './dash-values.js';
import { ACTION_ORDER, actionNamed, type ActionName } from '../aws/contain/index.js';
import { parseTarget, type Target } from '../aws/iam/index.js';
import { UsageError } from './args.js';
import { LIVE_ARG_SPECS } from './live-args.js';
import { limitsFrom } from './limit-arg.js';
import type { Limits } from '../trail/limits.js';

/** Not an AWS call: writes the target's state to the evidence folder (allowed when read-only). */
export const PRESERVE = 'preserve';

export interface ContainCliOptions {
  target: Target;
  /** As typed, `preserve` included; AWS actions in the playbook's order are derived from it. */
  actions: ActionName[];
  preserve: boolean;
  keyIds: string[] | undefined;
  force: boolean;
  trailName: string | undefined;
  bucket: string | undefined;
  dryRun: boolean;
  yes: boolean;
  readOnly: boolean;
  casePath: string | undefined;
  evidenceDir: string | undefined;
  profile: string | undefined;
  region: string | undefined;
  endpointUrl: string | undefined;
  /**
   * `--role-name R`: the principal's ARN names an account other than the caller's; the role
   * is assumed there and every call (and every plan line) acts in that account.
   */
  roleName: string | undefined;
  /** `--limit NAME=VALUE` (repeatable): request timeouts and paging budgets for the AWS calls. */
  limits: Partial<Limits>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const CONTAIN_OPTIONS = {
  action: { type: 'string' },
  keys: { type: 'string' },
  force: { type: 'boolean', default: false },
  'trail-name': { type: 'string' },
  bucket: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  'read-only': { type: 'boolean', default: false },
  case: { type: 'string' },
  evidence: { type: 'string' },
  profile: LIVE_ARG_SPECS.profile,
  region: LIVE_ARG_SPECS.region,
  'endpoint-url': LIVE_ARG_SPECS['endpoint-url'],
  'role-name': { type: 'string' },
  limit: { type: 'string', multiple: true },
} as const;

export function parseContainArgs(argv: string[]): ContainCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, CONTAIN_OPTIONS),
      allowPositionals: true,
      strict: true,
      options: CONTAIN_OPTIONS,
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError(
      'contain needs one PRINCIPAL (a user name, role/NAME, function/NAME or an ARN)',
    );
  }
  const target = parseTarget(positionals[0]!);
  if (!target)
    throw new UsageError(`not a principal contain can act on: ${JSON.stringify(positionals[0])}`);
  if (!values.action)
    throw new UsageError(`contain needs --action (any of ${PRESERVE}, ${ACTION_ORDER.join(', ')})`);
  const names = values.action
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.find((name) => name !== PRESERVE && !actionNamed(name));
  if (unknown !== undefined || names.length === 0) {
    throw new UsageError(
      `unknown action ${JSON.stringify(unknown ?? '')}: use ${PRESERVE}, ${ACTION_ORDER.join(', ')}`,
    );
  }
  const actions = [
    ...new Set(names.map(actionNamed).filter((name): name is ActionName => name !== undefined)),
  ];
  if (actions.includes('create-trail') && (!values['trail-name'] || !values.bucket)) {
    throw new UsageError('create-trail needs --trail-name NAME and --bucket BUCKET');
  }
  if (values.region !== undefined && !REGION.test(values.region)) {
    throw new UsageError(`not a region name: ${JSON.stringify(values.region)}`);
  }
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl)) {
    throw new UsageError('--endpoint-url must be an http:// or https:// URL');
  }
  const roleName = values['role-name'];
  if (roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(roleName))
    throw new UsageError('--role-name takes a role name (letters, digits and +=,.@_-, at most 64)');
  if (roleName !== undefined && target.account === undefined)
    throw new UsageError(
      '--role-name needs the principal as an ARN (arn:aws:iam::ACCOUNT:user/NAME), which names the account to act in',
    );
  const keyIds = values.keys
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    target,
    actions,
    preserve: names.includes(PRESERVE),
    keyIds: keyIds && keyIds.length > 0 ? keyIds : undefined,
    force: values.force ?? false,
    trailName: values['trail-name'],
    bucket: values.bucket,
    dryRun: values['dry-run'] ?? false,
    yes: values.yes ?? false,
    readOnly: values['read-only'] ?? false,
    casePath: values.case,
    evidenceDir: values.evidence,
    profile: values.profile,
    region: values.region,
    endpointUrl,
    roleName,
    limits: limitsFrom(values.limit ?? [], (message) => new UsageError(message)),
  };
}
