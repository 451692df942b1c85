import type { PlaybookStep } from '../types.js';

/** Phase 2: keep the evidence, scope the damage, get the right people in. */
export const IMMEDIATE_STEPS: readonly PlaybookStep[] = [
  {
    id: 'preserve-cloudtrail-trail',
    phase: 2,
    title: 'Keep CloudTrail recording',
    why: 'Intruders stop or delete trails; without a trail nothing older than 90 days survives, and data events are never kept.',
    look: 'Is a multi-region trail logging, with log file validation on? If not, or if the suspect could change it, create a new one into a bucket they cannot reach.',
    target: {
      kind: 'manual',
      cli: [
        'aws cloudtrail describe-trails --include-shadow-trails',
        'aws cloudtrail get-trail-status --name TRAIL_NAME',
        'aws cloudtrail update-trail --name TRAIL_NAME --is-multi-region-trail --enable-log-file-validation',
        '# no trail to trust: create one (the bucket policy must let cloudtrail.amazonaws.com write)',
        'aws cloudtrail create-trail --name ir-evidence --s3-bucket-name EVIDENCE_BUCKET --is-multi-region-trail --enable-log-file-validation',
        'aws cloudtrail start-logging --name ir-evidence',
      ].join('\n'),
    },
  },
  {
    id: 'preserve-log-bucket',
    phase: 2,
    title: 'Protect the log bucket',
    why: 'With versioning on, an overwritten or deleted log file can still be recovered; validation digests prove the rest untouched.',
    look: 'Versioning status, who the bucket policy lets write or delete, whether Object Lock is on.',
    target: {
      kind: 'manual',
      cli: [
        'aws s3api put-bucket-versioning --bucket TRAIL_BUCKET --versioning-configuration Status=Enabled',
        'aws s3api get-bucket-policy --bucket TRAIL_BUCKET',
        'aws s3api get-object-lock-configuration --bucket TRAIL_BUCKET',
      ].join('\n'),
    },
  },
  {
    id: 'identify-affected-accounts',
    phase: 2,
    title: 'Identify affected accounts and resources',
    why: 'Only calls that succeeded changed anything; their accounts and regions bound the search.',
    look: 'The account and region columns, resources and buckets of the calls that did not fail.',
    target: {
      kind: 'query',
      query: 'user:{principal} -error:*',
      cli: [
        `aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue={principal} --start-time {since:90d} --output json | jq -c '.Events[].CloudTrailEvent | fromjson | select(.errorCode == null and (.responseElements.ConsoleLogin? // "") != "Failure") | {eventTime, eventName, recipientAccountId, awsRegion, resources}'`,
        '# Username is the one lookup attribute; jq drops the failed calls. Repeat with --region per region, and per account with that account’s credentials',
      ].join('\n'),
    },
  },
  {
    id: 'assess-blast-radius',
    phase: 2,
    title: 'Assess the blast radius',
    why: 'Every user, key and role the suspect made, and every role it assumed, is a way back in.',
    look: 'IAM changes it made, identities it created or assumed, its access keys, resources touched.',
    target: { kind: 'profile', subject: 'suspect-principal' },
  },
  {
    id: 'list-suspect-permissions',
    phase: 2,
    title: 'List what the suspect is allowed to do',
    why: 'The logs show what was done; the policies show what still can be.',
    look: 'Attached and inline policies, groups, and whether it can change IAM, read data or assume roles.',
    target: {
      kind: 'manual',
      cli: [
        'aws iam list-attached-user-policies --user-name {principal}',
        'aws iam list-user-policies --user-name {principal}',
        'aws iam list-groups-for-user --user-name {principal}',
        'aws iam simulate-principal-policy --policy-source-arn USER_ARN --action-names iam:CreateUser iam:CreateAccessKey sts:AssumeRole s3:GetObject',
      ].join('\n'),
    },
  },
  {
    id: 'engage-incident-team',
    phase: 2,
    title: 'Engage the incident team',
    why: 'Containment breaks things: owners, security leads and legal must know before, not after.',
    look: 'Who owns the account and the workloads the suspect uses, who may approve containment, where the incident channel is. Record them in the case notes.',
    target: { kind: 'manual' },
  },
];
