/**
 * The machines that make most of an account's trail: an auto-scaled EC2 fleet whose instance
 * role calls from inside the VPC (private addresses through VPC endpoints, the NAT gateway's
 * public AWS address otherwise), Lambda functions calling from AWS's public ranges, and AWS
 * Config describing resources. Each takes a share of the day's events.
 */

import { AGENTS, APP_SERVER_ROLE, type Region } from '../../demo/cast.js';
import { roleSession } from '../../demo/identity.js';
import type { Actor, Call, Trail } from '../../demo/record.js';
import { putObject } from '../../demo/s3.js';
import { serviceAssumeRole } from '../../demo/sessions.js';
import { HOUR, MINUTE } from '../../demo/time.js';
import { getObjectPlain, kmsDecrypt, kmsGenerateDataKey, read, role, write } from './calls.js';
import { AWS_PUBLIC, address, vpcAddress } from './places.js';
import type { TrailDay } from './people.js';

const DAY = 24 * HOUR;

interface Instance {
  id: string;
  region: Region;
  ip: string;
  /** The NAT gateway's public address the instance's non-endpoint calls leave by. */
  nat: string;
  retiresOn: number;
  session?: { key: string; createdAt: number };
}

export interface Fleet {
  instances: Instance[];
  nats: Record<string, string>;
}

const FLEET_REGIONS: Region[] = ['us-east-1', 'us-east-1', 'us-east-1', 'eu-west-1'];

function launch(trail: Trail, fleet: Fleet, region: Region, today: number): Instance {
  const { rng } = trail;
  return {
    id: `i-0${rng.hex(16)}`,
    region,
    ip: vpcAddress(rng, region === 'us-east-1' ? rng.int(10, 13) : rng.int(20, 23)),
    nat: fleet.nats[region]!,
    retiresOn: today + rng.int(3, 14),
  };
}

export function fleet(trail: Trail, size: number): Fleet {
  const { rng } = trail;
  const nats: Record<string, string> = {
    'us-east-1': address(rng, AWS_PUBLIC['us-east-1']),
    'eu-west-1': address(rng, AWS_PUBLIC['eu-west-1']),
  };
  const out: Fleet = { instances: [], nats };
  for (let i = 0; i < size; i++) {
    const instance = launch(trail, out, FLEET_REGIONS[i % FLEET_REGIONS.length]!, 0);
    // The trail starts mid-way through each instance's life.
    instance.retiresOn = rng.int(0, 12);
    out.instances.push(instance);
  }
  return out;
}

const AUTOSCALING = role(
  'AWSServiceRoleForAutoScaling',
  'AROAASG7L2K9PQEXAMPLE',
  '/aws-service-role/autoscaling.amazonaws.com/',
);

/** Auto Scaling replaces an instance: the new one launched, the old one terminated. */
function replace(trail: Trail, fleet: Fleet, index: number, day: TrailDay): void {
  const { rng } = trail;
  const old = fleet.instances[index]!;
  const time = day.start + rng.int(0, DAY - 1);
  const fresh = launch(trail, fleet, old.region, day.index);
  const actor: Actor = {
    identity: roleSession(AUTOSCALING, 'AutoScaling', rng.sessionKeyId(), time),
    ip: 'autoscaling.amazonaws.com',
    userAgent: 'autoscaling.amazonaws.com',
  };
  trail.burst(
    time,
    actor,
    [
      write(
        'ec2',
        'RunInstances',
        old.region,
        { instancesSet: { items: [{ minCount: 1, maxCount: 1 }] } },
        { instancesSet: { items: [{ instanceId: fresh.id }] } },
      ),
      write('ec2', 'TerminateInstances', old.region, {
        instancesSet: { items: [{ instanceId: old.id }] },
      }),
    ],
    [60, 300],
  );
  fleet.instances[index] = fresh;
}

