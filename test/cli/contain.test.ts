import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { beforeEach, describe, expect, it } from 'vitest';
import { confirmPlan } from '../../source/cli/contain-confirm.js';
import { planText } from '../../source/cli/contain-output.js';
import { parseContainArgs } from '../../source/cli/contain-args.js';
import { runCli } from '../helpers/cli.js';
import { describeWithMoto, useMoto } from '../helpers/moto.js';
import { seedUser } from '../aws/contain/seed.js';

describeWithMoto('trailhound contain, end to end against moto', () => {
  const peer = useMoto();
  let dir = '';
  beforeEach(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'trailhound-contain-'));
  });

  const contain = (args: string[], env: Record<string, string> = {}) =>
    runCli(['contain', ...args, '--endpoint-url', peer.moto.endpoint, '--region', 'us-east-1'], {
      env,
    });
  const statuses = async () =>
    (
      await peer.clients.iam.send(new ListAccessKeysCommand({ UserName: 'KeyHunter' }))
    ).AccessKeyMetadata!.map((k) => k.Status);

  it('--dry-run prints the plan as AWS CLI lines and changes nothing', async () => {
    const seeded = await seedUser(peer.clients.iam);
    const run = await contain(['KeyHunter', '--action', 'deactivate-keys,quarantine', '--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Plan for user KeyHunter, as arn:aws:sts::123456789012:user/moto\n',
    );
    expect(run.stdout).toContain(
      `  1. aws iam update-access-key --user-name KeyHunter --access-key-id ${seeded.keys[0]!.id} --status Inactive --endpoint-url ${peer.moto.endpoint}\n`,
    );
    expect(run.stdout).toContain(
      `  1. aws iam attach-user-policy --user-name KeyHunter --policy-arn arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3 --endpoint-url ${peer.moto.endpoint}\n`,
    );
    expect(run.stdout).toMatch(/dry run: 3 call\(s\) planned, nothing sent, nothing written\.\n$/);
    expect(await statuses()).toEqual(['Active', 'Active']);
  });

  it('refuses to act without --yes when standard input is not a terminal (exit 2, one line)', async () => {
    await seedUser(peer.clients.iam);
    const run = await contain(['KeyHunter', '--action', 'deactivate-keys']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'trailhound: contain will not change the account without confirmation: run it on a terminal, or review the plan (--dry-run) and pass --yes\n',
    );
    expect(await statuses()).toEqual(['Active', 'Active']);
  });

  it('--yes runs the plan, prints each result and the verification, and audits every call in the case', async () => {
    const seeded = await seedUser(peer.clients.iam);
    const casePath = join(dir, 'case.json');
    const run = await contain([
      'KeyHunter',
      '--action',
      'quarantine,deactivate-keys,revoke-sessions,remove-console',
      '--yes',
      '--case',
      casePath,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await statuses()).toEqual(['Inactive', 'Inactive']);
    const attached = await peer.clients.iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: 'KeyHunter' }),
    );
    expect(attached.AttachedPolicies!.map((p) => p.PolicyName)).toContain(
      'AWSCompromisedKeyQuarantineV3',
    );
    // Playbook order whatever the order typed.
    expect(run.stdout.indexOf('\ndeactivate-keys:\n')).toBeLessThan(
      run.stdout.indexOf('\nquarantine:\n'),
    );
    expect(run.stdout).toMatch(/ {2}ok {6}aws iam update-access-key .* → ok/);
    expect(run.stdout).toContain(`  ✓ ${seeded.keys[0]!.id} is Inactive\n`);
    expect(run.stdout).toContain('  ✓ AWSCompromisedKeyQuarantineV3 attached\n');
    expect(run.stdout).toContain('  ✓ no console password\n');

    const kase = JSON.parse(readFileSync(casePath, 'utf8'));
    const audit = kase.audit as { at: string; by: string; action: string; detail: string }[];
    expect(audit.map((entry) => entry.action)).toEqual([
      'created case',
      'containment confirmed',
      'aws iam:UpdateAccessKey ok',
      'aws iam:UpdateAccessKey ok',
      'verified deactivate-keys',
      'aws iam:AttachUserPolicy ok',
      'verified quarantine',
      'aws iam:PutUserPolicy ok',
      'verified revoke-sessions',
      'aws iam:DeleteLoginProfile ok',
      'verified remove-console',
    ]);
    for (const entry of audit) {
      expect(entry.by).toMatch(/ as arn:aws:sts::123456789012:user\/moto$/);
      expect(entry.at).toMatch(/Z$/);
    }
    expect(audit[2]!.detail).toContain(`"AccessKeyId":"${seeded.keys[0]!.id}"`);
    expect(JSON.stringify(kase)).not.toContain(seeded.keys[0]!.secret);

    const again = await contain([
      'KeyHunter',
      '--action',
      'deactivate-keys,quarantine,remove-console',
      '--yes',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('  ok ');
    expect(again.stdout.match(/ {2}nothing to do\n/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it('delete-user preserves the state into the evidence folder first, then deletes in order', async () => {
    await seedUser(peer.clients.iam);
    const casePath = join(dir, 'case.json');
    const run = await contain([
      'KeyHunter',
      '--action',
      'delete-user',
      '--yes',
      '--case',
      casePath,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.indexOf('Evidence preserved in')).toBeLessThan(
      run.stdout.indexOf('ok      aws iam delete-login-profile'),
    );
    const manifest = JSON.parse(readFileSync(`${casePath}.evidence/manifest.json`, 'utf8'));
    expect(manifest).toEqual([
      expect.objectContaining({ subject: 'user:KeyHunter', what: 'IAM state of user KeyHunter' }),
    ]);
    const audit = JSON.parse(readFileSync(casePath, 'utf8')).audit as {
      action: string;
      detail: string;
    }[];
    expect(audit.find((e) => e.action === 'evidence preserved')!.detail).toContain(
      manifest[0].sha256,
    );
    expect(run.stdout).toContain('  ✓ user KeyHunter no longer exists\n');
  });

  it('a principal that is not there is an error unless the action was to delete it', async () => {
    const typo = await contain(['KeyHuntr', '--action', 'deactivate-keys', '--yes']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe(
      'trailhound: no user named KeyHuntr in this account (as arn:aws:sts::123456789012:user/moto): check the name, --profile and --endpoint-url\n',
    );
    const gone = await contain(['KeyHuntr', '--action', 'delete-user', '--yes']);
    expect(gone.code).toBe(0);
    expect(gone.stdout).toContain('note: no user named KeyHuntr: nothing left to delete');
    expect(gone.stdout).toContain('  ✓ user KeyHuntr no longer exists\n');
  });

  it('--read-only shows the plan and sends no mutating request (moto request log)', async () => {
    await seedUser(peer.clients.iam);
    peer.moto.clearRecording();
    const run = await contain([
      'KeyHunter',
      '--action',
      'deactivate-keys,quarantine,delete-user',
      '--read-only',
      '--yes',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /read-only: \d+ call\(s\) not made \(--read-only refuses every mutating call\)\./,
    );
    const sent = peer.moto.recordedActions();
    expect(sent).toContain('GetUser');
    expect(sent.filter((action) => !/^(Get|List)/.test(action))).toEqual([]);
    expect(await statuses()).toEqual(['Active', 'Active']);
  });

  it('a refused call ends with exit 1 and one line naming the call, the principal and the missing permission', async () => {
    await seedUser(peer.clients.iam);
    await peer.clients.iam.send(new CreateUserCommand({ UserName: 'reader' }));
    await peer.clients.iam.send(
      new AttachUserPolicyCommand({
        UserName: 'reader',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    const { AccessKey } = await peer.clients.iam.send(
      new CreateAccessKeyCommand({ UserName: 'reader' }),
    );
    await peer.moto.auth(0);
    try {
      const run = await contain(['KeyHunter', '--action', 'deactivate-keys', '--yes'], {
        AWS_ACCESS_KEY_ID: AccessKey!.AccessKeyId!,
        AWS_SECRET_ACCESS_KEY: AccessKey!.SecretAccessKey!,
      });
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines[0]).toMatch(
        /^trailhound: iam:UpdateAccessKey in us-east-1: access denied: arn:aws:iam::123456789012:user\/reader is not allowed iam:UpdateAccessKey\. Grant iam:UpdateAccessKey/,
      );
      expect(run.stderr).not.toContain(AccessKey!.SecretAccessKey!);
    } finally {
      await peer.moto.auth('off');
    }
    expect(await statuses()).toEqual(['Active', 'Active']);
  });
});

describe('trailhound contain without AWS', () => {
  it('a usage error is one line and exit 2', async () => {
    const run = await runCli(['contain', 'KeyHunter', '--action', 'nuke']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^trailhound: unknown action "nuke": use preserve, deactivate-keys, .*\n$/,
    );
  });

  it.each([
    [[], 'contain needs one PRINCIPAL'],
    [['KeyHunter'], 'contain needs --action'],
    [['a/b/c', '--action', 'quarantine'], 'not a principal contain can act on'],
    [
      ['KeyHunter', '--action', 'create-trail'],
      'create-trail needs --trail-name NAME and --bucket BUCKET',
    ],
    [
      ['KeyHunter', '--action', 'quarantine', '--endpoint-url', 'ftp://x'],
      '--endpoint-url must be',
    ],
    [['KeyHunter', '--action', 'quarantine', '--live'], "Unknown option '--live'"],
  ])('%j is refused', (args, message) => {
    expect(() => parseContainArgs(args)).toThrow(message);
  });

  it('prints names from IAM with terminal controls escaped', () => {
    const text = planText(
      [
        {
          action: 'quarantine',
          target: { kind: 'user', name: 'evil\x1b]0;pwned\x07' },
          calls: [],
          destructive: false,
          mutating: true,
          notes: ['the quarantine policy is already attached\u202e'],
          checks: [],
        },
      ],
      'arn:aws:iam::123456789012:user/responder',
    );
    expect(text).not.toMatch(/[\x1b\x07\u202e]/);
    expect(text).toContain('Plan for user evil\\x1b]0;pwned\\x07, as');
    expect(text).toContain('note: the quarantine policy is already attached\\u202e');
  });

  it('parses the actions, keys and connection flags', () => {
    expect(
      parseContainArgs([
        'role/backdoor',
        '--action',
        'preserve,quarantine, revoke-sessions',
        '--profile',
        'ir',
        '--keys',
        'AKIA1,AKIA2',
      ]),
    ).toMatchObject({
      target: { kind: 'role', name: 'backdoor' },
      actions: ['quarantine', 'revoke-sessions'],
      preserve: true,
      keyIds: ['AKIA1', 'AKIA2'],
      profile: 'ir',
      dryRun: false,
      yes: false,
    });
  });

  it('on a terminal, a deletion is confirmed only by typing the name; anything else by y', async () => {
    const ask = async (answer: string, destructive: boolean) => {
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      const prompt = new PassThrough();
      let asked = '';
      prompt.on('data', (chunk: Buffer) => (asked += chunk.toString()));
      const pending = confirmPlan(
        stdin,
        prompt,
        { kind: 'user', name: 'KeyHunter' },
        destructive,
        3,
      );
      stdin.end(`${answer}\n`);
      return { confirmed: await pending, asked };
    };
    expect(await ask('KeyHunter', true)).toEqual({
      confirmed: true,
      asked: "This deletes. Type the user's name (KeyHunter) to run 3 call(s): ",
    });
    expect((await ask('y', true)).confirmed).toBe(false);
    expect((await ask('keyhunter', true)).confirmed).toBe(false);
    expect(await ask('y', false)).toEqual({
      confirmed: true,
      asked: 'Run these 3 call(s)? [y/N] ',
    });
    expect((await ask('', false)).confirmed).toBe(false);
  });
});
