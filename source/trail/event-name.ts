/**
 * Some services (Lambda above all) log API names with a version suffix:
 * `UpdateFunctionCode20150331v2`, `AddPermission20150331`. Rules and queries speak of the
 * operation, so this gives the name without the suffix.
 */
const VERSION_SUFFIX = /\d{8}(?:v\d+)?$/;

export function operationName(eventName: string): string {
  return eventName.replace(VERSION_SUFFIX, '');
}

/**
 * Event names an investigator should see at a glance in the stream: sign-ins, identity and
 * credential changes, logging tampering, and the guide's patterns. Matched on the operation name.
 */
const SENSITIVE = new Set([
  'ConsoleLogin',
  'CreateUser',
  'DeleteUser',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'DeleteLoginProfile',
  'CreateAccessKey',
  'UpdateAccessKey',
  'DeleteAccessKey',
  'AttachUserPolicy',
  'AttachRolePolicy',
  'AttachGroupPolicy',
  'PutUserPolicy',
  'PutRolePolicy',
  'PutGroupPolicy',
  'AddUserToGroup',
  'CreateRole',
  'UpdateAssumeRolePolicy',
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
  'GetFederationToken',
  'GetSessionToken',
  'AssumeRole',
  'GetSigninToken',
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'DeleteDetector',
  'DeleteFlowLogs',
  'StopConfigurationRecorder',
  'DisableSecurityHub',
  'UpdateFunctionCode',
  'UpdateFunctionConfiguration',
  'AddPermission',
  'PublishLayerVersion',
  'ListBuckets',
  'PutBucketPolicy',
  'PutBucketAcl',
  'DeleteBucket',
  'ModifySnapshotAttribute',
  'ModifyImageAttribute',
  'LeaveOrganization',
]);

export function isSensitiveEventName(eventName: string): boolean {
  return SENSITIVE.has(operationName(eventName));
}