function instanceCall(trail: Trail, instance: Instance): [Call, boolean] {
  const { rng } = trail;
  const region = instance.region;
  const roll = rng.int(0, 99);
  if (roll < 35)
    return [
      write('ssm', 'UpdateInstanceInformation', region, {
        instanceId: instance.id,
        agentVersion: '3.3.1957.0',
        platformType: 'Linux',
      }),
      true,
    ];
  if (roll < 55)
    return [getObjectPlain('acme-app-assets', `static/${rng.hex(12)}.js`, 'us-east-1'), true];
  if (roll < 62)
    return [
      putObject(rng, 'acme-app-uploads', `uploads/${rng.uuid()}.jpg`, rng.int(20_000, 2_000_000)),
      true,
    ];
  if (roll < 75) return [kmsDecrypt(region), true];
  if (roll < 80) return [kmsGenerateDataKey(region), true];
  if (roll < 88)
    return [
      read('ssm', 'GetParameter', region, {
        name: '/app/prod/feature-flags',
        withDecryption: true,
      }),
      true,
    ];
  if (roll < 94)
    return [read('secretsmanager', 'GetSecretValue', region, { secretId: 'prod/app/db' }), true];
  if (roll < 97)
    return [
      read('ec2', 'DescribeTags', region, {
        filterSet: {
          items: [{ name: 'resource-id', valueSet: { items: [{ value: instance.id }] } }],
        },
      }),
      false,
    ];
  return [read('sts', 'GetCallerIdentity', region), false];
}

/** One day of the fleet: credentials every six hours, calls all day long. */
export function fleetDay(trail: Trail, fleet: Fleet, day: TrailDay, quota: number): void {
  const { rng } = trail;
  fleet.instances.forEach((instance, index) => {
    if (instance.retiresOn <= day.index) replace(trail, fleet, index, day);
  });
  const perInstance = Math.max(1, Math.round(quota / fleet.instances.length));
  for (const instance of fleet.instances) {
    const sessions: { key: string; createdAt: number }[] = [];
    for (let hour = rng.int(0, 5); hour < 24; hour += 6) {
      const createdAt = day.start + hour * HOUR + rng.int(0, 59) * MINUTE;
      const creds = serviceAssumeRole(
        trail,
        createdAt,
        'ec2.amazonaws.com',
        APP_SERVER_ROLE,
        instance.id,
        instance.region,
      );
      sessions.push({ key: creds.accessKeyId, createdAt });
    }
    for (let i = 0; i < perInstance - sessions.length; i++) {
      const time = day.start + rng.int(0, DAY - 1);
      const session =
        sessions.findLast((s) => s.createdAt <= time) ?? instance.session ?? sessions[0]!;
      const [call, endpoint] = instanceCall(trail, instance);
      trail.add(
        time,
        {
          identity: roleSession(APP_SERVER_ROLE, instance.id, session.key, session.createdAt, {
            ec2Instance: true,
          }),
          ip: endpoint ? instance.ip : instance.nat,
          userAgent: AGENTS.appServerSdk,
        },
        call,
      );
    }
    instance.session = sessions[sessions.length - 1];
  }
}

interface LambdaFunction {
  name: string;
  region: Region;
  role: ReturnType<typeof role>;
  inVpc: boolean;
}

const FUNCTION_NAMES = [
  'orders-api',
  'thumbnailer',
  'billing-sync',
  'report-builder',
  'webhook-relay',
  'search-sync',
];
const FUNCTION_REGIONS: Region[] = ['us-east-1', 'us-east-1', 'eu-west-1', 'ap-southeast-2'];

export function lambdas(trail: Trail, count: number): LambdaFunction[] {
  const { rng } = trail;
  return Array.from({ length: count }, (_, i) => {
    const base = FUNCTION_NAMES[i % FUNCTION_NAMES.length]!;
    const name =
      i < FUNCTION_NAMES.length ? base : `${base}-${Math.floor(i / FUNCTION_NAMES.length) + 1}`;
    return {
      name,
      region: FUNCTION_REGIONS[i % FUNCTION_REGIONS.length]!,
      role: role(
        `${name}-role`,
        `AROA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 13)}EXAMPLE`.slice(0, 21),
      ),
      inVpc: i % 3 === 1,
    };
  });
}

