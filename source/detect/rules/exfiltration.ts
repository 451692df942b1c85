import type { DetectionContext } from '../context.js';
import { eventRule, type BuiltinRule } from '../rule.js';
import { gradeReach } from './usual-place.js';

/** Data leaving the account, and damage done on the way out. */

function sharedWithOthers(context: DetectionContext, row: number): string | undefined {
  const facts = context.facts(row);
  // Without the record we cannot tell a grant from a revocation; a revocation is no finding.
  if (!facts?.sharedWith || facts.sharedWith.length === 0) return undefined;
  const target = context.value(row, 'resources').split('\n')[0] || context.value(row, 'eventName');
  const account = context.value(row, 'account');
  const others = facts.sharedWith.filter((grantee) => grantee !== account);
  if (others.length === 0) return undefined;
  const who = others.includes('all') ? 'everyone (public)' : `account ${others.join(', ')}`;
  return `${target} shared with ${who}`;
}

/** Whom a share reached: 'all', or the accounts outside the caller's own. */
function grantees(context: DetectionContext, row: number): string[] {
  const account = context.value(row, 'account');
  return (context.facts(row)?.sharedWith ?? []).filter((grantee) => grantee !== account);
}

const SHARE_LEARNS =
  'the accounts the trail shows (the organization) and the places each caller is established at';
const SHARE_HIGH =
  'shared with everyone, or with an account the trail never shows, unless from a place the caller is established at';

/**
 * An image pipeline shares every AMI with the organization's accounts; backups go to the DR
 * account. Sharing with an account the trail shows is the organization working (low); with an
 * outsider it is high unless the caller did it from where it always works (medium); with
 * everyone it is always high.
 */
function sharingRule(rule: BuiltinRule): BuiltinRule {
  return {
    ...rule,
    learns: SHARE_LEARNS,
    highWhen: SHARE_HIGH,
    run(context) {
      return rule.run(context).map((hit) => {
        const reached = hit.rows.flatMap((row) => grantees(context, row));
        return gradeReach(context, hit, {
          everyone: reached.includes('all'),
          accounts: reached,
        });
      });
    },
  };
}

export const EXFILTRATION_RULES: BuiltinRule[] = [
  sharingRule(
    eventRule({
      id: 'ec2-snapshot-shared',
      title: 'EBS snapshot shared with another account',
      severity: 'high',
      techniques: ['T1537'],
      why: 'A shared snapshot lets another account copy the disk, with all its data, outside your control.',
      operations: ['ModifySnapshotAttribute'],
      needsFacts: true,
      describe: sharedWithOthers,
    }),
  ),
  sharingRule(
    eventRule({
      id: 'ec2-ami-shared',
      title: 'AMI shared with another account',
      severity: 'high',
      techniques: ['T1537'],
      why: 'A shared image carries the instance disk and any secrets baked into it.',
      operations: ['ModifyImageAttribute'],
      needsFacts: true,
      describe: sharedWithOthers,
    }),
  ),
  sharingRule(
    eventRule({
      id: 'rds-snapshot-shared',
      title: 'RDS snapshot shared with another account',
      severity: 'high',
      techniques: ['T1537'],
      why: 'A shared database snapshot can be restored, whole, in the receiving account.',
      operations: ['ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute'],
      needsFacts: true,
      describe: sharedWithOthers,
    }),
  ),
  eventRule({
    id: 's3-bucket-made-public',
    title: 'S3 bucket opened to everyone',
    severity: 'high',
    techniques: ['T1537', 'T1530'],
    why: 'A public policy, ACL or removed public-access block exposes the bucket to the internet.',
    highWhen: 'always: data opened to everyone',
    operations: [
      'PutBucketPolicy',
      'PutBucketAcl',
      'PutBucketPublicAccessBlock',
      'DeleteBucketPublicAccessBlock',
    ],
    needsFacts: true,
    describe: (context, row) =>
      context.facts(row)?.public
        ? `${context.value(row, 'eventName')} on ${context.value(row, 'bucket') || 'a bucket'}`
        : undefined,
  }),
  eventRule({
    id: 's3-versioning-suspended',
    title: 'S3 bucket versioning suspended',
    severity: 'medium',
    techniques: ['T1490'],
    why: 'Without versioning, overwritten or deleted objects cannot be recovered (a ransomware step).',
    operations: ['PutBucketVersioning'],
    needsFacts: true,
    describe: (context, row) =>
      context.facts(row)?.versioningSuspended
        ? `versioning suspended on ${context.value(row, 'bucket') || 'a bucket'}`
        : undefined,
  }),
  eventRule({
    id: 's3-bucket-deleted',
    title: 'S3 bucket deleted',
    severity: 'medium',
    techniques: ['T1485'],
    why: 'Deleting buckets destroys data and, for log buckets, evidence.',
    operations: ['DeleteBucket'],
    describe: (context, row) =>
      context.value(row, 'error') ? undefined : `DeleteBucket ${context.value(row, 'bucket')}`,
  }),
  eventRule({
    id: 'organizations-leave',
    title: 'Account left its AWS Organization',
    severity: 'high',
    techniques: ['T1666'],
    why: 'Leaving the organization drops its guardrails (SCPs) and its central logging at once.',
    highWhen: 'always: defence evasion',
    operations: ['LeaveOrganization'],
  }),
];
