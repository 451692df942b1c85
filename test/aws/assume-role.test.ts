import type { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import {
  assumeRoleProvider,
  REFRESH_BEFORE_MS,
  SESSION_SECONDS,
  sessionName,
} from '../../source/aws/assume-role.js';

/** An STS stand-in: counts AssumeRole calls, issues an hour from the test's clock. */
function fakeSts(clock: { now: number }, fail = false) {
  const sent: Record<string, unknown>[] = [];
  const client = {
    send: (command: { input: Record<string, unknown> }) => {
      sent.push(command.input);
      if (fail) return Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
      const n = sent.length;
      return Promise.resolve({
        Credentials: {
          AccessKeyId: `ASIA${n}`,
          SecretAccessKey: `secret-${n}`,
          SessionToken: `token-${n}`,
          Expiration: new Date(clock.now + SESSION_SECONDS * 1000),
        },
      });
    },
  };
  return { client: client as unknown as STSClient, sent };
}

describe('the AssumeRole credential provider', () => {
  it('assumes once for concurrent callers, reuses the credentials, and refreshes before expiry', async () => {
    const clock = { now: 1_000_000 };
    const sts = fakeSts(clock);
    const provider = assumeRoleProvider(sts.client, {
      roleArn: 'arn:aws:iam::111111111111:role/Reader',
      sessionName: 'trailhound-alice',
      now: () => clock.now,
    });
    const [first, second] = await Promise.all([provider(), provider()]);
    expect(sts.sent).toHaveLength(1);
    expect(first).toBe(second);
    expect(sts.sent[0]).toMatchObject({
      RoleArn: 'arn:aws:iam::111111111111:role/Reader',
      RoleSessionName: 'trailhound-alice',
      DurationSeconds: SESSION_SECONDS,
    });
    expect(sts.sent[0]).not.toHaveProperty('PolicyArns');
    // Still fresh just before the refresh margin.
    clock.now += SESSION_SECONDS * 1000 - REFRESH_BEFORE_MS - 1000;
    expect((await provider()).accessKeyId).toBe('ASIA1');
    expect(sts.sent).toHaveLength(1);
    // Within the margin: assumed again, before the old credentials expire.
    clock.now += 2000;
    expect((await provider()).accessKeyId).toBe('ASIA2');
    expect(sts.sent).toHaveLength(2);
  });

  it('a refusal is not kept: the next call asks again', async () => {
    const clock = { now: 0 };
    const sts = fakeSts(clock, true);
    const provider = assumeRoleProvider(sts.client, { roleArn: 'r', sessionName: 's' });
    await expect(provider()).rejects.toThrow('denied');
    await expect(provider()).rejects.toThrow('denied');
    expect(sts.sent).toHaveLength(2);
  });

  it('names the session after the caller, in the characters STS allows', () => {
    expect(sessionName('arn:aws:iam::123456789012:user/alice')).toBe('trailhound-alice');
    expect(sessionName('arn:aws:sts::1:assumed-role/Admin/bob smith')).toBe('trailhound-bob_smith');
    expect(sessionName(`arn:aws:iam::1:user/${'x'.repeat(100)}`)).toHaveLength(64);
  });
});
