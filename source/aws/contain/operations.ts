import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as iam from '@aws-sdk/client-iam';
import * as lambda from '@aws-sdk/client-lambda';
import type { ContainClients } from './clients.js';
import type { PlannedCall, Service } from './types.js';

/**
 * The one table from a planned call to the SDK command that performs it. Only the operations
 * plans produce are here: a plan naming anything else is refused rather than sent.
 */
const COMMANDS: Record<Service, Record<string, new (input: never) => object>> = {
  iam: {
    UpdateAccessKey: iam.UpdateAccessKeyCommand,
    DeleteAccessKey: iam.DeleteAccessKeyCommand,
    AttachUserPolicy: iam.AttachUserPolicyCommand,
    AttachRolePolicy: iam.AttachRolePolicyCommand,
    DetachUserPolicy: iam.DetachUserPolicyCommand,
    DetachRolePolicy: iam.DetachRolePolicyCommand,
    PutUserPolicy: iam.PutUserPolicyCommand,
    PutRolePolicy: iam.PutRolePolicyCommand,
    DeleteUserPolicy: iam.DeleteUserPolicyCommand,
    DeleteRolePolicy: iam.DeleteRolePolicyCommand,
    DeleteLoginProfile: iam.DeleteLoginProfileCommand,
    UpdateLoginProfile: iam.UpdateLoginProfileCommand,
    DeleteSigningCertificate: iam.DeleteSigningCertificateCommand,
    DeleteSSHPublicKey: iam.DeleteSSHPublicKeyCommand,
    DeleteServiceSpecificCredential: iam.DeleteServiceSpecificCredentialCommand,
    DeactivateMFADevice: iam.DeactivateMFADeviceCommand,
    DeleteVirtualMFADevice: iam.DeleteVirtualMFADeviceCommand,
    RemoveUserFromGroup: iam.RemoveUserFromGroupCommand,
    RemoveRoleFromInstanceProfile: iam.RemoveRoleFromInstanceProfileCommand,
    DeleteUser: iam.DeleteUserCommand,
    DeleteRole: iam.DeleteRoleCommand,
  },
  lambda: {
    PutFunctionConcurrency: lambda.PutFunctionConcurrencyCommand,
  },
  cloudtrail: {
    CreateTrail: cloudtrail.CreateTrailCommand,
    StartLogging: cloudtrail.StartLoggingCommand,
  },
};

/** Sends one planned call through the right client. */
export async function sendPlannedCall(
  clients: ContainClients,
  call: PlannedCall,
): Promise<unknown> {
  const Command = COMMANDS[call.service][call.operation];
  if (!Command)
    throw new Error(`${call.service}:${call.operation} is not an operation a plan may send`);
  const command = new Command(structuredClone(call.params) as never);
  // Each client's send takes only its own commands; the table keeps service and command paired.
  const client = clients[call.service] as unknown as {
    send: (command: object) => Promise<unknown>;
  };
  return client.send(command);
}

/** The IAM permission form of a call, `iam:UpdateAccessKey`, for errors and the audit log. */
export function permissionName(call: Pick<PlannedCall, 'service' | 'operation'>): string {
  return `${call.service}:${call.operation}`;
}
