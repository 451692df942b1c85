import { execFileSync } from 'node:child_process';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { expect, it } from 'vitest';
import { buildPlans, executePlan, type AwsAuditEntry } from '../../../source/aws/contain/index.js';
import { guardReadOnly } from '../../../source/aws/guard/read-only.js';
import { describeWithMoto, motoClients, useMoto } from '../../helpers/moto.js';
import { CALLER, operations, runActions } from './run-plans.js';
import { ADMIN_ARN, seedUser } from './seed.js';

const USER = { kind: 'user', name: 'KeyHunter' } as const;

/** A tiny deployment package, zipped by Python's zipfile (moto checks it is a zip). */
function lambdaZip(): Uint8Array {
  return execFileSync('python3', [
    '-c',
    "import io,zipfile,sys; b=io.BytesIO(); z=zipfile.ZipFile(b,'w'); z.writestr('index.py','def handler(e,c):\\n  return 1\\n'); z.close(); sys.stdout.buffer.write(b.getvalue())",
  ]);
}

describeWithMoto('containment against moto: auth mode, read-only, Lambda, CloudTrail', () => {
  const peer = useMoto();

  it('with auth on, the quarantined user is refused what it could do before, and a deleted key is refused outright', async () => {
    // A responder with admin rights and a key moto knows, made while auth is off.
    await peer.clients.iam.send(new CreateUserCommand({ UserName: 'responder' }));
    await peer.clients.iam.send(
      new AttachUserPolicyCommand({ UserName: 'responder', PolicyArn: ADMIN_ARN }),
    );
    const { AccessKey: responderKey } = await peer.clients.iam.send(
      new CreateAccessKeyCommand({ UserName: 'responder' }),
    );
    const seeded = await seedUser(peer.clients.iam, 'KeyHunter', { mfa: false });
    const responder = motoClients(peer.moto, {
      accessKeyId: responderKey!.AccessKeyId!,
      secretAccessKey: responderKey!.SecretAccessKey!,
    });
    const attacker = new IAMClient({
      region: 'us-east-1',
      endpoint: peer.moto.endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: seeded.keys[0]!.id, secretAccessKey: seeded.keys[0]!.secret },
    });
    await peer.moto.auth(0);
    try {
      // Before: the attacker's admin key can create a backdoor user.
      await attacker.send(new CreateUserCommand({ UserName: 'aws_consoler' }));

      const quarantine = await runActions(responder, USER, ['quarantine']);
      expect(quarantine.executions[0]!.ok).toBe(true);
      await expect(
        attacker.send(new CreateUserCommand({ UserName: 'aws_consoler2' })),
      ).rejects.toMatchObject({ name: 'AccessDenied' });

      const removal = await runActions(responder, USER, ['delete-keys'], {
        force: true,
        keyIds: [seeded.keys[0]!.id],
      });
      expect(removal.executions[0]!.ok).toBe(true);
      await expect(
        attacker.send(new ListAccessKeysCommand({ UserName: 'KeyHunter' })),
      ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    } finally {
      await peer.moto.auth('off');
    }
  });

  it('read-only: plans are built from reads, and executing one sends no mutating request at all', async () => {
    await seedUser(peer.clients.iam);
    const guarded = motoClients(peer.moto);
    guardReadOnly(guarded.iam);
    guardReadOnly(guarded.lambda);
    guardReadOnly(guarded.cloudtrail);
    peer.moto.clearRecording();

    const { plans } = await buildPlans(
      guarded,
      USER,
      ['deactivate-keys', 'quarantine', 'revoke-sessions', 'remove-console', 'delete-user'],
      { region: 'us-east-1' },
    );
    expect(operations(plans).length).toBeGreaterThan(5);
    const audit: AwsAuditEntry[] = [];
    for (const plan of plans) {
      const result = await executePlan(plan, {
        clients: guarded,
        by: CALLER,
        audit: (e) => audit.push(e),
      });
      expect(result.ok).toBe(false);
      expect(result.results[0]!.detail).toMatch(
        /^iam:\w+: ReadOnlyRefusal: \w+ was not sent: this session is read-only \(--read-only\)/,
      );
    }
    expect(audit.every((entry) => entry.outcome === 'error')).toBe(true);

    const sent = peer.moto.recordedActions();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((action) => !/^(Get|List)/.test(action))).toEqual([]);
    // And the account is as it was.
    const keys = await peer.clients.iam.send(new ListAccessKeysCommand({ UserName: 'KeyHunter' }));
    expect(keys.AccessKeyMetadata!.map((k) => k.Status)).toEqual(['Active', 'Active']);
    const attached = await peer.clients.iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: 'KeyHunter' }),
    );
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn)).toEqual([ADMIN_ARN]);
  });

  it('stop-function sets reserved concurrency 0; a second run has nothing to do', async () => {
    const { Role } = await peer.clients.iam.send(
      new CreateRoleCommand({ RoleName: 'lambda-exec', AssumeRolePolicyDocument: '{}' }),
    );
    await peer.clients.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'exfil',
        Runtime: 'python3.12',
        Role: Role!.Arn!,
        Handler: 'index.handler',
        Code: { ZipFile: lambdaZip() },
      }),
    );
    const target = { kind: 'function', name: 'exfil' } as const;
    const run = await runActions(peer.clients, target, ['stop-function']);
    expect(run.plans[0]!.calls[0]!.cli).toBe(
      'aws lambda put-function-concurrency --function-name exfil --reserved-concurrent-executions 0',
    );
    const concurrency = await peer.clients.lambda.send(
      new GetFunctionConcurrencyCommand({ FunctionName: 'exfil' }),
    );
    expect(concurrency.ReservedConcurrentExecutions).toBe(0);
    expect(run.checks).toEqual([expect.objectContaining({ ok: true })]);
    expect(operations((await runActions(peer.clients, target, ['stop-function'])).plans)).toEqual(
      [],
    );
  });

  it('create-trail creates a multi-region trail and starts logging; a second run has nothing to do', async () => {
    // moto's S3 takes an unsigned path-style PUT; the project has no S3 client of its own.
    expect((await fetch(`${peer.moto.endpoint}/incident-trail-bucket`, { method: 'PUT' })).ok).toBe(
      true,
    );
    await seedUser(peer.clients.iam);
    const trail = { trailName: 'incident-trail', bucket: 'incident-trail-bucket' };
    const run = await runActions(peer.clients, USER, ['create-trail'], { trail });
    expect(operations(run.plans)).toEqual(['CreateTrail', 'StartLogging']);
    expect(run.plans[0]!.calls[0]!.cli).toBe(
      'aws cloudtrail create-trail --name incident-trail --s3-bucket-name incident-trail-bucket --is-multi-region-trail --include-global-service-events --enable-log-file-validation',
    );
    const status = await peer.clients.cloudtrail.send(
      new GetTrailStatusCommand({ Name: 'incident-trail' }),
    );
    expect(status.IsLogging).toBe(true);
    expect(run.checks).toEqual([expect.objectContaining({ ok: true })]);
    expect(
      operations((await runActions(peer.clients, USER, ['create-trail'], { trail })).plans),
    ).toEqual([]);
  });
});
