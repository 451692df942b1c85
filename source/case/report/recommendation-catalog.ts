/**
 * What to recommend, and which findings justify it. A recommendation is made only when a
 * finding that was not dismissed names one of its rules (or, for rules we did not write, such as
 * Sigma's, one of its ATT&CK techniques). The standing list closes every report.
 */

export interface RecommendationTemplate {
  id: string;
  title: string;
  actions: string[];
  /** Rule ids (built-in rules and correlations) that support it. */
  rules: string[];
  /** ATT&CK technique ids that support it, for findings from rules we did not write. */
  techniques?: string[];
}

export const RECOMMENDATIONS: readonly RecommendationTemplate[] = [
  {
    id: 'enforce-mfa',
    title: 'Require MFA for every console user',
    actions: [
      'Deny everything but MFA set-up to IAM users who signed in without MFA (a policy conditioned on aws:MultiFactorAuthPresent), or move people to IAM Identity Center with MFA required.',
      'Give administrators and the root user phishing-resistant MFA (FIDO2 security keys).',
    ],
    rules: ['console-login-without-mfa', 'console-login-failures'],
  },
  {
    id: 'least-privilege',
    title: 'Remove AdministratorAccess and grant least privilege',
    actions: [
      'Detach AdministratorAccess, and any policy that allows every action on every resource, from the principals named in the findings.',
      'Scope what each principal really needs from its recorded activity (IAM Access Analyzer can draft a policy from CloudTrail).',
      'Let only a break-glass role attach administrator policies (a service control policy or a permissions boundary).',
    ],
    rules: ['iam-admin-policy-attached', 'lambda-role-iam-write'],
  },
  {
    id: 'protect-logging',
    title: 'Restore logging and make it hard to switch off',
    actions: [
      'Turn the trail back on (or recreate it) and check what was not recorded while it was off.',
      'Log through an organization trail in every region, with log file validation, into a bucket in a separate log-archive account.',
      'Deny StopLogging, DeleteTrail and UpdateTrail outside a break-glass role with a service control policy, and alert on any attempt.',
    ],
    rules: ['cloudtrail-stop-logging', 'cloudtrail-delete-trail', 'cloudtrail-trail-changed'],
    techniques: ['T1562.008'],
  },
  {
    id: 'restore-other-logs',
    title: 'Restore the other logs that were deleted',
    actions: [
      'Recreate the deleted VPC flow logs and CloudWatch log groups, and treat the gap as unmonitored time.',
      'Restrict logs:DeleteLogGroup and ec2:DeleteFlowLogs to the roles that own them.',
    ],
    rules: ['flow-logs-deleted', 'cloudwatch-logs-deleted'],
  },
  {
    id: 'restore-security-services',
    title: 'Re-enable the security services that were turned off',
    actions: [
      'Turn GuardDuty, Security Hub and AWS Config back on in every affected region and check nothing else was disabled.',
      'Deny the calls that disable them with a service control policy.',
    ],
    rules: ['guardduty-disabled', 'securityhub-disabled', 'config-disabled', 'organizations-leave'],
    techniques: ['T1562.001'],
  },
  {
    id: 'rotate-keys',
    title: 'Rotate exposed access keys and prefer short-lived credentials',
    actions: [
      'Deactivate the keys listed under indicators (deactivated keys stay traceable), delete them once reviewed, and issue new ones only where still needed.',
      'Replace long-term user keys with roles: IAM Identity Center for people, instance and task roles for workloads.',
      'Alert when one access key is used from more than one network.',
    ],
    rules: [
      'access-key-multiple-ips',
      'key-created-then-used-elsewhere',
      'iam-credentials-for-other-user',
    ],
  },
  {
    id: 'revoke-sessions',
    title: 'Revoke the temporary credentials minted from compromised keys',
    actions: [
      'Deactivating a key does not end the sessions made with it: revoke them with a deny on aws:TokenIssueTime (the console\'s "Revoke active sessions").',
      'Deny sts:GetFederationToken and sts:GetSessionToken to users who have no need for them.',
    ],
    rules: ['sts-get-federation-token', 'sts-get-session-token'],
  },
  {
    id: 'access-review',
    title: 'Review IAM users and who created them',
    actions: [
      'Confirm an owner for every user created during the incident; remove the rest (login profile, keys, MFA devices, policies and groups first, then the user).',
      'Review IAM users regularly: the credential report, and unused access in IAM Access Analyzer.',
    ],
    rules: ['iam-rogue-user-created', 'iam-user-created', 'iam-user-created-off-hours'],
    techniques: ['T1136.003'],
  },
  {
    id: 'review-trust',
    title: 'Review the trust given to other accounts and identities',
    actions: [
      'Remove role trust, cross-account access and Roles Anywhere trust anchors that no one can account for.',
      'Find external access with IAM Access Analyzer and keep its findings at zero.',
    ],
    rules: [
      'iam-role-trusts-other-account',
      'sts-cross-account-assume-role',
      'rolesanywhere-trust-anchor-created',
    ],
  },
  {
    id: 'lambda-code-signing',
    title: 'Allow only signed code to run in Lambda',
    actions: [
      'Turn on Lambda code signing with AWS Signer so only packages from the pipeline deploy.',
      "Let only the deployment role call UpdateFunctionCode and UpdateFunctionConfiguration, and compare the deployed code with the pipeline's build.",
    ],
    rules: ['lambda-function-modified'],
  },
  {
    id: 'instance-credentials',
    title: 'Keep instance credentials on their instances',
    actions: [
      'Require IMDSv2 on every instance (HttpTokens required).',
      'Condition instance role policies on aws:EC2InstanceSourceVPC so stolen credentials fail outside the VPC.',
    ],
    rules: ['instance-credentials-outside-aws'],
  },
  {
    id: 'block-public-s3',
    title: 'Block public access to S3',
    actions: [
      'Turn on S3 Block Public Access for the account, and put back the bucket policies and ACLs changed during the incident.',
      'Review every bucket shared outside the account with IAM Access Analyzer for S3.',
    ],
    rules: ['s3-bucket-made-public', 's3-anonymous-access', 's3-versioning-suspended'],
  },
  {
    id: 'protect-data',
    title: 'Assess the data that was read and watch sensitive buckets',
    actions: [
      'List the objects read (the timeline and affected resources above), judge the exposure, and notify as your obligations require.',
      'Keep S3 data events on for buckets that hold sensitive data, and classify those buckets (Amazon Macie can find them).',
    ],
    rules: ['chain-login-discovery-access', 's3-bulk-object-reads'],
  },
  {
    id: 'withdraw-sharing',
    title: 'Withdraw shared snapshots and images',
    actions: [
      'Remove the sharing permissions granted during the incident and check whether the other account copied anything.',
      'Turn on block public access for EBS snapshots and AMIs.',
    ],
    rules: ['ec2-snapshot-shared', 'ec2-ami-shared', 'rds-snapshot-shared'],
  },
  {
    id: 'close-network',
    title: 'Close security groups opened to the internet',
    actions: [
      'Remove the 0.0.0.0/0 and ::/0 rules added during the incident.',
      'Reach instances through Systems Manager Session Manager instead of open ports.',
    ],
    rules: ['security-group-opened-to-world'],
  },
];

/** Prevention every account should have, whatever was found. */
export const STANDING: readonly Omit<RecommendationTemplate, 'rules'>[] = [
  {
    id: 'standing-guardduty',
    title: 'Keep GuardDuty on in every account and region',
    actions: ['Manage it from a delegated administrator account so new accounts are covered.'],
  },
  {
    id: 'standing-security-hub',
    title: 'Gather findings in Security Hub',
    actions: [
      'Enable the AWS Foundational Security Best Practices standard and route high findings to on-call.',
    ],
  },
  {
    id: 'standing-cloudtrail',
    title: 'Record CloudTrail in every region',
    actions: [
      'One organization, multi-region trail with log file validation, kept in a separate account.',
    ],
  },
];
