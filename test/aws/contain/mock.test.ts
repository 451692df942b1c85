/**
 * What moto does not model, against aws-sdk-client-mock and a small IAM of our own: pagination,
 * service-specific credentials, DeleteUser's conflicts, throttling, a failure halfway through a
 * plan and the resumed run, the password-reset flag, and secrets in responses.
 */
import { IAMClient, UpdateAccessKeyCommand, UpdateLoginProfileCommand } from '@aws-sdk/client-iam';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildPlans,
  executePlan,
  type AwsAuditEntry,
  type ContainClients,
} from '../../../source/aws/contain/index.js';
import { InventoryCache, loadUserInventory } from '../../../source/aws/iam/index.js';
import { CALLER, operations, runActions } from './run-plans.js';
import { fakeUser, installFakeIam, named } from './fake-iam.js';

const USER = { kind: 'user', name: 'KeyHunter' } as const;
const config = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' },
};

function clients(): ContainClients {
  return {
    iam: new IAMClient(config),
    lambda: new LambdaClient(config),
    cloudtrail: new CloudTrailClient(config),
  };
}

let installed: { mock: { restore: () => void } }[] = [];
afterEach(() => {
  for (const entry of installed) entry.mock.restore();
  installed = [];
});

function install(
  c: ContainClients,
  ...args: Parameters<typeof installFakeIam> extends [unknown, ...infer R] ? R : never
) {
  const fake = installFakeIam(c.iam, ...args);
  installed.push(fake);
  return fake;
}