function lambdaCall(trail: Trail, fn: LambdaFunction): Call {
  const { rng } = trail;
  const roll = rng.int(0, 9);
  if (roll < 3) return getObjectPlain(`acme-${fn.name}-data`, `in/${rng.hex(10)}.json`, fn.region);
  if (roll < 5)
    return {
      ...putObject(rng, `acme-${fn.name}-data`, `out/${rng.hex(10)}.json`, rng.int(500, 90_000)),
      region: fn.region,
    };
  if (roll < 7) return kmsDecrypt(fn.region);
  if (roll < 8)
    return read('secretsmanager', 'GetSecretValue', fn.region, { secretId: `prod/${fn.name}` });
  if (roll < 9)
    return read('dynamodb', 'DescribeTable', fn.region, { tableName: `${fn.name}-state` });
  return read('ssm', 'GetParameter', fn.region, { name: `/lambda/${fn.name}/config` });
}

/** Cold starts assume the role; each execution environment has its own address. */
export function lambdaDay(
  trail: Trail,
  functions: LambdaFunction[],
  day: TrailDay,
  quota: number,
): void {
  const { rng } = trail;
  const perFunction = Math.max(1, Math.round(quota / functions.length));
  for (const fn of functions) {
    let remaining = perFunction;
    while (remaining > 0) {
      const start = day.start + rng.int(0, DAY - 1);
      const creds = serviceAssumeRole(
        trail,
        start,
        'lambda.amazonaws.com',
        fn.role,
        fn.name,
        fn.region,
      );
      const pool =
        fn.region === 'ap-southeast-2'
          ? AWS_PUBLIC['ap-southeast-2']
          : AWS_PUBLIC[fn.region === 'eu-west-1' ? 'eu-west-1' : 'us-east-1'];
      const actor: Actor = {
        identity: roleSession(fn.role, fn.name, creds.accessKeyId, start),
        ip: fn.inVpc ? vpcAddress(rng, 40 + rng.int(0, 2)) : address(rng, pool),
        userAgent: AGENTS.lambdaBoto3,
      };
      const calls = Array.from({ length: Math.min(remaining, rng.int(5, 40)) }, () =>
        lambdaCall(trail, fn),
      );
      trail.burst(start + rng.int(1, 3) * 1000, actor, calls, [1, 120]);
      remaining -= calls.length + 1;
    }
  }
}

const CONFIG_ROLE = role(
  'AWSServiceRoleForConfig',
  'AROACFG3N8W2JREXAMPLE',
  '/aws-service-role/config.amazonaws.com/',
);

/** AWS Config's recorder describing resources a few times a day, as the service itself. */
export function configDay(trail: Trail, day: TrailDay): void {
  const { rng } = trail;
  for (const hour of [1, 7, 13, 19]) {
    const time = day.start + hour * HOUR + rng.int(0, 30) * MINUTE;
    const region = rng.pick(FUNCTION_REGIONS);
    const actor: Actor = {
      identity: roleSession(CONFIG_ROLE, 'AWSConfig-Describe', rng.sessionKeyId(), time),
      ip: 'config.amazonaws.com',
      userAgent: 'config.amazonaws.com',
    };
    trail.burst(
      time,
      actor,
      [
        read('ec2', 'DescribeInstances', region, { instancesSet: {}, filterSet: {} }),
        read('ec2', 'DescribeSecurityGroups', region, { securityGroupSet: {}, filterSet: {} }),
        read('iam', 'GetAccountAuthorizationDetails', 'us-east-1', { filter: ['Role'] }),
        read('s3', 'GetBucketPolicy', 'us-east-1', { bucketName: 'acme-app-assets', policy: '' }),
      ],
      [0, 3],
    );
  }
}
