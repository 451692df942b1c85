import type { DetectionContext } from '../context.js';
import { eventRule, type BuiltinRule, type RuleHit } from '../rule.js';
import { familyOf, routineAddresses } from './routine.js';
import { roleOf, workloadRoles } from './workload-roles.js';

/** Lambda compromise: code or configuration swapped, layers slipped in, functions exposed. */

const IAM_WRITE = /^(Create|Attach|Put|Add|Update|Upload)/;

function lambdaChange(context: DetectionContext, row: number): string | undefined {
  if (context.value(row, 'error')) return undefined;
  const functionName = context.value(row, 'resources').split('\n')[0] || 'a function';
  const facts = context.facts(row);
  switch (context.operation(row)) {
    case 'UpdateFunctionCode':
      return `code of ${functionName} replaced`;
    case 'UpdateFunctionConfiguration':
      return facts?.layers && facts.layers.length > 0
        ? `layer ${facts.layers.join(', ')} attached to ${functionName}`
        : `configuration of ${functionName} changed`;
    case 'AddPermission': {
      const principal = facts?.permissionPrincipal;
      return `${functionName} may now be invoked by ${principal === '*' ? 'anyone (*)' : principal || 'another principal'}`;
    }
    case 'PublishLayerVersion':
      return `layer ${functionName} published`;
    case 'CreateFunctionUrlConfig':
      return `public URL created for ${functionName}`;
    default:
      return `${context.value(row, 'eventName')} on ${functionName}`;
  }
}

const lambdaChanges = eventRule({
  id: 'lambda-function-modified',
  title: 'Lambda function code, configuration, layers or permissions changed',
  severity: 'medium',
  techniques: ['T1648', 'T1525'],
  why: 'A replaced handler or an added layer runs the attacker’s code with the function’s role, on every call.',
  operations: [
    'UpdateFunctionCode',
    'UpdateFunctionConfiguration',
    'AddPermission',
    'PublishLayerVersion',
    'AddLayerVersionPermission',
    'CreateFunctionUrlConfig',
  ],
  needsFacts: true,
  describe: lambdaChange,
});

export const LAMBDA_RULES: BuiltinRule[] = [
  {
    ...lambdaChanges,
    severity: 'low',
    run(context) {
      // Pipelines deploy all day from their usual place; a change from anywhere else, or one
      // that opens the function to everyone, is the compromise pattern.
      const hits = lambdaChanges.run(context);
      const routines = routineAddresses(
        context,
        hits.map((hit) => hit.principal),
      );
      for (const hit of hits) {
        const routine = routines.get(familyOf(hit.principal))!;
        const unusual = hit.rows.some(
          (row) => context.isAddress(row) && !routine.has(context.id(row, 'sourceIp')),
        );
        const opened = hit.rows.some((row) => context.facts(row)?.permissionPrincipal === '*');
        if (unusual || opened) hit.severity = opened ? 'high' : 'medium';
      }
      return hits;
    },
  },
  {
    id: 'lambda-role-iam-write',
    title: 'A Lambda execution role changed IAM',
    severity: 'high',
    techniques: ['T1098', 'T1136.003'],
    why: 'Functions rarely create users, keys or policies; a function that does is running someone else’s code.',
    learns: 'the API calls each role makes routinely (seen on two days or more)',
    highWhen: 'an IAM call the function role has no habit of, once the role has a history',
    needsFacts: false,
    run(context) {
      const lambdaRoles = new Set(
        [...workloadRoles(context)]
          .filter(([, service]) => service === 'lambda.amazonaws.com')
          .map(([role]) => role),
      );
      if (lambdaRoles.size === 0) return [];
      const iamWrites = context.rowsWhere(
        'eventName',
        (name) => IAM_WRITE.test(name),
        context.rowsWhere('eventSource', (source) => source === 'iam.amazonaws.com'),
      );
      const hits = new Map<string, RuleHit>();
      const routineRows = new Set<number>();
      const baseline = context.baseline();
      for (const row of iamWrites) {
        const principal = context.value(row, 'principal');
        if (!lambdaRoles.has(roleOf(principal))) continue;
        // A key-rotation or provisioning function makes the same IAM call every day: that is
        // its job. A call the role has no habit of (against a real history) is someone else's code.
        const routine =
          baseline.standing(row, 'eventName') === 'established' || !baseline.hasHistory(row);
        if (routine) {
          routineRows.add(row);
        }
        const hit = hits.get(principal);
        if (hit) hit.rows.push(row);
        else
          hits.set(principal, {
            principal,
            rows: [row],
            summary: `${context.value(row, 'eventName')} by the function role ${roleOf(principal)}`,
          });
      }
      return [...hits.values()].map((hit) => {
        if (hit.rows.some((row) => !routineRows.has(row))) return hit;
        const cold = hit.rows.some((row) => !baseline.hasHistory(row));
        return {
          ...hit,
          severity: 'medium',
          summary: `${hit.summary}${cold ? '; no baseline yet' : '; a call this role makes routinely'}`,
        };
      });
    },
  },
];
