/**
 * The incident the demo exists to show. On Thursday 13 March 2025 someone with KeyHunter's
 * password signs in from an unfamiliar address without MFA, takes a document from the intel
 * bucket, then uses KeyHunter's access key from Kali to probe IAM and plant persistence: an
 * admin user, a role trusted by an outside account, a modified Lambda, federation credentials.
 * An hour later the new user's key is used from a second address.
 *
 * Times are fixed (not drawn from the generator) so that documentation and tests can name them.
 */

import {
  AGENTS,
  ATTACKER_ACCOUNT,
  CONSOLER,
  INVOICE_FUNCTION,
  INVOICE_REGION,
  INVOICE_ROLE,
  IPS,
  KEYHUNTER,
  OPS_ADMIN_ROLE,
  REGIONS,
  ACCOUNT,
  BUCKETS,
} from './cast.js';
import { reads } from './catalog.js';
import { consoleSession, longTermKey, roleSession } from './identity.js';
import { updateFunctionCode } from './lambda.js';
import { accessDenied, type Actor, type Call, type Trail } from './record.js';
import { getBucketLocation, getObject, listBuckets, listObjects } from './s3.js';
import { assumeRole, consoleLogin } from './sessions.js';
import { awsDisplayDate, utc } from './time.js';

const DAY = 13;
export const STOLEN_DOCUMENT = 'Threat Intelligence.docx';
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const BACKDOOR_ROLE = { name: 'maintenance-sync', roleId: 'AROAP4D7W2LQX8EXAMPLE' };

/** The console part: sign-in without MFA, straight to the intel bucket. */
function consoleTheft(trail: Trail): void {
  const { rng } = trail;
  const visit = { user: KEYHUNTER, ip: IPS.attacker, userAgent: AGENTS.firefoxLinux };
  consoleLogin(trail, utc(DAY, 14, 2, 11), { ...visit, mfa: false, failed: true });
  const login = utc(DAY, 14, 2, 38);
  consoleLogin(trail, login, { ...visit, mfa: false });
  const session: Actor = {
    identity: consoleSession(KEYHUNTER, rng.sessionKeyId(), login, false),
    ip: IPS.attacker,
    userAgent: AGENTS.firefoxLinux,
    fromConsole: true,
  };
  // The S3 console lists through its own backend client; the download is the browser itself.
  const s3Console: Actor = { ...session, userAgent: AGENTS.s3Console };
  trail.add(utc(DAY, 14, 3, 52), s3Console, listBuckets(rng));
  trail.add(utc(DAY, 14, 4, 9), s3Console, getBucketLocation(rng, BUCKETS.intel));
  trail.add(utc(DAY, 14, 4, 13), s3Console, listObjects(rng, BUCKETS.intel));
  trail.add(
    utc(DAY, 14, 5, 2),
    session,
    getObject(rng, BUCKETS.intel, STOLEN_DOCUMENT, 1_284_551, { presigned: true }),
  );
}

/** Reconnaissance with the stolen long-term key: mostly denied, which is what gives it away. */
function probe(trail: Trail, cli: Actor): void {
  const denied = (call: Call, action: string, resource: string): Call => ({
    ...call,
    error: accessDenied(KEYHUNTER.arn, action, resource),
  });
  const iamRoot = `arn:aws:iam::${ACCOUNT}:`;
  trail.add(utc(DAY, 14, 18, 40), cli, reads.getCallerIdentity());
  const calls: Call[] = [
    denied(reads.listUsers(), 'iam:ListUsers', `${iamRoot}user/`),
    denied(reads.getAccountAuthorizationDetails(), 'iam:GetAccountAuthorizationDetails', '*'),
    denied(reads.listRoles(), 'iam:ListRoles', `${iamRoot}role/`),
    denied(reads.listPolicies(), 'iam:ListPolicies', `${iamRoot}policy/`),
    denied(reads.listGroups(), 'iam:ListGroups', `${iamRoot}group/`),
    denied(reads.getAccountSummary(), 'iam:GetAccountSummary', '*'),
    ...REGIONS.map((region) => ({
      ...reads.describeInstances(region),
      error: {
        code: 'Client.UnauthorizedOperation',
        message: 'You are not authorized to perform this operation.',
      },
    })),
    reads.getUser(KEYHUNTER.name),
    reads.listAttachedUserPolicies(KEYHUNTER.name),
  ];
  // A script, not a person: one call every two seconds.
  calls.forEach((call, i) => trail.add(utc(DAY, 14, 19, 5 + 2 * i), cli, call));
}

function iamWrite(name: string, request: Call['request'], response: Call['response']): Call {
  return { service: 'iam', name, region: 'us-east-1', readOnly: false, request, response };
}

