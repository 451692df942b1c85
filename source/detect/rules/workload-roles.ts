import { accountOfArn, qualifyName, splitQualified } from '../../trail/account-name.js';
import type { DetectionContext } from '../context.js';

/** EC2 hands sessions to instances named after the instance id. */
const INSTANCE_SESSION = /^i-[0-9a-f]{8,17}$/;
const RUNTIME_AGENTS: [RegExp, string][] = [
  [/AWS_Lambda|exec-env\/AWS_Lambda/i, 'lambda.amazonaws.com'],
  [/exec-env\/AWS_ECS|AWS_ECS_/i, 'ecs-tasks.amazonaws.com'],
];

/**
 * The role name of an `role/session` principal, or '' for other principals. Where accounts are
 * named (`ACCOUNT/role/session`), the role keeps its account: `ACCOUNT/role`.
 */
export function roleOf(principal: string): string {
  const { account, name } = splitQualified(principal);
  const slash = name.indexOf('/');
  if (slash <= 0) return '';
  return account ? `${account}/${name.slice(0, slash)}` : name.slice(0, slash);
}

/**
 * Roles whose credentials belong to a machine (an EC2 instance, a Lambda function, an ECS task),
 * mapped to the service that holds them. A service assuming the role is the surest sign; an
 * instance-id session name or a runtime user agent are the others. Stolen copies of these
 * credentials used from outside AWS are the classic instance-metadata theft.
 */
export function workloadRoles(context: DetectionContext): Map<string, string> {
  const roles = new Map<string, string>();
  const assumedByServices = context.rowsWhere(
    'identityType',
    (type) => type === 'AWSService',
    context.rowsOf(['AssumeRole']),
  );
  for (const row of assumedByServices) {
    const service = context.value(row, 'principal');
    for (const resource of context.value(row, 'resources').split('\n')) {
      const match = /:role\/(?:.*\/)?([^/]+)$/.exec(resource);
      // Where principals carry their account, so does the role, from the role's own ARN.
      if (match)
        roles.set(
          context.accounts ? qualifyName(accountOfArn(resource), match[1]!) : match[1]!,
          service,
        );
    }
  }
  const sessions = context.index.dictionary('principal').values;
  const types = context.index.column('identityType');
  const principals = context.index.column('principal');
  const agents = context.index.column('userAgent');
  const agentValues = context.index.dictionary('userAgent').values;
  const roleType = context.index.dictionary('identityType').values.indexOf('AssumedRole');
  if (roleType < 0) return roles;
  // One pass over the assumed-role rows, with each (session, user agent) pair judged once.
  const judged = new Set<number>();
  for (let i = 0; i < context.order.length; i++) {
    const row = context.order[i]!;
    if (types[row] !== roleType) continue;
    const pair = principals[row]! * agentValues.length + agents[row]!;
    if (judged.has(pair)) continue;
    judged.add(pair);
    const principal = sessions[principals[row]!]!;
    const role = roleOf(principal);
    if (!role || roles.has(role)) continue;
    if (INSTANCE_SESSION.test(principal.slice(role.length + 1))) {
      roles.set(role, 'ec2.amazonaws.com');
      continue;
    }
    const agent = agentValues[agents[row]!]!;
    for (const [pattern, service] of RUNTIME_AGENTS) {
      if (pattern.test(agent)) roles.set(role, service);
    }
  }
  return roles;
}
