/** The compromised user of the story, with one of everything IAM can hang on a user. */
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';

export const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const INLINE_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::dora-cloudbucket/Threat Intelligence.docx',
      Condition: { StringLike: { 'aws:UserAgent': '*kali* & 100%' } },
    },
  ],
};

export interface SeededUser {
  name: string;
  keys: { id: string; secret: string }[];
  mfaSerial: string;
}

export async function seedUser(
  iam: IAMClient,
  name = 'KeyHunter',
  options: { certificate?: string; mfa?: boolean; keys?: number } = {},
): Promise<SeededUser> {
  await iam.send(new CreateUserCommand({ UserName: name, Tags: [{ Key: 'team', Value: 'data' }] }));
  const keys: SeededUser['keys'] = [];
  for (let i = 0; i < (options.keys ?? 2); i++) {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    keys.push({ id: AccessKey!.AccessKeyId!, secret: AccessKey!.SecretAccessKey! });
  }
  await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Attacker-Chosen-1!' }));
  let mfaSerial = '';
  if (options.mfa ?? true) {
    const { VirtualMFADevice } = await iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${name}-mfa` }),
    );
    mfaSerial = VirtualMFADevice!.SerialNumber!;
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: name,
        SerialNumber: mfaSerial,
        AuthenticationCode1: '123456',
        AuthenticationCode2: '654321',
      }),
    );
  }
  await iam.send(new CreateGroupCommand({ GroupName: `${name}-group` }));
  await iam.send(new AddUserToGroupCommand({ GroupName: `${name}-group`, UserName: name }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: name,
      PolicyName: 'ReadIntel',
      PolicyDocument: JSON.stringify(INLINE_DOCUMENT),
    }),
  );
  await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: ADMIN_ARN }));
  if (options.certificate) {
    await iam.send(
      new UploadSigningCertificateCommand({ UserName: name, CertificateBody: options.certificate }),
    );
  }
  await iam.send(
    new UploadSSHPublicKeyCommand({
      UserName: name,
      SSHPublicKeyBody: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBxTrailhoundTestKeyOnly test@example',
    }),
  );
  return { name, keys, mfaSerial };
}

export const FOREIGN_ACCOUNT = '999988887777';

export async function seedRole(iam: IAMClient, name = 'backdoor-role'): Promise<void> {
  await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${FOREIGN_ACCOUNT}:root` },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: ADMIN_ARN }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: name,
      PolicyName: 'Everything',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: `${name}-profile` }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: `${name}-profile`, RoleName: name }),
  );
}
