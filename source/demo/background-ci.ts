/**
 * The CI pipeline: Terraform refreshes state and deploys the web-api Lambda in Sydney a few
 * times a week. It is the legitimate UpdateFunctionCode the attacker's one must be told from.
 */

import { AGENTS, BUCKETS, CI, IPS } from './cast.js';
import { reads } from './catalog.js';
import { longTermKey } from './identity.js';
import { updateFunctionCode } from './lambda.js';
import type { Actor, Call, Trail } from './record.js';
import { getBucketLocation, getObject, putObject } from './s3.js';
import { SECOND, utc } from './time.js';

const WEB_API = {
  name: 'web-api',
  region: 'ap-southeast-2' as const,
  roleArn: 'arn:aws:iam::111122223333:role/web-api-role',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
};

/** ci-deployer: Terraform plans and applies from the CI runners, a few times a week. */
export function ciActivity(trail: Trail): void {
  const { rng } = trail;
  const deploys = [utc(10, 14, 3), utc(11, 10, 31), utc(12, 16, 2), utc(14, 11, 4)];
  for (const start of deploys) {
    const actor: Actor = {
      identity: longTermKey(CI),
      ip: rng.pick(IPS.ciRunners),
      userAgent: AGENTS.terraform,
    };
    const sha = rng.hex(40);
    const refresh: Call[] = [
      reads.getCallerIdentity(),
      getObject(rng, BUCKETS.tfstate, 'prod/terraform.tfstate', 184_311),
    ];
    for (const region of ['ap-southeast-2', 'us-east-1'] as const) {
      refresh.push(
        reads.describeVpcs(region),
        reads.describeSubnets(region),
        reads.describeSecurityGroups(region),
      );
      refresh.push(
        reads.describeInstances(region),
        reads.getRole('web-api-role'),
        reads.getFunction(region, 'web-api'),
      );
    }
    const applyAt = trail.burst(start, actor, refresh, [0, 2]) + rng.int(30, 90) * SECOND;
    const artifact = `web-api/${sha}.zip`;
    trail.burst(
      applyAt,
      actor,
      [
        putObject(rng, BUCKETS.artifacts, artifact, 3_912_004 + rng.int(0, 20_000)),
        updateFunctionCode(rng, applyAt, WEB_API, 3_912_004),
        getBucketLocation(rng, BUCKETS.tfstate),
        putObject(rng, BUCKETS.tfstate, 'prod/terraform.tfstate', 184_311 + rng.int(-400, 400)),
      ],
      [1, 6],
    );
  }
}
