/**
 * How principals obtain sessions: console sign-in and STS AssumeRole. Each helper records the
 * event that opens the session and returns what later calls in that session need, so every
 * session in the demo has a visible beginning, as it would in a real trail.
 */

import { ACCOUNT, GLOBAL_REGION, type IamRole, type IamUser, type Region } from './cast.js';
import { signInIdentity } from './identity.js';
import type { Actor, RawRecord, Trail } from './record.js';
import { HOUR, awsDisplayDate } from './time.js';

const LOGIN_TO =
  'https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1';

export interface SignIn {
  user: IamUser;
  ip: string;
  userAgent: string;
  mfa: boolean;
  /** A wrong password: CloudTrail then writes only errorMessage, with no errorCode. */
  failed?: boolean;
}

/** Records the sign-in and returns its record (callers that cite it need its eventID). */
export function consoleLogin(trail: Trail, time: number, signIn: SignIn): RawRecord {
  const { user, mfa, failed } = signIn;
  return trail.add(
    time,
    { identity: signInIdentity(user), ip: signIn.ip, userAgent: signIn.userAgent },
    {
      service: 'signin',
      name: 'ConsoleLogin',
      region: GLOBAL_REGION,
      readOnly: false,
      eventType: 'AwsConsoleSignIn',
      response: { ConsoleLogin: failed ? 'Failure' : 'Success' },
      additional: {
        LoginTo: LOGIN_TO,
        MobileVersion: 'No',
        ...(mfa && !failed ? { MFAIdentifier: `arn:aws:iam::${ACCOUNT}:mfa/${user.name}` } : {}),
        MFAUsed: mfa && !failed ? 'Yes' : 'No',
      },
      ...(failed ? { error: { message: 'Failed authentication' } } : {}),
    },
  );
}

export interface Credentials {
  accessKeyId: string;
  createdAt: number;
}

function credentials(trail: Trail, time: number, hours: number): Record<string, unknown> {
  return {
    accessKeyId: trail.rng.sessionKeyId(),
    sessionToken: trail.rng.sessionToken(),
    expiration: awsDisplayDate(time + hours * HOUR),
  };
}

function roleResource(role: IamRole): { accountId: string; type: string; ARN: string } {
  return { accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: role.arn };
}

/**
 * An AWS service (Lambda, EC2) assuming a role for the workload it runs. These calls come from
 * the service itself, so the source address and agent are the service's name.
 */
export function serviceAssumeRole(
  trail: Trail,
  time: number,
  invokedBy: string,
  role: IamRole,
  sessionName: string,
  region: Region,
): Credentials {
  const creds = credentials(trail, time, invokedBy.startsWith('ec2') ? 6 : 12);
  trail.add(
    time,
    { identity: { type: 'AWSService', invokedBy }, ip: invokedBy, userAgent: invokedBy },
    {
      service: 'sts',
      name: 'AssumeRole',
      region,
      readOnly: true,
      request: { roleArn: role.arn, roleSessionName: sessionName },
      response: { credentials: creds },
      resources: [roleResource(role)],
      shared: true,
    },
  );
  return { accessKeyId: String(creds.accessKeyId), createdAt: time };
}

export interface AssumeRoleOptions {
  durationSeconds?: number;
  /** The caller's MFA device, sent when the role demands MFA. */
  serialNumber?: string;
  /** Another account's principal: the event is then shared with that account's trail. */
  crossAccount?: boolean;
}

/** A principal calling sts:AssumeRole itself, e.g. from the CLI. */
export function assumeRole(
  trail: Trail,
  time: number,
  caller: Actor,
  role: IamRole,
  sessionName: string,
  options: AssumeRoleOptions = {},
): Credentials {
  const duration = options.durationSeconds ?? 3600;
  const creds = credentials(trail, time, duration / 3600);
  trail.add(time, caller, {
    service: 'sts',
    name: 'AssumeRole',
    region: GLOBAL_REGION,
    readOnly: true,
    request: {
      roleArn: role.arn,
      roleSessionName: sessionName,
      durationSeconds: duration,
      ...(options.serialNumber ? { serialNumber: options.serialNumber } : {}),
    },
    response: {
      credentials: creds,
      assumedRoleUser: {
        assumedRoleId: `${role.roleId}:${sessionName}`,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.name}/${sessionName}`,
      },
    },
    resources: [roleResource(role)],
    ...(options.crossAccount ? { shared: true } : {}),
  });
  return { accessKeyId: String(creds.accessKeyId), createdAt: time };
}
