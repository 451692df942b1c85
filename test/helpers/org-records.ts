import { iamUser, makeRecord, type TestRecord } from './records.js';

/**
 * A small organization trail of three accounts, built here: A and B each have a user called
 * KeyHunter (two people), C has `ops`. C's id ends in the same four digits as A's, so a narrow
 * stream needs five to tell them apart.
 */
export const ORG = {
  A: '111122223333',
  B: '444455556666',
  C: '999900003333',
} as const;

/** Events per account in orgRecords(), and errors among them. */
export const ORG_COUNTS = {
  [ORG.A]: { events: 6, errors: 1, principals: 1 },
  [ORG.B]: { events: 4, errors: 2, principals: 1 },
  [ORG.C]: { events: 3, errors: 0, principals: 2 },
} as const;

const stamp = (minute: number) =>
  new Date(Date.UTC(2025, 4, 5, 9, minute)).toISOString().replace(/\.\d{3}Z$/, 'Z');

function event(
  account: string,
  user: string,
  minute: number,
  eventName: string,
  ip: string,
  error?: string,
): TestRecord {
  return makeRecord({
    userIdentity: { ...iamUser(user, account), accessKeyId: `AKIA${account}${user.length}` },
    recipientAccountId: account,
    eventTime: stamp(minute),
    eventName,
    sourceIPAddress: ip,
    ...(error ? { errorCode: error, errorMessage: `${error} for ${user}` } : {}),
  });
}

/** The three accounts' events, in time order. */
export function orgRecords(): TestRecord[] {
  const { A, B, C } = ORG;
  return [
    event(A, 'KeyHunter', 0, 'ListBuckets', '198.51.100.7'),
    event(B, 'KeyHunter', 1, 'ListBuckets', '203.0.113.9'),
    event(C, 'ops', 2, 'DescribeInstances', '192.0.2.44'),
    event(A, 'KeyHunter', 3, 'GetObject', '198.51.100.7'),
    event(B, 'KeyHunter', 4, 'CreateUser', '203.0.113.9', 'AccessDenied'),
    event(A, 'KeyHunter', 5, 'ListUsers', '198.51.100.7', 'AccessDenied'),
    event(C, 'ops', 6, 'DescribeInstances', '192.0.2.44'),
    event(A, 'KeyHunter', 7, 'GetObject', '198.51.100.7'),
    event(B, 'KeyHunter', 8, 'ListUsers', '203.0.113.9', 'AccessDenied'),
    event(A, 'KeyHunter', 9, 'PutObject', '198.51.100.7'),
    event(C, 'deploy', 10, 'UpdateFunctionCode', '192.0.2.45'),
    event(B, 'KeyHunter', 11, 'GetObject', '203.0.113.9'),
    event(A, 'KeyHunter', 12, 'ListBuckets', '198.51.100.7'),
  ];
}
