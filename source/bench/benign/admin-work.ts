/**
 * What an administrator changes in IAM on an ordinary day: a role for a new service, a policy's
 * new version, a new colleague's user. The same API calls as an attacker's persistence, made by
 * the people whose job they are, from their usual places.
 */

import type { Call } from '../../demo/record.js';
import type { Rng } from '../../demo/random.js';
import {
  addUserToGroup,
  createLoginProfile,
  createUser,
  iamWrite,
  policyArn,
  roleArn,
} from './calls.js';

const SERVICES = ['reporting', 'search-indexer', 'etl-nightly', 'metrics-exporter', 'pdf-render'];

const LAMBDA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

export function adminChange(rng: Rng, time: number): Call[] {
  const kind = rng.int(0, 9);
  if (kind < 5) {
    const name = `${rng.pick(SERVICES)}-role`;
    return [
      iamWrite(
        'CreateRole',
        { roleName: name, assumeRolePolicyDocument: LAMBDA_TRUST, maxSessionDuration: 3600 },
        { role: { roleName: name, arn: roleArn(name), path: '/' } },
      ),
      iamWrite('AttachRolePolicy', {
        roleName: name,
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      }),
      iamWrite('PutRolePolicy', {
        roleName: name,
        policyName: 'data-access',
        policyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject'],
              Resource: 'arn:aws:s3:::acme-analytics-exports/*',
            },
          ],
        }),
      }),
    ];
  }
  if (kind < 9) {
    const arn = policyArn(rng.pick(['developers-access', 'analysts-read', 'ci-deploy']));
    return [
      iamWrite('CreatePolicyVersion', { policyArn: arn, setAsDefault: true, policyDocument: '{}' }),
      iamWrite('DeletePolicyVersion', { policyArn: arn, versionId: `v${rng.int(2, 9)}` }),
    ];
  }
  const newHire = `new.hire${rng.int(10, 99)}`;
  return [
    createUser(rng, newHire, time),
    addUserToGroup(newHire, 'developers'),
    createLoginProfile(newHire, time),
  ];
}