/** Persistence: a hidden-looking admin user with a password and a key, and a backdoor role. */
function persistence(trail: Trail, cli: Actor): void {
  const userName = CONSOLER.name;
  const created = utc(DAY, 14, 24, 7);
  trail.add(
    created,
    cli,
    iamWrite(
      'CreateUser',
      { userName, path: '/service-role/' },
      {
        user: {
          path: '/service-role/',
          userName,
          userId: CONSOLER.principalId,
          arn: CONSOLER.arn,
          createDate: awsDisplayDate(created),
        },
      },
    ),
  );
  trail.add(
    utc(DAY, 14, 24, 31),
    cli,
    iamWrite('AttachUserPolicy', { userName, policyArn: ADMIN_POLICY }, null),
  );
  const profileAt = utc(DAY, 14, 25, 2);
  trail.add(
    profileAt,
    cli,
    iamWrite(
      'CreateLoginProfile',
      { userName, passwordResetRequired: false },
      {
        loginProfile: {
          userName,
          createDate: awsDisplayDate(profileAt),
          passwordResetRequired: false,
        },
      },
    ),
  );
  const keyAt = utc(DAY, 14, 25, 20);
  trail.add(
    keyAt,
    cli,
    iamWrite(
      'CreateAccessKey',
      { userName },
      {
        accessKey: {
          userName,
          accessKeyId: CONSOLER.accessKeyId,
          status: 'Active',
          createDate: awsDisplayDate(keyAt),
        },
      },
    ),
  );
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ATTACKER_ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  });
  const roleAt = utc(DAY, 14, 31, 44);
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/${BACKDOOR_ROLE.name}`;
  trail.add(
    roleAt,
    cli,
    iamWrite(
      'CreateRole',
      { roleName: BACKDOOR_ROLE.name, assumeRolePolicyDocument: trust },
      {
        role: {
          path: '/',
          roleName: BACKDOOR_ROLE.name,
          roleId: BACKDOOR_ROLE.roleId,
          arn: roleArn,
          createDate: awsDisplayDate(roleAt),
          assumeRolePolicyDocument: encodeURIComponent(trust),
        },
      },
    ),
  );
  trail.add(
    utc(DAY, 14, 32, 5),
    cli,
    iamWrite('AttachRolePolicy', { roleName: BACKDOOR_ROLE.name, policyArn: ADMIN_POLICY }, null),
  );
}

/** Code execution and more credentials: a trojaned Lambda, federation tokens, ops-admin. */
function escalation(trail: Trail, cli: Actor): void {
  const { rng } = trail;
  trail.add(utc(DAY, 14, 38, 12), cli, reads.listFunctions(INVOICE_REGION));
  trail.add(utc(DAY, 14, 38, 30), cli, reads.getFunction(INVOICE_REGION, INVOICE_FUNCTION));
  const updateAt = utc(DAY, 14, 40, 19);
  const invoiceFn = {
    name: INVOICE_FUNCTION,
    region: INVOICE_REGION,
    roleArn: INVOICE_ROLE.arn,
    runtime: 'python3.12',
    handler: 'app.handler',
  };
  trail.add(updateAt, cli, updateFunctionCode(rng, updateAt, invoiceFn, 2_381));

  const federationAt = utc(DAY, 14, 46, 51);
  const name = 'backup-svc';
  trail.add(federationAt, cli, {
    service: 'sts',
    name: 'GetFederationToken',
    region: 'us-east-1',
    readOnly: true,
    request: {
      name,
      durationSeconds: 129_600,
      policy:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    },
    response: {
      credentials: {
        accessKeyId: rng.sessionKeyId(),
        sessionToken: rng.sessionToken(),
        expiration: awsDisplayDate(federationAt + 129_600_000),
      },
      federatedUser: {
        federatedUserId: `${ACCOUNT}:${name}`,
        arn: `arn:aws:sts::${ACCOUNT}:federated-user/${name}`,
      },
      packedPolicySize: 6,
    },
  });

  // ops-admin is normally taken only by bob-devops, with MFA; here it is taken without.
  const assumedAt = utc(DAY, 14, 52, 33);
  const creds = assumeRole(trail, assumedAt, cli, OPS_ADMIN_ROLE, 'KeyHunter');
  const admin: Actor = {
    ...cli,
    identity: roleSession(OPS_ADMIN_ROLE, 'KeyHunter', creds.accessKeyId, creds.createdAt),
  };
  trail.add(utc(DAY, 14, 53, 10), admin, reads.listUsers());
  trail.add(utc(DAY, 14, 53, 14), admin, reads.listRoles());
  trail.add(utc(DAY, 14, 53, 21), admin, reads.listAccessKeys(CONSOLER.name));
}

/** The planted key comes back from somewhere else, driven by a Python tool. */
function newKeyInUse(trail: Trail): void {
  const actor: Actor = {
    identity: longTermKey(CONSOLER),
    ip: IPS.attackerSecond,
    userAgent: AGENTS.boto3Tool,
  };
  trail.add(utc(DAY, 15, 34, 18), actor, reads.getCallerIdentity());
  trail.add(utc(DAY, 15, 34, 25), actor, listBuckets(trail.rng));
  REGIONS.forEach((region, i) =>
    trail.add(utc(DAY, 15, 35, 2 + 3 * i), actor, reads.describeInstances(region)),
  );
  trail.add(utc(DAY, 15, 36, 40), actor, reads.listUsers());
}

export function attackStory(trail: Trail): void {
  consoleTheft(trail);
  const cli: Actor = {
    identity: longTermKey(KEYHUNTER),
    ip: IPS.attacker,
    userAgent: AGENTS.cliKali,
  };
  probe(trail, cli);
  persistence(trail, cli);
  escalation(trail, cli);
  newKeyInUse(trail);
}
