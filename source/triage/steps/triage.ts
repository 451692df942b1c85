import type { PlaybookStep } from '../types.js';

/**
 * Phase 1: what was detected, since when, against what, and whether it is still happening.
 * The last two decide how fast everything after must go.
 */
export const TRIAGE_STEPS: readonly PlaybookStep[] = [
  {
    id: 'triage-findings',
    phase: 1,
    title: 'Read what was detected',
    why: 'The findings are the alarm: which principal, which address and which moves tripped a rule, gravest first.',
    look: 'Severity, the principal and address each finding names, first and last time, the evidence events. Mark the principal, access key and IP as suspects: later steps fill them in.',
    target: {
      kind: 'findings',
      rules: [
        'chain-login-discovery-access',
        'key-created-then-used-elsewhere',
        'new-address-first-action-iam-write',
        'impossible-travel',
        'console-login-new-ip',
        'instance-credentials-outside-aws',
        'iam-admin-policy-attached',
        'cloudtrail-stop-logging',
      ],
    },
  },
  {
    id: 'triage-first-seen',
    phase: 1,
    title: 'Find when it started',
    why: 'The first call from the suspect address opens the window every later search must cover.',
    look: 'The first row (oldest) is the start: note its time, principal and event. Then scroll for the last.',
    target: {
      kind: 'query',
      query: 'ip:{ip}',
      cli: [
        `aws cloudtrail lookup-events --start-time {since:90d} --output json | jq -c --arg ip {ip} '.Events[].CloudTrailEvent | fromjson | select(.sourceIPAddress == $ip) | {eventTime, eventName, arn: .userIdentity.arn}'`,
        '# LookupEvents has no source-IP attribute: this pages through every management event of the region (50 a page, 2 requests a second) and jq keeps the address; narrow --start-time when you can',
      ].join('\n'),
    },
  },
  {
    id: 'triage-affected-resources',
    phase: 1,
    title: 'See what the suspect touched',
    why: 'The resources named in its calls are what may be read, changed or gone.',
    look: 'Resources touched, buckets, IAM changes it made, identities it created or assumed, regions.',
    target: { kind: 'profile', subject: 'suspect-principal' },
  },
  {
    id: 'triage-active-principal',
    phase: 1,
    title: 'Is the suspect still active?',
    why: 'Calls in the last hour mean the intruder is in now: contain before investigating further.',
    look: 'Any row at all. Then the source IP and user agent: the intruder’s, or the real owner’s?',
    target: {
      kind: 'query',
      query: 'user:{principal} after:1h',
      cli: [
        'aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue={principal} --start-time {since:1h}',
        '# one region per call: repeat with --region for each region in use (IAM and global STS calls are in us-east-1)',
      ].join('\n'),
    },
  },
  {
    id: 'triage-active-key',
    phase: 1,
    title: 'Is the suspect key still in use?',
    why: 'A stolen key keeps working from anywhere until it is deactivated, whatever happens to the console password.',
    look: 'Any row at all, and the addresses it comes from.',
    target: {
      kind: 'query',
      query: 'key:{key} after:1h',
      cli: [
        'aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue={key} --start-time {since:1h}',
        '# one region per call: repeat with --region for each region in use',
      ].join('\n'),
    },
  },
];
