import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import type { Target } from '../iam/principal.js';
import { loadRoleInventory } from '../iam/role-inventory.js';
import { loadUserInventory } from '../iam/user-inventory.js';
import type { ContainClients } from './clients.js';
import type { TargetState, TrailState } from './state.js';

/**
 * Reads the target's current state (only reads: this runs in read-only sessions and dry runs
 * too). Last-used lookups are skipped: plans do not need them, and they cost a call per key.
 */
export async function loadTargetState(
  clients: ContainClients,
  target: Target,
  region: string,
): Promise<TargetState> {
  if (target.kind === 'user') {
    const inventory = await loadUserInventory(clients.iam, target.name, { lastUsed: false });
    return { kind: 'user', name: target.name, inventory };
  }
  if (target.kind === 'role') {
    const inventory = await loadRoleInventory(clients.iam, target.name, { lastUsed: false });
    return { kind: 'role', name: target.name, inventory };
  }
  try {
    const output = await clients.lambda.send(
      new GetFunctionConcurrencyCommand({ FunctionName: target.name }),
    );
    return {
      kind: 'function',
      name: target.name,
      region: target.region ?? region,
      exists: true,
      reservedConcurrency: output.ReservedConcurrentExecutions,
    };
  } catch (error) {
    if ((error as { name?: unknown }).name !== 'ResourceNotFoundException') throw error;
    return {
      kind: 'function',
      name: target.name,
      region: target.region ?? region,
      exists: false,
      reservedConcurrency: undefined,
    };
  }
}

/** The trails visible from the client's region, with whether each is logging. */
export async function loadTrailState(clients: ContainClients): Promise<TrailState> {
  const { trailList = [] } = await clients.cloudtrail.send(
    new DescribeTrailsCommand({ includeShadowTrails: true }),
  );
  const trails: TrailState['trails'] = [];
  for (const trail of trailList) {
    if (!trail.Name || !trail.TrailARN) continue;
    const status = await clients.cloudtrail.send(
      new GetTrailStatusCommand({ Name: trail.TrailARN }),
    );
    trails.push({
      name: trail.Name,
      arn: trail.TrailARN,
      logging: status.IsLogging ?? false,
      multiRegion: trail.IsMultiRegionTrail ?? false,
    });
  }
  return { trails };
}
