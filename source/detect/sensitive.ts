import type { DetectionContext } from './context.js';

/**
 * What makes a new place worth a high: not being somewhere new (people travel, leases change),
 * but what was done from there. The kinds of action that turn "new address" into "intrusion":
 * keeping a way back in, turning off the lights, taking data or secrets, minting credentials.
 */
export type SensitiveKind = 'persistence' | 'defence-evasion' | 'data-access' | 'credentials';

/** IAM writes that leave a way back in (creating a user or role, granting, trusting). */
const PERSISTENCE = new Set([
  'CreateUser',
  'CreateRole',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'AttachUserPolicy',
  'AttachRolePolicy',
  'AttachGroupPolicy',
  'PutUserPolicy',
  'PutRolePolicy',
  'PutGroupPolicy',
  'AddUserToGroup',
  'UpdateAssumeRolePolicy',
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'CreateOpenIDConnectProvider',
  'CreateSAMLProvider',
  'CreateTrustAnchor',
  'UpdateFunctionCode',
  'UpdateFunctionConfiguration',
  'AddPermission',
  'AuthorizeSecurityGroupIngress',
  'SendCommand',
  'StartSession',
]);

const DEFENCE_EVASION = new Set([
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'DeleteDetector',
  'UpdateDetector',
  'DeleteMembers',
  'DisassociateFromMasterAccount',
  'StopConfigurationRecorder',
  'DeleteConfigurationRecorder',
  'DeleteDeliveryChannel',
  'DeleteFlowLogs',
  'DisableSecurityHub',
  'BatchDisableStandards',
  'DeleteLogGroup',
  'DeleteLogStream',
  'PutBucketLifecycle',
  'PutBucketLifecycleConfiguration',
  'DeleteBucketPolicy',
  'LeaveOrganization',
]);

const DATA_ACCESS = new Set([
  'GetObject',
  'CopyObject',
  'SelectObjectContent',
  'GetSecretValue',
  'BatchGetSecretValue',
  'GetPasswordData',
  'ModifySnapshotAttribute',
  'ModifyImageAttribute',
  'ModifyDBSnapshotAttribute',
  'ModifyDBClusterSnapshotAttribute',
  'PutBucketPolicy',
  'PutBucketAcl',
  'DeleteObject',
  'DeleteBucket',
]);

/** Making credentials for later or for someone else. */
const CREDENTIALS = new Set([
  'CreateAccessKey',
  'GetFederationToken',
  'CreateServiceSpecificCredential',
  'UploadSSHPublicKey',
  'UploadSigningCertificate',
  'GetParameter',
  'GetParameters',
  'GetParametersByPath',
]);

/** The kind of a successful call, or undefined when it is none of the sensitive kinds. */
export function sensitiveKind(operation: string): SensitiveKind | undefined {
  if (PERSISTENCE.has(operation)) return 'persistence';
  if (DEFENCE_EVASION.has(operation)) return 'defence-evasion';
  if (DATA_ACCESS.has(operation)) return 'data-access';
  if (CREDENTIALS.has(operation)) return 'credentials';
  return undefined;
}

/** The row's kind when the call succeeded (a denied attempt changed nothing and read nothing). */
export function sensitiveRow(context: DetectionContext, row: number): SensitiveKind | undefined {
  if (context.value(row, 'error') !== '') return undefined;
  return sensitiveKind(context.operation(row));
}
