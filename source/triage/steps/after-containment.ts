import type { PlaybookStep } from '../types.js';

/**
 * Phase 7: replace what was exposed, close what let it happen, and check the door stays shut.
 * AWS's playbook says to watch the contained credentials for about 30 minutes: long enough for
 * policy changes to reach every region and for a retrying intruder to show.
 */
export const AFTER_CONTAINMENT_STEPS: readonly PlaybookStep[] = [
  {
    id: 'watch-contained-key',
    phase: 7,
    title: 'Watch the contained key',
    why: 'Calls with the key after containment mean it is not really off, or the intruder is still trying.',
    look: 'Any row: a call that succeeded means containment missed something; failures show the intruder still trying.',
    target: {
      kind: 'query',
      query: 'key:{key} after:30m',
      cli: [
        'aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue={key} --start-time {since:30m}',
        '# CloudTrail delivers events within about 5 minutes on average: run again before closing the step',
      ].join('\n'),
    },
  },
  {
    id: 'watch-suspect-ip',
    phase: 7,
    title: 'Watch the suspect address',
    why: 'An intruder locked out of one identity tries the next one it made or stole, from the same place.',
    look: 'Any principal other than the contained one: that identity is compromised too.',
    target: {
      kind: 'query',
      query: 'ip:{ip} after:30m',
      cli: [
        `aws cloudtrail lookup-events --start-time {since:30m} --output json | jq -c --arg ip {ip} '.Events[].CloudTrailEvent | fromjson | select(.sourceIPAddress == $ip) | {eventTime, eventName, arn: .userIdentity.arn, errorCode}'`,
        '# no source-IP attribute: this reads every management event of the window and jq keeps the address; repeat with --region per region',
      ].join('\n'),
    },
  },
  {
    id: 'rotate-credentials',
    phase: 7,
    title: 'Rotate the exposed credentials',
    why: 'Anything the suspect could read (keys, passwords, secrets) must be assumed copied.',
    look: 'New key for the owner, old one deleted once nothing uses it; a new password; secrets the suspect read.',
    target: {
      kind: 'manual',
      cli: [
        'aws iam create-access-key --user-name {principal}',
        'aws iam get-access-key-last-used --access-key-id {key}',
        'aws iam delete-access-key --user-name {principal} --access-key-id {key}',
        '# a new console password: reset it from the console, so it stays out of shell history',
        'aws secretsmanager rotate-secret --secret-id SECRET_ID',
      ].join('\n'),
    },
  },
  {
    id: 'tighten-policies',
    phase: 7,
    title: 'Tighten the policies that allowed it',
    why: 'The suspect could only do what its policies allowed; unused permissions are the intruder’s reach.',
    look: 'Services the user never uses but may call; Access Analyzer findings on outside access.',
    target: {
      kind: 'manual',
      cli: [
        'aws iam generate-service-last-accessed-details --arn USER_ARN',
        'aws iam get-service-last-accessed-details --job-id JOB_ID',
        'aws accessanalyzer list-findings-v2 --analyzer-arn ANALYZER_ARN',
      ].join('\n'),
    },
  },
  {
    id: 'enforce-mfa',
    phase: 7,
    title: 'MFA for every human user',
    why: 'A stolen password without MFA is a login; with MFA it is a failed attempt in the log.',
    look: 'Users with a console password and no MFA device (credential report columns 4 and 8).',
    target: {
      kind: 'manual',
      cli: [
        'aws iam generate-credential-report',
        `aws iam get-credential-report --query Content --output text | base64 -d | awk -F, '$4 == "true" && $8 == "false" {print $1}'`,
      ].join('\n'),
    },
  },
  {
    id: 'review-scps',
    phase: 7,
    title: 'Review service control policies',
    why: 'An SCP limits every identity of an account, even an admin the intruder made.',
    look: 'Whether SCPs deny leaving the organization, stopping CloudTrail and GuardDuty, and unused regions.',
    target: {
      kind: 'manual',
      cli: [
        'aws organizations list-policies --filter SERVICE_CONTROL_POLICY',
        'aws organizations list-policies-for-target --target-id ACCOUNT_ID --filter SERVICE_CONTROL_POLICY',
        'aws organizations describe-policy --policy-id POLICY_ID',
      ].join('\n'),
    },
  },
];
