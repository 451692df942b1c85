/**
 * CloudTrail userIdentity blocks for each kind of caller in the demo. Their shapes follow what
 * CloudTrail really writes, so the demo exercises the same parsing paths as production logs.
 */

import { ACCOUNT, type IamRole, type IamUser } from './cast.js';
import { isoSeconds } from './time.js';

export type Identity = Record<string, unknown>;

/** Sign-in events carry no key: the user has not got credentials yet. */
export function signInIdentity(user: IamUser): Identity {
  return {
    type: 'IAMUser',
    principalId: user.principalId,
    arn: user.arn,
    accountId: ACCOUNT,
    userName: user.name,
  };
}

/** Calls signed with the user's long-term AKIA key: no session context at all. */
export function longTermKey(user: IamUser): Identity {
  return { ...signInIdentity(user), accessKeyId: user.accessKeyId };
}

/**
 * A console session: the console signs calls with temporary ASIA credentials and records when
 * the session began and whether MFA was used at sign-in.
 */
export function consoleSession(
  user: IamUser,
  accessKeyId: string,
  signedInAt: number,
  mfa: boolean,
): Identity {
  return {
    ...signInIdentity(user),
    accessKeyId,
    sessionContext: {
      sessionIssuer: {},
      webIdFederationData: {},
      attributes: { creationDate: isoSeconds(signedInAt), mfaAuthenticated: String(mfa) },
    },
  };
}

export interface RoleSessionOptions {
  mfa?: boolean;
  /** Instance-profile credentials say so, which tells analysts they came from IMDS. */
  ec2Instance?: boolean;
}

export function roleSession(
  role: IamRole,
  sessionName: string,
  accessKeyId: string,
  createdAt: number,
  options: RoleSessionOptions = {},
): Identity {
  return {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${sessionName}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role.name}/${sessionName}`,
    accountId: ACCOUNT,
    accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: role.roleId,
        arn: role.arn,
        accountId: ACCOUNT,
        userName: role.name,
      },
      webIdFederationData: {},
      attributes: {
        creationDate: isoSeconds(createdAt),
        mfaAuthenticated: String(options.mfa ?? false),
      },
      ...(options.ec2Instance ? { ec2RoleDelivery: '2.0' } : {}),
    },
  };
}

/** An AWS service acting on the account's behalf, e.g. Lambda assuming an execution role. */
export function awsService(invokedBy: string): Identity {
  return { type: 'AWSService', invokedBy };
}

/** A principal from another account, seen from this account's trail. */
export function foreignAccount(principalId: string, accountId: string): Identity {
  return { type: 'AWSAccount', principalId, accountId };
}
