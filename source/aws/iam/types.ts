/**
 * What IAM says about one principal, read fresh from the account. Plain data (strings, arrays,
 * parsed policy documents) so it can be shown, flagged, planned against, and written as evidence
 * without the SDK's types leaking further.
 */

export interface AttachedPolicy {
  name: string;
  arn: string;
}

/** An inline policy or a trust policy: IAM returns the text URL-encoded; this holds it decoded. */
export interface PolicyText {
  /** The decoded JSON text, as IAM stores it. */
  text: string;
  /** The parsed document; undefined when the text is not JSON (then `error` says why). */
  document: unknown;
  error?: string;
}

export interface InlinePolicy extends PolicyText {
  name: string;
}

export interface AccessKeyState {
  id: string;
  status: 'Active' | 'Inactive' | string;
  createdAt: string | undefined;
  /** From GetAccessKeyLastUsed; undefined when never used or not asked for. */
  lastUsedAt: string | undefined;
  lastUsedService: string | undefined;
  lastUsedRegion: string | undefined;
}

export interface LoginProfileState {
  createdAt: string | undefined;
  passwordResetRequired: boolean;
}

export interface MfaDeviceState {
  serial: string;
  enabledAt: string | undefined;
  /** A virtual device is an IAM resource of its own: deleting the user means deleting it too. */
  virtual: boolean;
}

export interface CredentialState {
  id: string;
  status: string;
  uploadedAt: string | undefined;
}

export interface ServiceCredentialState extends CredentialState {
  serviceName: string;
  serviceUserName: string;
}

export interface Tag {
  key: string;
  value: string;
}

/** A part of the inventory that could not be read (denied, not supported); the rest still is. */
export interface InventoryGap {
  /** The IAM permission whose call failed, `iam:ListServiceSpecificCredentials`. */
  call: string;
  message: string;
}

/** A group the user is in, with what the group grants (a user can be admin through a group). */
export interface GroupGrant {
  name: string;
  arn: string;
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
}

export interface UserInventory {
  kind: 'user';
  name: string;
  arn: string;
  id: string;
  path: string;
  accountId: string;
  createdAt: string | undefined;
  passwordLastUsed: string | undefined;
  permissionsBoundary: string | undefined;
  loginProfile: LoginProfileState | null;
  accessKeys: AccessKeyState[];
  mfaDevices: MfaDeviceState[];
  groups: AttachedPolicy[];
  /** The groups' own policies (attached, and inline decoded). */
  groupPolicies: GroupGrant[];
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
  tags: Tag[];
  signingCertificates: CredentialState[];
  sshPublicKeys: CredentialState[];
  serviceCredentials: ServiceCredentialState[];
  gaps: InventoryGap[];
  /** UTC ISO time the inventory was read. */
  readAt: string;
}

export interface RoleInventory {
  kind: 'role';
  name: string;
  arn: string;
  id: string;
  path: string;
  accountId: string;
  createdAt: string | undefined;
  description: string | undefined;
  maxSessionDuration: number | undefined;
  permissionsBoundary: string | undefined;
  trustPolicy: PolicyText;
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
  lastUsedAt: string | undefined;
  lastUsedRegion: string | undefined;
  instanceProfiles: AttachedPolicy[];
  tags: Tag[];
  gaps: InventoryGap[];
  readAt: string;
}

export type PrincipalInventory = UserInventory | RoleInventory;
