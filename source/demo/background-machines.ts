/**
 * The steady machine traffic that makes up most of a real trail: an EC2 web server, a scheduled
 * Lambda and a nightly cross-account audit scan. It is regular, from private or service
 * addresses, and it is the haystack the story hides in.
 */

import {
  ACCOUNT,
  AGENTS,
  APP_INSTANCE,
  APP_SERVER_ROLE,
  AUDIT_ACCOUNT,
  AUDIT_ROLE,
  BUCKETS,
  INVOICE_FUNCTION,
  INVOICE_REGION,
  INVOICE_ROLE,
  IPS,
  REGIONS,
  VPC_ENDPOINTS,
} from './cast.js';
import { browse, reads } from './catalog.js';
import { foreignAccount, roleSession } from './identity.js';
import type { Actor, Call, Trail } from './record.js';
import { getBucketLocation, getObject, listBuckets, listObjects, putObject } from './s3.js';
import { assumeRole, serviceAssumeRole, type Credentials } from './sessions.js';
import { FIRST_DAY, HOUR, LAST_DAY, MINUTE, SECOND, isoSeconds, utc } from './time.js';

const DB_SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/app/db-credentials-Xr4tQm`;
const SECRETS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`;

/** The web server: config reads, uploads and hourly secret fetches, all through VPC endpoints. */
function appServer(trail: Trail): void {
  const { rng } = trail;
  let creds: Credentials | undefined;
  let nextRotation = 0;
  for (let time = utc(FIRST_DAY, 0, 2); time < utc(LAST_DAY, 23, 50); time += 15 * MINUTE) {
    // IMDS hands out fresh role credentials roughly every six hours.
    if (!creds || time >= nextRotation) {
      creds = serviceAssumeRole(
        trail,
        time - 40 * SECOND,
        'ec2.amazonaws.com',
        APP_SERVER_ROLE,
        APP_INSTANCE,
        'us-east-1',
      );
      nextRotation = time + 6 * HOUR;
    }
    const identity = roleSession(
      APP_SERVER_ROLE,
      APP_INSTANCE,
      creds.accessKeyId,
      creds.createdAt,
      {
        ec2Instance: true,
      },
    );
    const actor: Actor = { identity, ip: IPS.appServer, userAgent: AGENTS.appServerSdk };
    const at = time + rng.int(0, 120) * SECOND;
    const viaS3 = { vpcEndpointId: VPC_ENDPOINTS.s3UsEast1 };
    const calls: Call[] = [
      { ...getObject(rng, BUCKETS.assets, 'config/app-settings.json', 4817), ...viaS3 },
    ];
    if (rng.chance(0.4)) {
      const key = `uploads/${isoSeconds(at).slice(0, 10)}/${rng.hex(12)}.png`;
      calls.push({ ...putObject(rng, BUCKETS.assets, key, rng.int(20_000, 900_000)), ...viaS3 });
    }
    if (rng.chance(0.25)) {
      calls.push({
        service: 'ssm',
        name: 'GetParameter',
        region: 'us-east-1',
        readOnly: true,
        request: { name: '/app/prod/feature-flags', withDecryption: false },
      });
    }
    const end = trail.burst(at, actor, calls, [0, 3]);
    if (new Date(time).getUTCMinutes() < 15) fetchSecret(trail, end + SECOND, actor);
  }
}

/** Secrets Manager decrypts with KMS on the caller's behalf, from its own service address. */
function fetchSecret(trail: Trail, time: number, actor: Actor): void {
  trail.add(time, actor, {
    service: 'secretsmanager',
    name: 'GetSecretValue',
    region: 'us-east-1',
    readOnly: true,
    request: { secretId: 'prod/app/db-credentials' },
    resources: [{ accountId: ACCOUNT, type: 'AWS::SecretsManager::Secret', ARN: DB_SECRET }],
  });
  const invokedBy = 'secretsmanager.amazonaws.com';
  trail.add(
    time,
    { identity: { ...actor.identity, invokedBy }, ip: invokedBy, userAgent: invokedBy },
    {
      service: 'kms',
      name: 'Decrypt',
      region: 'us-east-1',
      readOnly: true,
      request: {
        encryptionContext: {
          SecretARN: DB_SECRET,
          SecretVersionId: '7e1c0d55-1c2b-4b0e-9c51-4f8e5e0a9d21',
        },
        encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      },
      resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: SECRETS_KEY }],
    },
  );
}

