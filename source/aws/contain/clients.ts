import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { SharedClientConfig } from '../connect.js';
import { guardReadOnly } from '../guard/read-only.js';

/** The clients containment reads and writes through; passed in, never global. */
export interface ContainClients {
  iam: IAMClient;
  lambda: LambdaClient;
  cloudtrail: CloudTrailClient;
}

/**
 * The clients for one containment session, from a connection's shared config. IAM is global and
 * answered in us-east-1 (the SDK signs for it there whatever the region); Lambda and CloudTrail
 * go to the function's / trail's region. With `readOnly`, every one carries the read-only guard.
 */
export function containClients(
  clientConfig: (region: string) => SharedClientConfig,
  region: string,
  readOnly: boolean,
): ContainClients {
  const clients: ContainClients = {
    iam: new IAMClient(clientConfig(region)),
    lambda: new LambdaClient(clientConfig(region)),
    cloudtrail: new CloudTrailClient(clientConfig(region)),
  };
  if (readOnly) {
    guardReadOnly(clients.iam);
    guardReadOnly(clients.lambda);
    guardReadOnly(clients.cloudtrail);
  }
  return clients;
}

export function destroyClients(clients: ContainClients): void {
  clients.iam.destroy();
  clients.lambda.destroy();
  clients.cloudtrail.destroy();
}
