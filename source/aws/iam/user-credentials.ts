import {
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { isNoSuchEntity, isoOf } from './gather.js';
import { allPages } from './paginate.js';
import type {
  AccessKeyState,
  CredentialState,
  LoginProfileState,
  MfaDeviceState,
  ServiceCredentialState,
} from './types.js';

/** The user's access keys, each with when and where it was last used (when `lastUsed`). */
export async function readAccessKeys(
  iam: IAMClient,
  userName: string,
  lastUsed = true,
): Promise<AccessKeyState[]> {
  const keys = await allPages(async (Marker) => {
    const page = await iam.send(new ListAccessKeysCommand({ UserName: userName, Marker }));
    return { items: page.AccessKeyMetadata, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  const states: AccessKeyState[] = [];
  for (const key of keys) {
    if (!key.AccessKeyId) continue;
    const used = lastUsed
      ? (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId })))
          .AccessKeyLastUsed
      : undefined;
    states.push({
      id: key.AccessKeyId,
      status: key.Status ?? 'Unknown',
      createdAt: isoOf(key.CreateDate),
      lastUsedAt: isoOf(used?.LastUsedDate),
      // IAM says 'N/A' for a key never used.
      lastUsedService:
        used?.ServiceName && used.ServiceName !== 'N/A' ? used.ServiceName : undefined,
      lastUsedRegion: used?.Region && used.Region !== 'N/A' ? used.Region : undefined,
    });
  }
  return states;
}

/** The console password, or null: IAM answers NoSuchEntity when the user has none. */
export async function readLoginProfile(
  iam: IAMClient,
  userName: string,
): Promise<LoginProfileState | null> {
  try {
    const { LoginProfile } = await iam.send(new GetLoginProfileCommand({ UserName: userName }));
    return {
      createdAt: isoOf(LoginProfile?.CreateDate),
      passwordResetRequired: LoginProfile?.PasswordResetRequired ?? false,
    };
  } catch (error) {
    if (isNoSuchEntity(error)) return null;
    throw error;
  }
}

export async function readMfaDevices(iam: IAMClient, userName: string): Promise<MfaDeviceState[]> {
  const devices = await allPages(async (Marker) => {
    const page = await iam.send(new ListMFADevicesCommand({ UserName: userName, Marker }));
    return { items: page.MFADevices, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return devices.map((device) => ({
    serial: device.SerialNumber ?? '',
    enabledAt: isoOf(device.EnableDate),
    // Virtual devices are named by an ARN under `mfa/`; hardware tokens by a serial number.
    virtual: /^arn:[^:]+:iam::\d*:mfa\//.test(device.SerialNumber ?? ''),
  }));
}

export async function readSigningCertificates(
  iam: IAMClient,
  userName: string,
): Promise<CredentialState[]> {
  const certificates = await allPages(async (Marker) => {
    const page = await iam.send(new ListSigningCertificatesCommand({ UserName: userName, Marker }));
    return { items: page.Certificates, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return certificates.map((certificate) => ({
    id: certificate.CertificateId ?? '',
    status: certificate.Status ?? 'Unknown',
    uploadedAt: isoOf(certificate.UploadDate),
  }));
}

export async function readSshPublicKeys(
  iam: IAMClient,
  userName: string,
): Promise<CredentialState[]> {
  const keys = await allPages(async (Marker) => {
    const page = await iam.send(new ListSSHPublicKeysCommand({ UserName: userName, Marker }));
    return { items: page.SSHPublicKeys, isTruncated: page.IsTruncated, marker: page.Marker };
  });
  return keys.map((key) => ({
    id: key.SSHPublicKeyId ?? '',
    status: key.Status ?? 'Unknown',
    uploadedAt: isoOf(key.UploadDate),
  }));
}

/** CodeCommit / Keyspaces / Bedrock credentials (paginated since 2025; older endpoints never truncate). */
export async function readServiceCredentials(
  iam: IAMClient,
  userName: string,
): Promise<ServiceCredentialState[]> {
  const credentials = await allPages(async (Marker) => {
    const page = await iam.send(
      new ListServiceSpecificCredentialsCommand({ UserName: userName, Marker }),
    );
    return {
      items: page.ServiceSpecificCredentials,
      isTruncated: page.IsTruncated,
      marker: page.Marker,
    };
  });
  return credentials.map((credential) => ({
    id: credential.ServiceSpecificCredentialId ?? '',
    status: credential.Status ?? 'Unknown',
    uploadedAt: isoOf(credential.CreateDate),
    serviceName: credential.ServiceName ?? '',
    serviceUserName: credential.ServiceUserName ?? '',
  }));
}
