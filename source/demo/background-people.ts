/**
 * What the people do on an ordinary working week: console browsing with MFA, CLI work from the
 * office and VPN, admin work through a role, a few honest AccessDenied errors.
 * KeyHunter's quiet history is here too, so the story's new address and missing MFA stand out.
 */

import {
  AGENTS,
  ALICE,
  BOB,
  BUCKETS,
  GLOBAL_REGION,
  INVOICE_ROLE,
  IPS,
  KEYHUNTER,
  OPS_ADMIN_ROLE,
  REGIONS,
  type IamUser,
  type Region,
} from './cast.js';
import { browse, reads } from './catalog.js';
import { consoleSession, longTermKey, roleSession } from './identity.js';
import { accessDenied, type Actor, type Call, type Trail } from './record.js';
import { getObject, listBuckets, listObjects } from './s3.js';
import { assumeRole, consoleLogin } from './sessions.js';
import { FIRST_DAY, LAST_DAY, MINUTE, SECOND, isoSeconds, utc } from './time.js';

/** A random instant between two hours of a day, to the second. */
function between(trail: Trail, day: number, fromHour: number, toHour: number): number {
  return utc(day, fromHour) + trail.rng.int(0, (toHour - fromHour) * 3600 - 1) * 1000;
}

/** Signs in to the console and returns the actor the console session's calls are made as. */
function consoleDay(
  trail: Trail,
  day: number,
  user: IamUser,
  ip: string,
  agent: string,
): [number, Actor] {
  const login = between(trail, day, 8, 9);
  consoleLogin(trail, login, { user, ip, userAgent: agent, mfa: true });
  const identity = consoleSession(user, trail.rng.sessionKeyId(), login, true);
  return [login, { identity, ip, userAgent: agent, fromConsole: true }];
}

/** The console home page's widgets are fetched by AWS on the user's behalf. */
function consoleHome(trail: Trail, time: number, session: Actor): void {
  const internal: Actor = { ...session, ip: AGENTS.internal, userAgent: AGENTS.internal };
  const day = isoSeconds(time).slice(0, 10);
  trail.burst(time, internal, [
    {
      service: 'health',
      name: 'DescribeEventAggregates',
      region: GLOBAL_REGION,
      readOnly: true,
      request: {
        aggregateField: 'eventTypeCategory',
        filter: { eventStatusCodes: ['open', 'upcoming'] },
      },
    },
    {
      service: 'ce',
      name: 'GetCostAndUsage',
      region: GLOBAL_REGION,
      readOnly: true,
      request: {
        timePeriod: { start: '2025-03-01', end: day },
        granularity: 'MONTHLY',
        metrics: ['UnblendedCost'],
      },
    },
  ]);
}

/** alice: threat-intel analyst, console all day, reads the team's reports bucket. */
function alice(trail: Trail): void {
  const { rng } = trail;
  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    const [login, session] = consoleDay(trail, day, ALICE, rng.pick(IPS.office), AGENTS.chromeMac);
    consoleHome(trail, login + 20 * SECOND, session);
    const s3Console: Actor = { ...session, userAgent: AGENTS.s3Console };
    const browser: Actor = { ...session, userAgent: AGENTS.chromeMac };
    let time = login + rng.int(5, 30) * MINUTE;
    for (let round = rng.int(3, 5); round > 0; round--) {
      time = trail.burst(
        time,
        session,
        browse(rng, rng.pick(['us-east-1', 'eu-west-1'] as const), rng.int(3, 7)),
        [2, 40],
      );
      if (rng.chance(0.6)) {
        time = trail.burst(time, s3Console, [
          listBuckets(rng),
          listObjects(rng, BUCKETS.intel, 'reports/'),
        ]);
        const report = `reports/2025-03-${String(day - rng.int(0, 4)).padStart(2, '0')}-daily-brief.pdf`;
        trail.add(
          time,
          browser,
          getObject(rng, BUCKETS.intel, report, rng.int(200_000, 1_400_000), { presigned: true }),
        );
      }
      time += rng.int(40, 110) * MINUTE;
    }
    // She sometimes opens the Sydney region, where her policy does not cover RDS.
    if (day === 11 || day === 13) {
      trail.add(time, session, {
        ...reads.describeDbInstances('ap-southeast-2'),
        error: accessDenied(
          ALICE.arn,
          'rds:DescribeDBInstances',
          `arn:aws:rds:ap-southeast-2:111122223333:db:*`,
        ),
      });
    }
  }
}

const BOB_INSTANCES = ['i-0c4e8a1f6b2d93a57', 'i-07d2b9e4c1a5f8063', 'i-0e6a3c9b5d1f27840'];

