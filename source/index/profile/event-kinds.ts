import { operationName } from '../../trail/event-name.js';

/**
 * What makes an event worth listing in a profile, decided per distinct event name, source or
 * error code (see value-codes.ts), never per row.
 */

/** Bits of an event name's code. */
export const CONSOLE_LOGIN = 1;
/** An IAM API that changes something (counts only with eventSource iam.amazonaws.com). */
export const IAM_WRITE = 2;
/** An IAM API that creates an identity or a credential for one. */
export const IDENTITY_CREATION = 4;
export const ASSUME_ROLE = 8;
export const CREATE_ACCESS_KEY = 16;

/**
 * IAM's writes start with one of these verbs; its reads are Get*, List*, Simulate*, Generate*
 * (reports) and GetAccountAuthorizationDetails.
 */
const IAM_WRITE_VERB =
  /^(?:Create|Delete|Attach|Detach|Put|Update|Add|Remove|Tag|Untag|Set|Change|Upload|Enable|Disable|Deactivate|Reset|Resync)[A-Z]/;

/** Calls after which a new principal, or a new way in for one, exists. */
const IDENTITY_CREATIONS = new Set([
  'CreateUser',
  'CreateRole',
  'CreateAccessKey',
  'CreateLoginProfile',
  'CreateServiceSpecificCredential',
  'CreateSAMLProvider',
  'CreateOpenIDConnectProvider',
  'UploadSSHPublicKey',
  'UploadSigningCertificate',
]);

/** STS calls that turn the caller into a role session (the role ARN is in `resources`). */
const ROLE_ASSUMPTIONS = new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity']);

export function classifyEventName(eventName: string): number {
  const name = operationName(eventName);
  let code = 0;
  if (name === 'ConsoleLogin') code |= CONSOLE_LOGIN;
  if (IAM_WRITE_VERB.test(name)) code |= IAM_WRITE;
  if (IDENTITY_CREATIONS.has(name)) code |= IDENTITY_CREATION;
  if (ROLE_ASSUMPTIONS.has(name)) code |= ASSUME_ROLE;
  if (name === 'CreateAccessKey') code |= CREATE_ACCESS_KEY;
  return code;
}

export function classifyIamSource(eventSource: string): number {
  return eventSource === 'iam.amazonaws.com' ? 1 : 0;
}

/**
 * Error codes that mean "you may not": S3's and IAM's AccessDenied, EC2's
 * (Client.)UnauthorizedOperation, the *Exception spellings of newer SDK-generated services,
 * and SNS's AuthorizationError. Repeated, they are the noise of someone probing what a stolen
 * credential allows.
 */
const ACCESS_DENIED =
  /^(?:Client\.)?(?:AccessDenied|[A-Za-z]*UnauthorizedOperation|Unauthorized|UnauthorizedAccess|NotAuthorized|AuthorizationError|Forbidden)(?:Exception)?$/;

export function isAccessDenied(error: string): boolean {
  return ACCESS_DENIED.test(error);
}

export function classifyAccessDenied(error: string): number {
  return isAccessDenied(error) ? 1 : 0;
}
