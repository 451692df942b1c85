import type { PlaybookStep } from '../types.js';

/**
 * Phase 5: export what will be overwritten, expire or be deleted in containment. Everything goes
 * to a place the suspect cannot reach (EVIDENCE_BUCKET, ./evidence/).
 */
export const EVIDENCE_STEPS: readonly PlaybookStep[] = [
  {
    id: 'export-cloudtrail-logs',
    phase: 5,
    title: 'Export the CloudTrail logs',
    why: 'The trail’s files are the record of the incident; validate-logs proves they were not altered.',
    look: 'Every account and region of the incident window; validate-logs should report no invalid or missing files.',
    target: {
      kind: 'manual',
      cli: [
        'aws s3 sync s3://TRAIL_BUCKET/AWSLogs/ACCOUNT_ID/CloudTrail/ ./evidence/cloudtrail/',
        'aws cloudtrail validate-logs --trail-arn TRAIL_ARN --start-time {since:30d} --verbose',
      ].join('\n'),
    },
  },
  {
    id: 'export-lambda-code',
    phase: 5,
    title: 'Keep the Lambda code versions',
    why: 'The intruder’s code is evidence; the next deploy or a cleanup overwrites $LATEST.',
    look: 'Each version of the changed functions, its code, its role and its resource policy (who may invoke it).',
    target: {
      kind: 'manual',
      cli: [
        'aws lambda list-versions-by-function --function-name FUNCTION_NAME',
        'aws lambda get-function --function-name FUNCTION_NAME --qualifier VERSION > ./evidence/FUNCTION_NAME-VERSION.json',
        '# Code.Location in that answer is a download link valid for 10 minutes: fetch the zip right away',
        'aws lambda get-policy --function-name FUNCTION_NAME',
      ].join('\n'),
    },
  },
  {
    id: 'export-iam-configuration',
    phase: 5,
    title: 'Snapshot IAM: policies and trust relationships',
    why: 'Containment changes IAM; a snapshot from before shows what the intruder had made.',
    look: 'Users, groups, roles with their trust policies, and every policy document, as of now.',
    target: {
      kind: 'manual',
      cli: [
        'aws iam get-account-authorization-details --output json > ./evidence/iam-authorization-details.json',
        'aws iam generate-credential-report',
        'aws iam get-credential-report --query Content --output text | base64 -d > ./evidence/credential-report.csv',
      ].join('\n'),
    },
  },
  {
    id: 'export-vpc-flow-logs',
    phase: 5,
    title: 'Export VPC flow logs',
    why: 'CloudTrail shows API calls, not traffic: flow logs show what talked to what, and how much left.',
    look: 'Flow logs for the VPCs the suspect touched; where they are delivered (CloudWatch Logs or S3).',
    target: {
      kind: 'manual',
      cli: [
        'aws ec2 describe-flow-logs',
        'aws logs create-export-task --log-group-name FLOW_LOG_GROUP --from {since-ms:7d} --to {now-ms} --destination EVIDENCE_BUCKET --destination-prefix flow-logs',
        '# delivered to S3 instead: aws s3 sync s3://FLOW_LOG_BUCKET/AWSLogs/ACCOUNT_ID/vpcflowlogs/ ./evidence/flow-logs/',
      ].join('\n'),
    },
  },
  {
    id: 'export-cloudwatch-logs',
    phase: 5,
    title: 'Export CloudWatch logs',
    why: 'Function and application logs show what the intruder’s code did; retention may expire them.',
    look: 'Log groups of the changed functions (/aws/lambda/…) and of the workloads the suspect reached.',
    target: {
      kind: 'manual',
      cli: [
        "aws logs describe-log-groups --query 'logGroups[].[logGroupName,retentionInDays]' --output text",
        'aws logs create-export-task --log-group-name /aws/lambda/FUNCTION_NAME --from {since-ms:30d} --to {now-ms} --destination EVIDENCE_BUCKET --destination-prefix cloudwatch',
        '# one export task runs at a time per account, and the bucket policy must let logs.amazonaws.com write',
      ].join('\n'),
    },
  },
];