describe('IAM inventory and containment where moto differs from AWS (aws-sdk-client-mock)', () => {
  it('follows every list to its last page (pages of one item)', async () => {
    const c = clients();
    const fake = install(c, fakeUser(), { pageSize: 1 });
    const inventory = await loadUserInventory(c.iam, 'KeyHunter');
    expect(inventory!.accessKeys.map((k) => k.id)).toEqual([
      'AKIAEXAMPLEKEY000001',
      'AKIAEXAMPLEKEY000002',
    ]);
    expect(inventory!.groups).toHaveLength(3);
    expect(inventory!.attachedPolicies).toHaveLength(3);
    expect(inventory!.inlinePolicies.map((p) => p.name)).toEqual(['Inline1', 'Inline2', 'Inline3']);
    expect(inventory!.signingCertificates).toHaveLength(3);
    expect(inventory!.sshPublicKeys).toHaveLength(3);
    expect(inventory!.serviceCredentials.map((s) => s.serviceName)).toEqual([
      'codecommit.amazonaws.com',
      'bedrock.amazonaws.com',
    ]);
    expect(inventory!.mfaDevices.map((d) => d.virtual)).toEqual([true, false]);
    expect(inventory!.inlinePolicies[0]!.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(inventory!.gaps).toEqual([]);
    expect(fake.calls.filter((op) => op === 'ListGroupsForUser')).toHaveLength(3);
    expect(
      inventory!.groupPolicies.map((g) => [g.name, g.attachedPolicies.map((p) => p.name)]),
    ).toEqual([
      ['group1', ['AdministratorAccess']],
      ['group2', []],
      ['group3', []],
    ]);
  });

  it('delete-user removes service-specific credentials and hardware MFA in the documented order', async () => {
    const c = clients();
    const fake = install(c, fakeUser('KeyHunter', 1));
    const run = await runActions(c, USER, ['delete-user']);
    expect(operations(run.plans)).toEqual([
      'DeleteLoginProfile',
      'DeleteAccessKey',
      'DeleteAccessKey',
      'DeleteSigningCertificate',
      'DeleteSSHPublicKey',
      'DeleteServiceSpecificCredential',
      'DeleteServiceSpecificCredential',
      'DeactivateMFADevice',
      'DeleteVirtualMFADevice',
      'DeactivateMFADevice',
      'DeleteUserPolicy',
      'DetachUserPolicy',
      'RemoveUserFromGroup',
      'DeleteUser',
    ]);
    expect(run.plans[0]!.calls[5]!.cli).toBe(
      'aws iam delete-service-specific-credential --user-name KeyHunter --service-specific-credential-id ACCACODECOMMIT1',
    );
    expect(fake.state.user).toBeNull();
    expect(run.checks).toEqual([expect.objectContaining({ ok: true })]);
  });

  it('a failure halfway through stops the plan; the resumed run does only what is left', async () => {
    const c = clients();
    const denied = named(
      'AccessDenied',
      'User: arn:aws:iam::123456789012:user/responder is not authorized to perform: iam:DetachUserPolicy on resource: user KeyHunter',
    );
    const fake = install(c, fakeUser('KeyHunter', 1), {
      failures: [
        {
          operation: 'DetachUserPolicy',
          error: Object.assign(denied, { $metadata: { httpStatusCode: 403 } }),
        },
      ],
    });
    const first = await runActions(c, USER, ['delete-user']);
    const result = first.executions[0]!;
    expect(result.ok).toBe(false);
    const failed = result.results.at(-1)!;
    expect(failed.call.operation).toBe('DetachUserPolicy');
    expect(failed.detail).toBe(
      `iam:DetachUserPolicy: access denied: ${CALLER} is not allowed iam:DetachUserPolicy. Grant iam:DetachUserPolicy to it (or use a profile that has it).`,
    );
    expect(result.notSent.map((call) => call.operation)).toEqual([
      'RemoveUserFromGroup',
      'DeleteUser',
    ]);
    expect(first.audit.at(-1)).toMatchObject({
      call: 'iam:DetachUserPolicy',
      outcome: 'error',
      detail: failed.detail,
    });
    expect(first.audit).toHaveLength(result.results.length);

    const resumed = await runActions(c, USER, ['delete-user']);
    expect(operations(resumed.plans)).toEqual([
      'DetachUserPolicy',
      'RemoveUserFromGroup',
      'DeleteUser',
    ]);
    expect(resumed.executions[0]!.ok).toBe(true);
    expect(fake.state.user).toBeNull();
  });

  it('throttling that outlasts the retries stops the plan with a one-line "throttled" error', async () => {
    const c = clients();
    const throttled = Object.assign(named('ThrottlingException', 'Rate exceeded'), {
      $metadata: { httpStatusCode: 400 },
    });
    install(c, fakeUser(), { failures: [{ operation: 'UpdateAccessKey', error: throttled }] });
    const first = await runActions(c, USER, ['deactivate-keys']);
    expect(first.executions[0]!.ok).toBe(false);
    expect(first.executions[0]!.results[0]!.detail).toMatch(
      /^iam:UpdateAccessKey: throttled by AWS after retries \(ThrottlingException\)\. Wait a little/,
    );
    const resumed = await runActions(c, USER, ['deactivate-keys']);
    expect(operations(resumed.plans)).toEqual(['UpdateAccessKey']);
    expect(resumed.checks.every((check) => check.ok)).toBe(true);
  });

  it('a delete whose object is already gone counts as done', async () => {
    const c = clients();
    const user = fakeUser('KeyHunter', 1);
    const fake = install(c, user);
    const { plans } = await buildPlans(c, USER, ['remove-console'], { region: 'us-east-1' });
    user.loginProfile = false; // another analyst got there first
    const result = await executePlan(plans[0]!, { clients: c, by: CALLER, audit: () => {} });
    expect(result.ok).toBe(true);
    expect(result.results[0]!.detail).toBe('already gone');
    expect(fake.calls).toContain('DeleteLoginProfile');
  });

  it('reset-password sends UpdateLoginProfile with only --password-reset-required (moto would drop the profile)', async () => {
    const c = clients();
    const fake = install(c, fakeUser());
    const run = await runActions(c, USER, ['reset-password']);
    expect(run.plans[0]!.destructive).toBe(false);
    expect(run.plans[0]!.calls.map((call) => call.cli)).toEqual([
      'aws iam update-login-profile --user-name KeyHunter --password-reset-required',
    ]);
    const sent = fake.mock.commandCalls(UpdateLoginProfileCommand);
    expect(sent.map((call) => call.args[0].input)).toEqual([
      { UserName: 'KeyHunter', PasswordResetRequired: true },
    ]);
    expect(run.checks).toEqual([expect.objectContaining({ ok: true })]);
    expect(operations((await runActions(c, USER, ['reset-password'])).plans)).toEqual([]);
  });

  it('a secret in a response never reaches the result or the audit', async () => {
    const c = clients();
    const fake = install(c, fakeUser());
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz';
    fake.mock.on(UpdateAccessKeyCommand).resolves({
      $metadata: { requestId: 'req-1' },
      AccessKey: { AccessKeyId: 'AKIANEW', SecretAccessKey: secret, SessionToken: 'tok' },
    } as never);
    const audit: AwsAuditEntry[] = [];
    const { plans } = await buildPlans(c, USER, ['deactivate-keys'], { region: 'us-east-1' });
    const result = await executePlan(plans[0]!, {
      clients: c,
      by: CALLER,
      audit: (e) => audit.push(e),
    });
    const everything = JSON.stringify({ result, audit });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('"tok"');
    expect(result.results[0]!.detail).toBe(
      'ok (request req-1) {"AccessKey":{"AccessKeyId":"AKIANEW","SecretAccessKey":"[redacted]","SessionToken":"[redacted]"}}',
    );
  });

  it('an unreadable section becomes a gap named in the delete plan', async () => {
    const c = clients();
    const denied = Object.assign(
      named('AccessDenied', 'not authorized to perform: iam:ListSSHPublicKeys'),
      { $metadata: { httpStatusCode: 403 } },
    );
    install(c, fakeUser(), { failures: [{ operation: 'ListSSHPublicKeys', error: denied }] });
    const inventory = await loadUserInventory(c.iam, 'KeyHunter');
    expect(inventory!.gaps).toEqual([
      {
        call: 'iam:ListSSHPublicKeys',
        message:
          'iam:ListSSHPublicKeys: access denied: the identity in use is not allowed iam:ListSSHPublicKeys. Grant iam:ListSSHPublicKeys to it (or use a profile that has it).',
      },
    ]);
    expect(inventory!.groups).toHaveLength(3);
  });

  it('a plan that depends on a section IAM would not show says it may be incomplete', async () => {
    const c = clients();
    const denied = Object.assign(
      named('AccessDenied', 'not authorized to perform: iam:GetLoginProfile'),
      {
        $metadata: { httpStatusCode: 403 },
      },
    );
    install(c, fakeUser(), { failures: [{ operation: 'GetLoginProfile', error: denied }] });
    const { plans } = await buildPlans(c, USER, ['remove-console', 'quarantine'], {
      region: 'us-east-1',
    });
    expect(plans.map((plan) => plan.action)).toEqual(['quarantine', 'remove-console']);
    expect(plans[0]!.notes).toEqual([]);
    expect(plans[1]!.calls).toEqual([]);
    expect(plans[1]!.notes).toEqual([
      'KeyHunter has no console password',
      'could not read iam:GetLoginProfile, so this plan may be incomplete: iam:GetLoginProfile: access denied: the identity in use is not allowed iam:GetLoginProfile. Grant iam:GetLoginProfile to it (or use a profile that has it).',
    ]);
  });
});

describe('inventory cache', () => {
  it('loads once, shares a load in flight, reloads on refresh or after forget, and retries a failed load', async () => {
    const c = clients();
    const fake = install(c, fakeUser(), {
      failures: [{ operation: 'GetUser', error: named('ServiceFailure', 'boom') }],
    });
    const cache = new InventoryCache(c.iam, { lastUsed: false });
    await expect(cache.get(USER)).rejects.toMatchObject({ name: 'ServiceFailure' });
    const [a, b] = await Promise.all([cache.get(USER), cache.get(USER)]);
    expect(a).toBe(b);
    expect(await cache.get(USER)).toBe(a);
    const gets = () => fake.calls.filter((op) => op === 'GetUser').length;
    expect(gets()).toBe(2);
    await cache.get(USER, { refresh: true });
    cache.forget(USER);
    await cache.get(USER);
    expect(gets()).toBe(4);
  });
});
