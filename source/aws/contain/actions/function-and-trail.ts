import { plannedCall, type PlanContext } from '../plan-context.js';
import type { TrailState } from '../state.js';
import type { Check, PlannedCall } from '../types.js';

interface Part {
  calls: PlannedCall[];
  checks: Check[];
  notes: string[];
}

/**
 * Stops a Lambda function from running at all: reserved concurrency 0 throttles every invocation,
 * and unlike deleting it keeps the code and configuration as evidence.
 */
export function stopFunctionPlan(
  fn: { name: string; exists: boolean; reservedConcurrency: number | undefined },
  context: PlanContext,
): Part {
  if (!fn.exists) return { calls: [], checks: [], notes: [`no function named ${fn.name}`] };
  const stopped = fn.reservedConcurrency === 0;
  return {
    calls: stopped
      ? []
      : [
          plannedCall(
            context,
            'lambda',
            'PutFunctionConcurrency',
            { FunctionName: fn.name, ReservedConcurrentExecutions: 0 },
            'no invocation runs any more',
          ),
        ],
    checks: [{ kind: 'function-concurrency', functionName: fn.name, value: 0 }],
    notes: stopped ? [`${fn.name} already has reserved concurrency 0`] : [],
  };
}

export interface TrailRequest {
  trailName: string;
  /** An existing bucket whose policy lets CloudTrail write (the guide's step creates it first). */
  bucket: string;
}

/**
 * The guide's "keep CloudTrail in S3": a multi-region trail with log file validation, then
 * StartLogging. An existing trail of that name only needs logging started, if it is stopped.
 */
export function createTrailPlan(
  state: TrailState,
  request: TrailRequest,
  context: PlanContext,
): Part {
  const existing = state.trails.find((trail) => trail.name === request.trailName);
  const calls: PlannedCall[] = [];
  if (!existing) {
    calls.push(
      plannedCall(
        context,
        'cloudtrail',
        'CreateTrail',
        {
          Name: request.trailName,
          S3BucketName: request.bucket,
          IsMultiRegionTrail: true,
          IncludeGlobalServiceEvents: true,
          EnableLogFileValidation: true,
        },
        'record management events of every region to S3',
      ),
    );
  }
  if (!existing?.logging) {
    calls.push(
      plannedCall(
        context,
        'cloudtrail',
        'StartLogging',
        { Name: request.trailName },
        'start recording',
      ),
    );
  }
  return {
    calls,
    checks: [{ kind: 'trail-logging', trailName: request.trailName }],
    notes: existing?.logging ? [`trail ${request.trailName} exists and is logging`] : [],
  };
}