function instanceChange(
  name: string,
  region: Region,
  instanceId: string,
  from: string,
  to: string,
): Call {
  const codes: Record<string, number> = {
    pending: 0,
    running: 16,
    'shutting-down': 32,
    stopping: 64,
    stopped: 80,
  };
  return {
    service: 'ec2',
    name,
    region,
    readOnly: false,
    request: { instancesSet: { items: [{ instanceId }] } },
    response: {
      instancesSet: {
        items: [
          {
            instanceId,
            currentState: { code: codes[to], name: to },
            previousState: { code: codes[from], name: from },
          },
        ],
      },
    },
  };
}

/** bob-devops: CLI from office or VPN, pokes at instances, takes ops-admin with MFA. */
function bob(trail: Trail): void {
  const { rng } = trail;
  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    const ip = day % 2 === 0 ? IPS.vpn : rng.pick(IPS.office);
    const actor: Actor = { identity: longTermKey(BOB), ip, userAgent: AGENTS.cliBob };
    let time = between(trail, day, 7, 9);
    for (let round = rng.int(5, 8); round > 0; round--) {
      const region = rng.pick(REGIONS);
      const calls = browse(rng, region, rng.int(2, 8));
      if (rng.chance(0.3)) {
        const instance = rng.pick(BOB_INSTANCES);
        const stop = rng.chance(0.5);
        calls.push(
          instanceChange(
            stop ? 'StopInstances' : 'StartInstances',
            region,
            instance,
            stop ? 'running' : 'stopped',
            stop ? 'stopping' : 'pending',
          ),
        );
      }
      time = trail.burst(time, actor, calls, [2, 25]) + rng.int(20, 80) * MINUTE;
    }
    if (day === 12) {
      const instance = BOB_INSTANCES[0] ?? '';
      trail.add(time, actor, {
        ...instanceChange('TerminateInstances', 'us-east-1', instance, 'running', 'shutting-down'),
        response: null,
        error: {
          code: 'Client.UnauthorizedOperation',
          message: `You are not authorized to perform this operation. User: ${BOB.arn} is not authorized to perform: ec2:TerminateInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/${instance} because no identity-based policy allows the ec2:TerminateInstances action. Encoded authorization failure message: ${rng.base64(120)}`,
        },
      });
    }
    // Routine admin work goes through ops-admin, always with MFA.
    const adminAt = between(trail, day, 13, 15);
    const mfa = `arn:aws:iam::111122223333:mfa/${BOB.name}`;
    const creds = assumeRole(trail, adminAt, actor, OPS_ADMIN_ROLE, 'bob-devops', {
      serialNumber: mfa,
    });
    const admin: Actor = {
      identity: roleSession(OPS_ADMIN_ROLE, 'bob-devops', creds.accessKeyId, creds.createdAt, {
        mfa: true,
      }),
      ip,
      userAgent: AGENTS.cliBob,
    };
    trail.burst(
      adminAt + 5 * SECOND,
      admin,
      [
        reads.listUsers(),
        reads.listAccessKeys(ALICE.name),
        reads.getRole(INVOICE_ROLE.name),
        ...browse(rng, 'us-east-1', 3),
      ],
      [3, 30],
    );
  }
}

/** KeyHunter before the compromise: a quiet analyst on the VPN who always uses MFA. */
function keyHunterHistory(trail: Trail): void {
  const { rng } = trail;
  for (const day of [10, 11, 12]) {
    const [login, session] = consoleDay(trail, day, KEYHUNTER, IPS.vpn, AGENTS.firefoxWindows);
    const s3Console: Actor = { ...session, userAgent: AGENTS.s3Console };
    let time = trail.burst(login + rng.int(2, 10) * MINUTE, s3Console, [
      listBuckets(rng),
      listObjects(rng, BUCKETS.intel, 'iocs/'),
    ]);
    trail.add(
      time,
      session,
      getObject(rng, BUCKETS.intel, `iocs/ioc-feed-2025-03-${day}.csv`, rng.int(8000, 60_000), {
        presigned: true,
      }),
    );
    time += rng.int(60, 180) * MINUTE;
    trail.burst(time, session, browse(rng, 'us-east-1', rng.int(2, 4)), [5, 40]);
    if (day === 11) {
      // He also has a long-term key for scripts; its use from the VPN is normal.
      const cli: Actor = {
        identity: longTermKey(KEYHUNTER),
        ip: IPS.vpn,
        userAgent: AGENTS.cliKeyHunter,
      };
      trail.burst(between(trail, day, 15, 16), cli, [
        reads.getCallerIdentity(),
        listObjects(rng, BUCKETS.intel, 'iocs/'),
        getObject(rng, BUCKETS.intel, 'iocs/ioc-feed-2025-03-11.csv', 41_207),
      ]);
    }
  }
}

export function peopleActivity(trail: Trail): void {
  alice(trail);
  bob(trail);
  keyHunterHistory(trail);
}