/** The invoice Lambda runs every 15 minutes and moves new invoices from inbound to processed. */
function invoiceLambda(trail: Trail): void {
  const { rng } = trail;
  let creds: Credentials | undefined;
  let recycleAt = 0;
  let invoice = 40_117;
  const viaS3 = { vpcEndpointId: VPC_ENDPOINTS.s3EuWest1 };
  for (let time = utc(FIRST_DAY, 0, 0); time < utc(LAST_DAY, 23, 50); time += 15 * MINUTE) {
    const at = time + rng.int(1, 4) * SECOND;
    // A cold start: Lambda assumes the execution role for the new execution environment.
    if (!creds || at >= recycleAt) {
      creds = serviceAssumeRole(
        trail,
        at,
        'lambda.amazonaws.com',
        INVOICE_ROLE,
        INVOICE_FUNCTION,
        INVOICE_REGION,
      );
      recycleAt = at + rng.int(2, 5) * HOUR;
    }
    const actor: Actor = {
      identity: roleSession(INVOICE_ROLE, INVOICE_FUNCTION, creds.accessKeyId, creds.createdAt),
      ip: rng.pick(IPS.lambda),
      userAgent: AGENTS.lambdaBoto3,
    };
    const calls: Call[] = [{ ...listObjects(rng, BUCKETS.inbound, 'pending/'), ...viaS3 }];
    const day = isoSeconds(at).slice(0, 10).replaceAll('-', '/');
    for (let n = rng.int(0, 2); n > 0; n--) {
      invoice += 1;
      const bytes = rng.int(40_000, 260_000);
      calls.push({
        ...getObject(rng, BUCKETS.inbound, `pending/INV-${invoice}.pdf`, bytes),
        ...viaS3,
      });
      calls.push({
        ...putObject(
          rng,
          BUCKETS.processed,
          `processed/${day}/INV-${invoice}.json`,
          rng.int(900, 3000),
        ),
        ...viaS3,
      });
    }
    trail.burst(at + SECOND, actor, calls, [0, 2]);
  }
}

/** Every night the security team's account assumes SecurityAudit here and inventories it. */
function nightlyAudit(trail: Trail): void {
  const { rng } = trail;
  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    const start = utc(day, 2, 10, rng.int(0, 59));
    const session = `scanner-${isoSeconds(start).slice(0, 10)}`;
    const caller: Actor = {
      identity: foreignAccount('AROAT5Q8D2KJH6EXAMPLE:scanner', AUDIT_ACCOUNT),
      ip: IPS.audit,
      userAgent: AGENTS.auditScanner,
    };
    const creds = assumeRole(trail, start, caller, AUDIT_ROLE, session, { crossAccount: true });
    const actor: Actor = {
      identity: roleSession(AUDIT_ROLE, session, creds.accessKeyId, creds.createdAt),
      ip: IPS.audit,
      userAgent: AGENTS.auditScanner,
    };
    const calls: Call[] = [
      reads.getAccountSummary(),
      reads.listUsers(),
      reads.listRoles(),
      reads.listPolicies(),
      reads.getAccountAuthorizationDetails(),
      listBuckets(rng),
      ...Object.values(BUCKETS).map((bucket) => getBucketLocation(rng, bucket)),
    ];
    for (const region of REGIONS) {
      calls.push(reads.describeTrails(region), reads.describeInstances(region));
      calls.push(reads.describeSecurityGroups(region), reads.describeVpcs(region));
      calls.push(...browse(rng, region, 6));
    }
    trail.burst(start + 2 * SECOND, actor, calls, [0, 2]);
  }
}

export function machineActivity(trail: Trail): void {
  appServer(trail);
  invoiceLambda(trail);
  nightlyAudit(trail);
}
