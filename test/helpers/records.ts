import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Raw CloudTrail records as tests write them into files. */
export type TestRecord = Record<string, unknown>;

let serial = 0;

/** A stable, unique eventID (UUID-shaped like CloudTrail's). */
export function nextEventId(): string {
  serial++;
  return `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`;
}

export function iamUser(userName: string, account = '111122223333'): TestRecord {
  return {
    type: 'IAMUser',
    principalId: `AIDA${userName.toUpperCase()}EXAMPLE`,
    arn: `arn:aws:iam::${account}:user/${userName}`,
    accountId: account,
    accessKeyId: `AKIA${userName.toUpperCase()}EXAMPLE`,
    userName,
  };
}

/** An assumed-role identity; trailhound names it `role/session`. */
export function assumedRole(role: string, session: string, account = '111122223333'): TestRecord {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: 'ASIAEXAMPLE',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLE',
        arn: `arn:aws:iam::${account}:role/${role}`,
        accountId: account,
        userName: role,
      },
      attributes: { creationDate: '2024-03-01T09:00:00Z', mfaAuthenticated: 'false' },
    },
  };
}

/** A realistic management event (alice lists buckets); override any top-level field. */
export function makeRecord(overrides: TestRecord = {}): TestRecord {
  const eventID = nextEventId();
  return {
    eventVersion: '1.09',
    userIdentity: iamUser('alice'),
    eventTime: '2024-03-01T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5 exe/x86_64',
    requestParameters: { Host: 's3.us-east-1.amazonaws.com' },
    responseElements: null,
    requestID: `REQ${eventID.slice(-8)}`,
    eventID,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...overrides,
  };
}

/** `count` records one minute apart from `start`, named `${prefix}${i}`. */
export function makeRecords(count: number, start: string, prefix = 'Event'): TestRecord[] {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) =>
    makeRecord({
      eventTime: new Date(t0 + i * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventName: `${prefix}${i}`,
    }),
  );
}

/** The body of a CloudTrail S3 delivery file. */
export function recordsJson(records: readonly unknown[]): string {
  return JSON.stringify({ Records: records });
}

/** One page of `aws cloudtrail lookup-events` output (pretty-printed like the CLI). */
export function lookupEventsJson(records: readonly TestRecord[], nextToken?: string): string {
  const events = records.map((record) => ({
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: 'true',
    EventTime: record.eventTime,
    EventSource: record.eventSource,
    Username: (record.userIdentity as TestRecord | undefined)?.userName,
    Resources: [],
    CloudTrailEvent: JSON.stringify(record),
  }));
  return JSON.stringify(
    nextToken ? { Events: events, NextToken: nextToken } : { Events: events },
    null,
    4,
  );
}

/** A fresh temp directory and a writer for files under it (parents created). */
export function tempTree(label: string): {
  root: string;
  write: (relative: string, content: string | Uint8Array) => string;
  remove: () => void;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `trailhound-${label}-`));
  return {
    root,
    write: (relative, content) => {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
