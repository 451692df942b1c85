/**
 * The intrusion planted in the benign trail (optional): an IAM user with weeks of history signs
 * in from a country nobody in the company works from, without MFA; looks around; makes an admin
 * user with a key and a password; then, with the new user's key, stops the trail and deletes the
 * GuardDuty detector. Each step's event ids are returned so a test can check every step is cited.
 */

import { AGENTS, GLOBAL_REGION, type IamUser } from '../../demo/cast.js';
import { reads } from '../../demo/catalog.js';
import { consoleSession, longTermKey } from '../../demo/identity.js';
import type { Actor, Call, Trail } from '../../demo/record.js';
import { listBuckets } from '../../demo/s3.js';
import { consoleLogin } from '../../demo/sessions.js';
import { HOUR, MINUTE, SECOND } from '../../demo/time.js';
import {
  ADMIN_POLICY,
  attachUserPolicy,
  createAccessKey,
  createLoginProfile,
  createUser,
  write,
} from './calls.js';
import { INTRUDER, address } from './places.js';

export type IntrusionStepName =
  | 'login'
  | 'discovery'
  | 'create-user'
  | 'attach-admin-policy'
  | 'create-access-key'
  | 'create-login-profile'
  | 'stop-logging'
  | 'delete-detector';

export interface IntrusionStep {
  step: IntrusionStepName;
  /** The step is cited when any of these events is evidence of a high or critical finding. */
  eventIds: string[];
}

export interface Intrusion {
  victim: string;
  ip: string;
  /** Epoch ms of the sign-in. */
  at: number;
  steps: IntrusionStep[];
}

const BACKDOOR = 'svc-backup-sync';

function id(record: Record<string, unknown>): string {
  return String(record.eventID);
}

/** Plants the intrusion on the day starting at `dayStart` and returns its steps. */
export function plantIntrusion(trail: Trail, victim: IamUser, dayStart: number): Intrusion {
  const { rng } = trail;
  const ip = address(rng, INTRUDER);
  const login = dayStart + 3 * HOUR + rng.int(0, 50) * MINUTE;
  const signIn = consoleLogin(trail, login, {
    user: victim,
    ip,
    userAgent: AGENTS.firefoxLinux,
    mfa: false,
  });
  const session: Actor = {
    identity: consoleSession(victim, rng.sessionKeyId(), login, false),
    ip,
    userAgent: AGENTS.firefoxLinux,
    fromConsole: true,
  };
  const steps: IntrusionStep[] = [{ step: 'login', eventIds: [id(signIn)] }];

  let time = login + rng.int(40, 90) * SECOND;
  const discovery: Call[] = [
    listBuckets(rng),
    reads.listUsers(),
    reads.listRoles(),
    reads.getAccountSummary(),
    reads.listAttachedUserPolicies(victim.name),
    reads.describeInstances('us-east-1'),
    reads.describeInstances('eu-west-1'),
    reads.describeInstances('ap-southeast-2'),
    reads.describeTrails('us-east-1'),
  ];
  const discoveryIds: string[] = [];
  for (const call of discovery) {
    discoveryIds.push(id(trail.add(time, session, call)));
    time += rng.int(3, 25) * SECOND;
  }
  steps.push({ step: 'discovery', eventIds: discoveryIds });

  time += rng.int(2, 6) * MINUTE;
  const created = time;
  steps.push({
    step: 'create-user',
    eventIds: [id(trail.add(time, session, createUser(rng, BACKDOOR, time)))],
  });
  time += rng.int(10, 40) * SECOND;
  steps.push({
    step: 'attach-admin-policy',
    eventIds: [id(trail.add(time, session, attachUserPolicy(BACKDOOR, ADMIN_POLICY)))],
  });
  time += rng.int(10, 40) * SECOND;
  const [keyCall, key] = createAccessKey(rng, BACKDOOR, time);
  steps.push({ step: 'create-access-key', eventIds: [id(trail.add(time, session, keyCall))] });
  time += rng.int(10, 40) * SECOND;
  steps.push({
    step: 'create-login-profile',
    eventIds: [id(trail.add(time, session, createLoginProfile(BACKDOOR, created)))],
  });

  // The new user's key, from the same place, through the CLI.
  const backdoor: IamUser = {
    name: BACKDOOR,
    principalId: `AIDA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 10)}EXAMPLE`,
    accessKeyId: key,
    arn: `arn:aws:iam::111122223333:user/${BACKDOOR}`,
  };
  const cli: Actor = { identity: longTermKey(backdoor), ip, userAgent: AGENTS.cliKali };
  time += rng.int(3, 9) * MINUTE;
  const more = [reads.getCallerIdentity(), listBuckets(rng)].map((call) => {
    time += rng.int(2, 8) * SECOND;
    return id(trail.add(time, cli, call));
  });
  steps[1]!.eventIds.push(...more);
  time += rng.int(30, 120) * SECOND;
  const trailArn = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail';
  steps.push({
    step: 'stop-logging',
    eventIds: [
      id(
        trail.add(time, cli, write('cloudtrail', 'StopLogging', GLOBAL_REGION, { name: trailArn })),
      ),
    ],
  });
  time += rng.int(20, 90) * SECOND;
  steps.push({
    step: 'delete-detector',
    eventIds: [
      id(
        trail.add(
          time,
          cli,
          write('guardduty', 'DeleteDetector', 'us-east-1', { detectorId: rng.hex(32) }),
        ),
      ),
    ],
  });
  return { victim: victim.name, ip, at: login, steps };
}
