/**
 * Call shapes the demo's catalog does not have and ordinary work needs: IAM writes (an admin's
 * onboarding, Terraform's role changes, a user rotating their own key), the data-plane reads
 * of machines, and the federated console sign-in of an Identity Center user.
 */

import { ACCOUNT, GLOBAL_REGION, type IamRole, type Region } from '../../demo/cast.js';
import type { Identity } from '../../demo/identity.js';
import type { Call, Trail } from '../../demo/record.js';
import type { Rng } from '../../demo/random.js';
import { awsDisplayDate } from '../../demo/time.js';

export const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function iamWrite(
  name: string,
  request: Call['request'],
  response: Call['response'] = null,
): Call {
  return { service: 'iam', name, region: GLOBAL_REGION, readOnly: false, request, response };
}

export function read(
  service: string,
  name: string,
  region: Region,
  request: Call['request'] = null,
): Call {
  return { service, name, region, readOnly: true, request };
}

export function write(
  service: string,
  name: string,
  region: Region,
  request: Call['request'],
  response: Call['response'] = null,
): Call {
  return { service, name, region, readOnly: false, request, response };
}

export function createAccessKey(rng: Rng, userName: string, time: number): [Call, string] {
  const accessKeyId = `AKIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 9)}EXAMPLE`;
  return [
    iamWrite(
      'CreateAccessKey',
      { userName },
      {
        accessKey: {
          userName,
          accessKeyId,
          status: 'Active',
          createDate: awsDisplayDate(time),
        },
      },
    ),
    accessKeyId,
  ];
}

export function updateAccessKey(userName: string, accessKeyId: string, status: string): Call {
  return iamWrite('UpdateAccessKey', { userName, accessKeyId, status });
}

export function deleteAccessKey(userName: string, accessKeyId: string): Call {
  return iamWrite('DeleteAccessKey', { userName, accessKeyId });
}

export function createUser(rng: Rng, userName: string, time: number): Call {
  return iamWrite(
    'CreateUser',
    { userName },
    {
      user: {
        path: '/',
        userName,
        userId: `AIDA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 10)}EXAMPLE`,
        arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
        createDate: awsDisplayDate(time),
      },
    },
  );
}

export function createLoginProfile(userName: string, time: number): Call {
  return iamWrite(
    'CreateLoginProfile',
    { userName, passwordResetRequired: true },
    {
      loginProfile: { userName, createDate: awsDisplayDate(time), passwordResetRequired: true },
    },
  );
}

export function attachUserPolicy(userName: string, policyArn: string): Call {
  return iamWrite('AttachUserPolicy', { userName, policyArn });
}

export function addUserToGroup(userName: string, groupName: string): Call {
  return iamWrite('AddUserToGroup', { userName, groupName });
}

export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

export function policyArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:policy/${name}`;
}

/** An IAM role with a path, e.g. Identity Center's `aws-reserved/sso.amazonaws.com/`. */
export function role(name: string, roleId: string, path = '/'): IamRole {
  return { name, roleId, arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}` };
}

export function getObjectPlain(bucket: string, key: string, region: Region): Call {
  return {
    service: 's3',
    name: 'GetObject',
    region,
    readOnly: true,
    data: true,
    request: { bucketName: bucket, Host: `${bucket}.s3.${region}.amazonaws.com`, key },
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ],
    host: `${bucket}.s3.${region}.amazonaws.com`,
  };
}

const KMS_KEY = (region: Region): string =>
  `arn:aws:kms:${region}:${ACCOUNT}:key/4f2a9c1e-7b3d-4e8a-9c5f-1a2b3c4d5e6f`;

export function kmsDecrypt(region: Region): Call {
  return {
    ...read('kms', 'Decrypt', region, { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }),
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KMS_KEY(region) }],
  };
}

export function kmsGenerateDataKey(region: Region): Call {
  return {
    ...read('kms', 'GenerateDataKey', region, { keyId: KMS_KEY(region), keySpec: 'AES_256' }),
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KMS_KEY(region) }],
  };
}

/**
 * An Identity Center user's console sign-in to a member account. Federated sign-ins are written
 * as the role session, and MFA at the identity provider is invisible here: MFAUsed is "No".
 */
export function federatedConsoleLogin(
  trail: Trail,
  time: number,
  identity: Identity,
  ip: string,
  userAgent: string,
): void {
  trail.add(
    time,
    { identity, ip, userAgent },
    {
      service: 'signin',
      name: 'ConsoleLogin',
      region: GLOBAL_REGION,
      readOnly: false,
      eventType: 'AwsConsoleSignIn',
      response: { ConsoleLogin: 'Success' },
      additional: {
        MobileVersion: 'No',
        MFAUsed: 'No',
        LoginTo:
          'https://console.aws.amazon.com/console/home?fromtb=true&hashArgs=%23&isauthcode=true',
      },
    },
  );
}
