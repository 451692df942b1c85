import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { nodeFileSystem, type CaseFileSystem } from '../../source/case/index.js';

const made: string[] = [];

/** A fresh directory for one test, removed afterwards. */
export function scratchDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'trailhound-case-'));
  made.push(directory);
  return directory;
}

afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** The real file system with some calls replaced, to make a save fail at a chosen step. */
export function fileSystemWith(overrides: Partial<CaseFileSystem>): CaseFileSystem {
  return { ...nodeFileSystem, ...overrides };
}

/** An error as the fs module throws it. */
export function fsError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall });
}

export function bytesOf(path: string): Buffer {
  return readFileSync(path);
}

export function filesIn(directory: string): string[] {
  return readdirSync(directory).sort();
}

/** A CloudTrail record shaped like a real one, with a secret a pin must not keep. */
export function sampleRecord(
  eventId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      userName: 'alice',
      accessKeyId: 'AKIAEXAMPLE000000001',
      sessionContext: { attributes: { mfaAuthenticated: 'false' } },
    },
    eventTime: '2026-03-01T10:00:00Z',
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/admin', durationSeconds: 3600 },
    responseElements: {
      credentials: { accessKeyId: 'ASIAEXAMPLE', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' },
    },
    eventID: eventId,
    readOnly: false,
    ...extra,
  };
}
