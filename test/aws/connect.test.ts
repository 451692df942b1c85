import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerIdentity, connect } from '../../source/aws/connect.js';
import { isGuarded } from '../../source/aws/guard/read-only.js';
import { COMMERCIAL_REGIONS } from '../../source/aws/regions.js';
import { FAKE_KEY, fakeAwsEnv, type FakeAwsEnv } from './fake-aws-env.js';

let aws: FakeAwsEnv;
beforeAll(() => {
  aws = fakeAwsEnv();
});
afterAll(() => aws.restore());

describe('connect', () => {
  it('takes the home region from the profile, one CloudTrail client per region, shared credentials', async () => {
    const connection = await connect({ profile: 'incident', endpointUrl: 'http://127.0.0.1:9' });
    try {
      expect(connection.homeRegion).toBe('eu-west-1');
      expect(connection.regions).toEqual(['eu-west-1']);
      const client = connection.cloudTrail('eu-west-1');
      expect(connection.cloudTrail('eu-west-1')).toBe(client);
      expect(connection.cloudTrail('us-east-1')).not.toBe(client);
      expect(await client.config.region()).toBe('eu-west-1');
      const credentials = await client.config.credentials();
      expect(credentials.accessKeyId).toBe(FAKE_KEY);
      const endpoint = await client.config.endpoint!();
      expect(endpoint.hostname).toBe('127.0.0.1');
      expect(connection.clientConfig('us-west-2')).toMatchObject({
        region: 'us-west-2',
        retryMode: 'adaptive',
        profile: 'incident',
      });
      expect(process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']).toBe('true');
    } finally {
      connection.destroy();
    }
  });

  it('--read-only puts the guard on every client of the connection, and only then', async () => {
    const readOnly = await connect({ region: 'us-east-1', readOnly: true });
    const open = await connect({ region: 'us-east-1' });
    try {
      expect(isGuarded(readOnly.sts())).toBe(true);
      expect(isGuarded(readOnly.cloudTrail('eu-west-1'))).toBe(true);
      expect(isGuarded(open.sts())).toBe(false);
      expect(isGuarded(open.cloudTrail('eu-west-1'))).toBe(false);
    } finally {
      readOnly.destroy();
      open.destroy();
    }
  });

  it('--region, --regions and --all-regions', async () => {
    const one = await connect({ region: 'ap-south-1' });
    expect([one.homeRegion, ...one.regions]).toEqual(['ap-south-1', 'ap-south-1']);
    one.destroy();
    const some = await connect({
      region: 'us-west-2',
      regions: ['eu-west-1', 'eu-west-1', 'us-east-2'],
    });
    expect(some.regions).toEqual(['eu-west-1', 'us-east-2']);
    some.destroy();
    const all = await connect({ allRegions: true });
    expect(all.regions).toEqual(COMMERCIAL_REGIONS);
    expect(all.regions).toContain('us-east-1');
    all.destroy();
  });

  it('GetCallerIdentity gives the account, ARN and user id', async () => {
    const sts = mockClient(STSClient);
    sts.on(GetCallerIdentityCommand).resolves({
      Account: '111122223333',
      Arn: 'arn:aws:iam::111122223333:user/analyst',
      UserId: 'AIDAEXAMPLE',
    });
    try {
      const connection = await connect({ region: 'us-east-1' });
      expect(await callerIdentity(connection)).toEqual({
        account: '111122223333',
        arn: 'arn:aws:iam::111122223333:user/analyst',
        userId: 'AIDAEXAMPLE',
      });
      connection.destroy();
    } finally {
      sts.restore();
    }
  });
});
