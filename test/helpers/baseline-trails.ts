import { makeRecord, recordsJson, type TestRecord } from './records.js';

/**
 * Small trails for the explicit baseline's tests: alice at home (Comcast, California) and on a
 * trip she takes every winter (London).
 */
export const HOME = '73.162.10.5';
export const LONDON = '81.2.69.160';

const call = (at: string, ip: string): TestRecord =>
  makeRecord({ eventTime: at, sourceIPAddress: ip });
const login = (at: string, ip: string): TestRecord =>
  makeRecord({
    eventTime: at,
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventType: 'AwsConsoleSignIn',
    sourceIPAddress: ip,
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Firefox/124.0',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { MFAUsed: 'Yes', LoginTo: 'https://console.aws.amazon.com/' },
  });

/** January's export: alice signs in from home and from London on three days. */
export const january = ['2025-01-10', '2025-01-11', '2025-01-12'].flatMap((day) => [
  login(`${day}T09:00:00Z`, HOME),
  login(`${day}T18:00:00Z`, LONDON),
]);
/** March: three ordinary days at home, then a login from London. */
export const march = [
  ...['2025-03-01', '2025-03-02', '2025-03-03'].flatMap((day) => [
    login(`${day}T09:00:00Z`, HOME),
    call(`${day}T09:05:00Z`, HOME),
  ]),
  login('2025-03-04T10:00:00Z', LONDON),
];
/** One day: alice at home in the morning, London in the afternoon. */
export const oneDay = [
  call('2025-03-01T09:00:00Z', HOME),
  call('2025-03-01T10:00:00Z', HOME),
  login('2025-03-01T10:30:00Z', HOME),
  login('2025-03-01T15:00:00Z', LONDON),
];

/** The three as S3-style trees under `root`: old/, new/, day/. */
export function writeBaselineTrails(write: (relative: string, content: string) => string): void {
  write('old/111122223333_CloudTrail_us-east-1_20250112T0000Z_a.json', recordsJson(january));
  write('new/111122223333_CloudTrail_us-east-1_20250304T1000Z_b.json', recordsJson(march));
  write('day/111122223333_CloudTrail_us-east-1_20250301T1500Z_c.json', recordsJson(oneDay));
}
