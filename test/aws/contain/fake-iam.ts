/**
 * A small IAM of our own behind aws-sdk-client-mock, for what moto does not model: pages of a
 * chosen size (moto ignores MaxItems for most lists), service-specific credentials (moto has no
 * such call), DeleteUser refusing while anything remains (moto only checks policies), throttling
 * and a failure injected halfway through a plan.
 */
import * as iam from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';

export interface FakeUser {
  name: string;
  loginProfile: boolean;
  passwordResetRequired: boolean;
  keys: { id: string; status: string }[];
  certificates: string[];
  sshKeys: string[];
  serviceCredentials: { id: string; service: string }[];
  mfa: string[];
  inline: Record<string, string>;
  attached: string[];
  groups: string[];
}

export function fakeUser(name = 'KeyHunter', many = 3): FakeUser {
  const n = (prefix: string) => Array.from({ length: many }, (_, i) => `${prefix}${i + 1}`);
  return {
    name,
    loginProfile: true,
    passwordResetRequired: false,
    keys: [
      { id: 'AKIAEXAMPLEKEY000001', status: 'Active' },
      { id: 'AKIAEXAMPLEKEY000002', status: 'Inactive' },
    ],
    certificates: n('CERT'),
    sshKeys: n('APKA'),
    serviceCredentials: [
      { id: 'ACCACODECOMMIT1', service: 'codecommit.amazonaws.com' },
      { id: 'ACCABEDROCK0001', service: 'bedrock.amazonaws.com' },
    ],
    mfa: [`arn:aws:iam::123456789012:mfa/${name}`, 'GAHT12345678'],
    inline: Object.fromEntries(
      n('Inline').map((policy) => [
        policy,
        encodeURIComponent(
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
          }),
        ),
      ]),
    ),
    attached: n('arn:aws:iam::123456789012:policy/Attached'),
    groups: n('group'),
  };
}

export interface Failure {
  operation: string;
  error: Error;
  /** How many calls of it fail before it works again (default: one). */
  times?: number;
}

const named = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $metadata: {} });
export const noSuchEntity = (what: string) =>
  named('NoSuchEntityException', `${what} cannot be found.`);

