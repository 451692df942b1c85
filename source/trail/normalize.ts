import { consoleLoginOutcome } from './console-login.js';
import { RESOURCE_SEPARATOR, type EventFields, type RawRecord } from './event.js';
import { asObject, asText } from './fields.js';
import { eventTimeProblem, parseEventTime } from './event-time.js';
import { principalOf } from './principal.js';

export type NormalizeResult =
  | { ok: true; fields: EventFields }
  /** `reason` in words for the analyst, e.g. `eventTime "2025-02-30T00:00:00Z" is not a real time`. */
  | { ok: false; reason: string };

/**
 * Request parameters that name the resource a call acted on, across the services that matter.
 * The record scanner (wasm/record-scan.ts) spells the list again, in this order.
 */
export const NAMED_PARAMETERS = [
  'userName',
  'roleName',
  'groupName',
  'policyArn',
  'policyName',
  'functionName',
  'layerName',
  'instanceProfileName',
  'trailName',
  'secretId',
  'snapshotId',
  'imageId',
  'detectorId',
  'keyId',
  'name',
] as const;
export const NAMED = new Set<string>(NAMED_PARAMETERS);

/**
 * The resources a call names, joined by RESOURCE_SEPARATOR: resource ARNs, bucket/key, and the
 * named request parameters. Built as one string without intermediate collections: it runs once
 * per event of every load.
 */
export function resourcesOf(raw: RawRecord, params: Record<string, unknown> | undefined): string {
  let joined = '';
  const add = (given: unknown) => {
    if (typeof given !== 'string' || given === '') return;
    // An S3 key may itself hold the separator: written as a visible `\n`, one hostile key stays
    // one resource instead of splitting into several rows shaped by the attacker.
    const value = given.includes(RESOURCE_SEPARATOR)
      ? given.replaceAll(RESOURCE_SEPARATOR, '\\n')
      : given;
    if (joined === '') joined = value;
    else if (
      !`${RESOURCE_SEPARATOR}${joined}${RESOURCE_SEPARATOR}`.includes(
        `${RESOURCE_SEPARATOR}${value}${RESOURCE_SEPARATOR}`,
      )
    ) {
      joined = `${joined}${RESOURCE_SEPARATOR}${value}`;
    }
  };
  if (Array.isArray(raw.resources)) {
    for (const resource of raw.resources) add(asObject(resource)?.ARN);
  }
  if (params) {
    const bucket = asText(params.bucketName);
    const key = asText(params.key);
    if (bucket) add(key ? `${bucket}/${key}` : bucket);
    // A request names a few parameters: walking its keys beats probing it for every name.
    for (const name in params) if (NAMED.has(name)) add(params[name]);
  }
  return joined;
}

export function bucketOf(raw: RawRecord, params: Record<string, unknown> | undefined): string {
  const named = asText(params?.bucketName);
  if (named) return named;
  if (!Array.isArray(raw.resources)) return '';
  for (const resource of raw.resources) {
    const entry = asObject(resource);
    if (asText(entry?.type) === 'AWS::S3::Bucket')
      return asText(entry?.ARN).replace(/^arn:[^:]*:s3:::/, '');
  }
  return '';
}

export function errorOf(raw: RawRecord): string {
  const code = asText(raw.errorCode);
  if (code) return code;
  // A failed console sign-in has an errorMessage and no errorCode; it is still a failure.
  if (consoleLoginOutcome(raw) === 'Failure') return asText(raw.errorMessage) || 'Failure';
  return '';
}

/** Reduces one raw record to the fields the index keeps. Never throws on odd input. */
export function normalizeRecord(value: unknown): NormalizeResult {
  const raw = asObject(value);
  if (!raw) return { ok: false, reason: 'not a JSON object' };
  // Every CloudTrail event has its time; one without (or with a time that is not a real instant
  // in CloudTrail's form) cannot be placed, ordered or counted in a window, and is malformed:
  // counted and named, never shown at a time the log did not say.
  const time = typeof raw.eventTime === 'string' ? parseEventTime(raw.eventTime) : Number.NaN;
  if (Number.isNaN(time)) return { ok: false, reason: eventTimeProblem(raw.eventTime)! };

  const identity = asObject(raw.userIdentity);
  const principal = principalOf(identity);
  // Insight events have no identity and keep the API they are about in insightDetails.
  const insight = asObject(raw.insightDetails);
  const params = asObject(raw.requestParameters);

  return {
    ok: true,
    fields: {
      eventId: asText(raw.eventID),
      time,
      eventName: asText(raw.eventName) || asText(insight?.eventName),
      eventSource: asText(raw.eventSource) || asText(insight?.eventSource),
      region: asText(raw.awsRegion),
      account: asText(raw.recipientAccountId) || asText(identity?.accountId),
      sourceIp: asText(raw.sourceIPAddress),
      userAgent: asText(raw.userAgent),
      principal: principal.name || (insight ? 'cloudtrail-insight' : ''),
      principalArn: principal.arn,
      identityType: principal.type,
      accessKeyId: asText(identity?.accessKeyId),
      error: errorOf(raw),
      resources: resourcesOf(raw, params),
      bucket: bucketOf(raw, params),
    },
  };
}
