/**
 * Turns "who called what, when" into a complete CloudTrail record. The fixed parts of a record
 * (ids, versions, TLS details, management/data flags) are derived here so that the background
 * and the story only describe what differs between calls.
 */

import { ACCOUNT, type Region } from './cast.js';
import type { Identity } from './identity.js';
import type { Rng } from './random.js';
import { isoSeconds } from './time.js';

export type RawRecord = Record<string, unknown>;

/** The caller side of a call: the same for every call a principal makes from one client. */
export interface Actor {
  identity: Identity;
  ip: string;
  userAgent: string;
  /** Console-issued credentials are flagged on every call they sign. */
  fromConsole?: boolean;
}

export interface Resource {
  type: string;
  ARN: string;
  accountId?: string;
}

export interface Call {
  /** Short service name: 's3' stands for eventSource s3.amazonaws.com. */
  service: string;
  name: string;
  region: Region;
  readOnly: boolean;
  request?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  additional?: Record<string, unknown>;
  resources?: Resource[];
  error?: { code?: string; message: string };
  /** S3 object-level calls are data events; everything else here is management. */
  data?: boolean;
  eventType?: 'AwsApiCall' | 'AwsConsoleSignIn';
  /** The TLS Host header; defaults to the service's regional endpoint. */
  host?: string;
  vpcEndpointId?: string;
  /** Set on service-invoked calls, which CloudTrail also writes to the other party's trail. */
  shared?: boolean;
}

/** Addresses like "lambda.amazonaws.com" or "AWS Internal": no client TLS session is recorded. */
function isServiceAddress(ip: string): boolean {
  return !/^[0-9.:a-f]+$/i.test(ip);
}

function defaultHost(service: string, region: Region): string {
  if (service === 'iam') return 'iam.amazonaws.com';
  if (service === 'signin') return 'signin.aws.amazon.com';
  if (service === 'sts' && region === 'us-east-1') return 'sts.amazonaws.com';
  return `${service}.${region}.amazonaws.com`;
}

export class Trail {
  private readonly records: RawRecord[] = [];

  constructor(readonly rng: Rng) {}

  /** Records one call at `time` (epoch ms) and returns the record for callers that link to it. */
  add(time: number, actor: Actor, call: Call): RawRecord {
    const rng = this.rng;
    const isS3 = call.service === 's3';
    // S3 writes user agents in brackets; service principals appear bare.
    const userAgent =
      isS3 && actor.userAgent.includes('/') ? `[${actor.userAgent}]` : actor.userAgent;
    const record: RawRecord = {
      eventVersion: call.data ? '1.10' : '1.09',
      userIdentity: actor.identity,
      eventTime: isoSeconds(time),
      eventSource: `${call.service}.amazonaws.com`,
      eventName: call.name,
      awsRegion: call.region,
      sourceIPAddress: actor.ip,
      userAgent,
    };
    if (call.error?.code !== undefined) record.errorCode = call.error.code;
    if (call.error) record.errorMessage = call.error.message;
    record.requestParameters = call.request ?? null;
    record.responseElements = call.response ?? null;
    if (call.additional) record.additionalEventData = call.additional;
    // Sign-in events have no request id; S3 uses its own 16-hex-digit form.
    if (call.service !== 'signin') record.requestID = isS3 ? rng.hex(16).toUpperCase() : rng.uuid();
    record.eventID = rng.uuid();
    record.readOnly = call.readOnly;
    if (call.resources) record.resources = call.resources;
    record.eventType = call.eventType ?? 'AwsApiCall';
    record.managementEvent = !call.data;
    record.recipientAccountId = ACCOUNT;
    if (call.shared) record.sharedEventID = rng.uuid();
    if (call.vpcEndpointId) {
      record.vpcEndpointId = call.vpcEndpointId;
      record.vpcEndpointAccountId = ACCOUNT;
    }
    record.eventCategory = call.data ? 'Data' : 'Management';
    if (!isServiceAddress(actor.ip)) {
      record.tlsDetails = {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: call.host ?? defaultHost(call.service, call.region),
      };
    }
    if (actor.fromConsole) record.sessionCredentialFromConsole = 'true';
    this.records.push(record);
    return record;
  }

  /** Calls one after another, a few seconds apart, as a person or script does. Returns the end. */
  burst(start: number, actor: Actor, calls: Call[], gapSeconds: [number, number] = [1, 8]): number {
    let time = start;
    for (const call of calls) {
      this.add(time, actor, call);
      time += this.rng.int(gapSeconds[0], gapSeconds[1]) * 1000;
    }
    return time;
  }

  /** All records in eventTime order; the sort is stable so same-second calls keep their order. */
  sorted(): RawRecord[] {
    return [...this.records].sort((a, b) =>
      String(a.eventTime) < String(b.eventTime)
        ? -1
        : String(a.eventTime) > String(b.eventTime)
          ? 1
          : 0,
    );
  }
}

/** The wording IAM-style services use when no policy allows an action. */
export function accessDenied(callerArn: string, action: string, resource: string): Call['error'] {
  return {
    code: 'AccessDenied',
    message: `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  };
}
