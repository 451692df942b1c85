import type { PlaybookStep } from '../types.js';

/** Phase 8: the record of what happened and what changes so it does not happen again. */
export const POST_INCIDENT_STEPS: readonly PlaybookStep[] = [
  {
    id: 'report-timeline',
    phase: 8,
    title: 'Write the timeline',
    why: 'One ordered account of the incident is what every later question is answered from.',
    look: 'Pinned events in time order, each with a line of what it meant: first access, discovery, data, persistence, containment.',
    target: { kind: 'manual' },
  },
  {
    id: 'report-attack-vector',
    phase: 8,
    title: 'Name the attack vector',
    why: 'How they got in decides what must change: a leaked key, a phished password, a workload’s stolen role.',
    look: 'The earliest finding of initial access, and what the evidence says about where the credential came from.',
    target: {
      kind: 'findings',
      rules: [
        'console-login-new-ip',
        'console-login-without-mfa',
        'console-login-failures',
        'access-key-multiple-ips',
        'impossible-travel',
        'instance-credentials-outside-aws',
      ],
    },
  },
  {
    id: 'report-affected-resources',
    phase: 8,
    title: 'List the affected resources',
    why: 'Owners and, for data, possibly customers and regulators must be told what was reached.',
    look: 'Resources and buckets touched, identities created, regions and accounts: what was read, changed or made.',
    target: { kind: 'profile', subject: 'suspect-principal' },
  },
  {
    id: 'report-actions-taken',
    phase: 8,
    title: 'Record the actions taken',
    why: 'What was changed during containment must be known to undo it and to tell it from the intruder’s work.',
    look: 'The case’s audit log: every containment call with its time and who made it; plus anything done outside the tool.',
    target: { kind: 'manual' },
  },
  {
    id: 'lessons-learned',
    phase: 8,
    title: 'Hold the lessons-learned review',
    why: 'The same gap lets the next intruder in unless someone owns closing it.',
    look: 'What detected it and how late, what slowed the response, each fix with an owner and a date.',
    target: { kind: 'manual' },
  },
  {
    id: 'prevent-detection-services',
    phase: 8,
    title: 'Turn on GuardDuty and Security Hub',
    why: 'Managed detection sees what a single trail review misses, in every region, all the time.',
    look: 'A detector in every region in use, Security Hub with the foundational standards.',
    target: {
      kind: 'manual',
      cli: [
        'aws guardduty list-detectors',
        'aws guardduty create-detector --enable',
        'aws securityhub enable-security-hub --enable-default-standards',
      ].join('\n'),
    },
  },
  {
    id: 'prevent-least-privilege',
    phase: 8,
    title: 'Least privilege and access reviews',
    why: 'Unused permissions and forgotten users are what an intruder inherits.',
    look: 'Unused roles, users, keys and permissions; a schedule for reviewing who has what.',
    target: {
      kind: 'manual',
      cli: 'aws accessanalyzer create-analyzer --analyzer-name unused-access --type ACCOUNT_UNUSED_ACCESS',
    },
  },
  {
    id: 'prevent-cloudtrail-all-regions',
    phase: 8,
    title: 'CloudTrail in every region',
    why: 'Intruders work in regions nobody watches; a single-region trail never sees them.',
    look: 'Every trail multi-region (or one organization trail), with log file validation.',
    target: {
      kind: 'manual',
      cli: [
        "aws cloudtrail describe-trails --query 'trailList[?IsMultiRegionTrail==`false`].Name'",
        'aws cloudtrail update-trail --name TRAIL_NAME --is-multi-region-trail --enable-log-file-validation',
      ].join('\n'),
    },
  },
];
