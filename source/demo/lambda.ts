/**
 * Lambda code deployments. Both the CI pipeline and the attacker replace function code, so the
 * record shape is shared: an analyst has to tell them apart by who, where and from what client.
 */

import { ACCOUNT, type Region } from './cast.js';
import type { Call } from './record.js';
import type { Rng } from './random.js';
import { lambdaDate } from './time.js';

export interface FunctionSpec {
  name: string;
  region: Region;
  roleArn: string;
  runtime: string;
  handler: string;
}

/** Lambda records the API version in the event name: UpdateFunctionCode20150331v2. */
export function updateFunctionCode(
  rng: Rng,
  time: number,
  fn: FunctionSpec,
  codeSize: number,
): Call {
  return {
    service: 'lambda',
    name: 'UpdateFunctionCode20150331v2',
    region: fn.region,
    readOnly: false,
    request: { functionName: fn.name, publish: false, dryRun: false },
    response: {
      functionName: fn.name,
      functionArn: `arn:aws:lambda:${fn.region}:${ACCOUNT}:function:${fn.name}`,
      runtime: fn.runtime,
      role: fn.roleArn,
      handler: fn.handler,
      codeSize,
      description: '',
      timeout: 60,
      memorySize: 256,
      lastModified: lambdaDate(time + rng.int(100, 900)),
      codeSha256: rng.base64(43) + '=',
      version: '$LATEST',
      tracingConfig: { mode: 'PassThrough' },
      revisionId: rng.uuid(),
      state: 'Active',
      lastUpdateStatus: 'InProgress',
      packageType: 'Zip',
      architectures: ['x86_64'],
      ephemeralStorage: { size: 512 },
    },
  };
}