/** Installs the fake on `client`; returns the mock (for its call list) and the model. */
export function installFakeIam(
  client: iam.IAMClient,
  user: FakeUser | null,
  options: { pageSize?: number; failures?: Failure[] } = {},
) {
  const mock = mockClient(client);
  const state = { user };
  const size = options.pageSize ?? 100;
  const failures = [...(options.failures ?? [])].map((f) => ({ ...f, left: f.times ?? 1 }));
  const calls: string[] = [];

  const page = <T>(items: T[], marker: string | undefined) => {
    const start = marker ? Number(marker) : 0;
    const end = start + size;
    return {
      items: items.slice(start, end),
      IsTruncated: end < items.length,
      Marker: end < items.length ? String(end) : undefined,
    };
  };
  const current = () => {
    if (!state.user) throw noSuchEntity('The user');
    return state.user;
  };
  const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
    GetUser: () => ({
      User: {
        UserName: current().name,
        Arn: `arn:aws:iam::123456789012:user/${current().name}`,
        UserId: 'AIDAEXAMPLE',
        Path: '/',
        CreateDate: new Date('2026-01-01T00:00:00Z'),
      },
    }),
    GetLoginProfile: () => {
      if (!current().loginProfile) throw noSuchEntity('Login profile');
      return {
        LoginProfile: {
          UserName: current().name,
          PasswordResetRequired: current().passwordResetRequired,
        },
      };
    },
    ListAccessKeys: (i) => {
      const p = page(current().keys, i['Marker'] as string | undefined);
      return {
        AccessKeyMetadata: p.items.map((k) => ({
          AccessKeyId: k.id,
          Status: k.status,
          UserName: current().name,
        })),
        IsTruncated: p.IsTruncated,
        Marker: p.Marker,
      };
    },
    GetAccessKeyLastUsed: () => ({ AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } }),
    ListMFADevices: (i) => {
      const p = page(current().mfa, i['Marker'] as string | undefined);
      return {
        MFADevices: p.items.map((s) => ({ SerialNumber: s, UserName: current().name })),
        IsTruncated: p.IsTruncated,
        Marker: p.Marker,
      };
    },
    ListGroupsForUser: (i) => {
      const p = page(current().groups, i['Marker'] as string | undefined);
      return {
        Groups: p.items.map((g) => ({ GroupName: g, Arn: `arn:aws:iam::123456789012:group/${g}` })),
        IsTruncated: p.IsTruncated,
        Marker: p.Marker,
      };
    },
    ListAttachedUserPolicies: (i) => {
      const p = page(current().attached, i['Marker'] as string | undefined);
      return {
        AttachedPolicies: p.items.map((a) => ({ PolicyArn: a, PolicyName: a.split('/').at(-1) })),
        IsTruncated: p.IsTruncated,
        Marker: p.Marker,
      };
    },
    ListUserPolicies: (i) => {
      const p = page(Object.keys(current().inline), i['Marker'] as string | undefined);
      return { PolicyNames: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
    },
    GetUserPolicy: (i) => ({
      UserName: current().name,
      PolicyName: i['PolicyName'],
      PolicyDocument: current().inline[String(i['PolicyName'])],
    }),
    ListUserTags: () => ({ Tags: [], IsTruncated: false }),
    ListAttachedGroupPolicies: (i) => ({
      AttachedPolicies:
        i['GroupName'] === 'group1'
          ? [
              {
                PolicyName: 'AdministratorAccess',
                PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
              },
            ]
          : [],
      IsTruncated: false,
    }),
    ListGroupPolicies: () => ({ PolicyNames: [], IsTruncated: false }),
    ListSigningCertificates: (i) => {
      const p = page(current().certificates, i['Marker'] as string | undefined);
      return {
        Certificates: p.items.map((c) => ({
          CertificateId: c,
          Status: 'Active',
          UserName: current().name,
          CertificateBody: 'x',
        })),
        IsTruncated: p.IsTruncated,
        Marker: p.Marker,
      };
    },
    ListSSHPublicKeys: (i) => {
      const p = page(current().sshKeys, i['Marker'] as string | undefined);
      return {
        SSHPublicKeys: p.items.map((k) => ({
          SSHPublicKeyId: k,
          Status: 'Active',
          UserName: current().name,
          UploadDate: new Date(),
        })),
        IsTruncated: p.IsTruncated,
        Marker: p.Marker,
      };
    },
    ListServiceSpecificCredentials: (i) => {
      const p = page(current().serviceCredentials, i['Marker'] as string | undefined);
      return {
        ServiceSpecificCredentials: p.items.map((c) => ({
          ServiceSpecificCredentialId: c.id,
          ServiceName: c.service,
          ServiceUserName: `${current().name}-at-123`,
          Status: 'Active',
          UserName: current().name,
          CreateDate: new Date(),
        })),
        IsTruncated: p.IsTruncated,
        Marker: p.Marker,
      };
    },
    UpdateAccessKey: (i) => {
      const key = current().keys.find((k) => k.id === i['AccessKeyId']);
      if (!key) throw noSuchEntity('The access key');
      key.status = String(i['Status']);
      return {};
    },
    UpdateLoginProfile: (i) => {
      if (!current().loginProfile) throw noSuchEntity('Login profile');
      current().passwordResetRequired = i['PasswordResetRequired'] === true;
      return {};
    },
    DeleteLoginProfile: () => {
      if (!current().loginProfile) throw noSuchEntity('Login profile');
      current().loginProfile = false;
      return {};
    },
    DeleteAccessKey: (i) => remove(current().keys, (k) => k.id === i['AccessKeyId']),
    DeleteSigningCertificate: (i) =>
      remove(current().certificates, (c) => c === i['CertificateId']),
    DeleteSSHPublicKey: (i) => remove(current().sshKeys, (k) => k === i['SSHPublicKeyId']),
    DeleteServiceSpecificCredential: (i) =>
      remove(current().serviceCredentials, (c) => c.id === i['ServiceSpecificCredentialId']),
    DeactivateMFADevice: (i) => remove(current().mfa, (s) => s === i['SerialNumber']),
    DeleteVirtualMFADevice: () => ({}),
    DeleteUserPolicy: (i) => {
      if (!(String(i['PolicyName']) in current().inline)) throw noSuchEntity('The policy');
      delete current().inline[String(i['PolicyName'])];
      return {};
    },
    DetachUserPolicy: (i) => remove(current().attached, (a) => a === i['PolicyArn']),
    RemoveUserFromGroup: (i) => remove(current().groups, (g) => g === i['GroupName']),
    DeleteUser: () => {
      const u = current();
      // AWS refuses while anything is left (moto only checks policies).
      if (
        u.loginProfile ||
        u.keys.length ||
        u.certificates.length ||
        u.sshKeys.length ||
        u.serviceCredentials.length ||
        u.mfa.length ||
        Object.keys(u.inline).length ||
        u.attached.length ||
        u.groups.length
      ) {
        throw named(
          'DeleteConflictException',
          'Cannot delete entity, must remove everything first.',
        );
      }
      state.user = null;
      return {};
    },
  };
  for (const [operation, handle] of Object.entries(handlers)) {
    const Command = (iam as unknown as Record<string, new (input: never) => iam.ServiceInputTypes>)[
      `${operation}Command`
    ];
    mock.on(Command as never).callsFake((input: Record<string, unknown>) => {
      calls.push(operation);
      const failure = failures.find((f) => f.operation === operation && f.left > 0);
      if (failure) {
        failure.left -= 1;
        throw failure.error;
      }
      return handle(input);
    });
  }
  return { mock, state, calls };
}

function remove<T>(list: T[], match: (item: T) => boolean): object {
  const index = list.findIndex(match);
  if (index < 0) throw noSuchEntity('The entity');
  list.splice(index, 1);
  return {};
}

export { named };
