import type { DetectionContext } from '../context.js';
import { eventRule, type BuiltinRule, type RuleHit } from '../rule.js';

/** Federation and session-token abuse: credentials minted to outlive a contained key. */

const DAY_MS = 86_400_000;

/** The account number inside an ARN, or ''. */
function accountOfArn(arn: string): string {
  return /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? '';
}

function assumedRole(context: DetectionContext, row: number): string {
  return (
    context.facts(row)?.roleArn ||
    context
      .value(row, 'resources')
      .split('\n')
      .find((value) => value.includes(':role/')) ||
    ''
  );
}

export const FEDERATION_RULES: BuiltinRule[] = [
  eventRule({
    id: 'sts-get-federation-token',
    title: 'Federation token issued',
    severity: 'medium',
    techniques: ['T1550.001', 'T1078.004'],
    why: 'A federation token keeps working for up to 36 hours after the key that made it is disabled.',
    operations: ['GetFederationToken'],
    describe: (context, row) =>
      context.value(row, 'error')
        ? undefined
        : `GetFederationToken from ${context.value(row, 'sourceIp') || 'an unknown address'}`,
  }),
  eventRule({
    id: 'sts-get-session-token',
    title: 'Session token issued to an IAM user',
    severity: 'low',
    techniques: ['T1550.001'],
    why: 'Session tokens survive the deactivation of the long-term key that requested them.',
    operations: ['GetSessionToken'],
    describe: (context, row) =>
      context.value(row, 'error')
        ? undefined
        : `GetSessionToken from ${context.value(row, 'sourceIp') || 'an unknown address'}`,
  }),
  {
    id: 'sts-assume-role-first-time',
    title: 'Role assumed for the first time by this principal',
    severity: 'low',
    techniques: ['T1078.004', 'T1548.005'],
    why: 'A principal that suddenly assumes roles it never used is exploring where its access leads.',
    needsFacts: true,
    run(context) {
      const hits: RuleHit[] = [];
      const calls = context.rowsOf(['AssumeRole']);
      // By actor: a role whose sessions are renamed daily has a history all the same.
      const byCaller = context.groupByActor(calls);
      const firstSeen = new Map<number, number>();
      const actors = context.actors().ids;
      const principals = context.index.column('principal');
      for (const row of context.order) {
        const id = actors[principals[row]!]!;
        if (byCaller.has(id) && !firstSeen.has(id)) firstSeen.set(id, context.time(row));
      }
      for (const [caller, rows] of byCaller) {
        if (context.value(rows[0]!, 'identityType') === 'AWSService') continue;
        const used = new Set<string>();
        for (const row of rows) {
          const role = assumedRole(context, row);
          if (!role || context.value(row, 'error')) continue;
          // Only after a day of history is "never before" a statement about this principal.
          const known = context.time(row) - firstSeen.get(caller)! >= DAY_MS;
          if (!used.has(role) && known)
            hits.push({
              principal: context.actor(row),
              rows: [row],
              summary: `assumed ${role} for the first time`,
            });
          used.add(role);
        }
      }
      return hits;
    },
  },
  eventRule({
    id: 'sts-cross-account-assume-role',
    title: 'Role assumed across accounts',
    severity: 'medium',
    techniques: ['T1199', 'T1078.004'],
    why: 'Cross-account role use is how an intruder moves between accounts of an organization.',
    operations: ['AssumeRole'],
    needsFacts: true,
    describe: (context, row) => {
      if (context.value(row, 'error') || context.value(row, 'identityType') === 'AWSService')
        return undefined;
      const role = assumedRole(context, row);
      const from = accountOfArn(context.value(row, 'principalArn'));
      const to = accountOfArn(role);
      return from && to && from !== to ? `from account ${from} into ${role}` : undefined;
    },
  }),
];
