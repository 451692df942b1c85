import { IAMClient, ListUsersCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import {
  guardReadOnly,
  isGuarded,
  isReadOnlyOperation,
} from '../../../source/aws/guard/read-only.js';

describe('read-only guard', () => {
  it.each([
    ['GetUser', true],
    ['ListAccessKeysCommand', true],
    ['DescribeTrails', true],
    ['LookupEvents', true],
    ['GetCallerIdentity', true],
    ['GetSessionToken', false],
    ['GetFederationToken', false],
    ['UpdateAccessKey', false],
    ['DeleteUser', false],
    ['PutFunctionConcurrency', false],
    ['Listen', false],
    ['Getaway', false],
    ['CreateTrail', false],
  ])('%s only reads: %s', (operation, reads) => {
    expect(isReadOnlyOperation(operation)).toBe(reads);
  });

  it('refuses a mutating command before any request is built, and lets reads through to the handler', async () => {
    const sent: string[] = [];
    const client = new IAMClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' },
      endpoint: 'http://127.0.0.1:9',
      requestHandler: {
        handle: async (request: { body?: unknown }) => {
          sent.push(String(request.body));
          throw Object.assign(new Error('no network in this test'), { name: 'TestStop' });
        },
      } as never,
      maxAttempts: 1,
    });
    guardReadOnly(client);
    guardReadOnly(client);
    expect(isGuarded(client)).toBe(true);
    expect(
      client.middlewareStack
        .identify()
        .filter((name) => name.startsWith('trailhoundReadOnlyGuard')),
    ).toHaveLength(1);
    await expect(
      client.send(
        new UpdateAccessKeyCommand({
          UserName: 'KeyHunter',
          AccessKeyId: 'AKIA1',
          Status: 'Inactive',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ReadOnlyRefusal',
      message:
        'UpdateAccessKey was not sent: this session is read-only (--read-only); no mutating call is made',
    });
    expect(sent).toEqual([]);
    await expect(client.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'TestStop' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Action=ListUsers');
  });
});
