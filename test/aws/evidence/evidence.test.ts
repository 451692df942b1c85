import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EvidenceFolder,
  isPreserved,
  preserveCall,
  preserveFunction,
  preservePrincipal,
  preserveTarget,
} from '../../../source/aws/evidence/index.js';
import { describeWithMoto, useMoto } from '../../helpers/moto.js';
import { INLINE_DOCUMENT, seedUser } from '../contain/seed.js';

const mode = (path: string) => statSync(path).mode & 0o777;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-evidence-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function lambdaZip(body: string): Uint8Array {
  return execFileSync('python3', [
    '-c',
    `import io,zipfile,sys; b=io.BytesIO(); z=zipfile.ZipFile(b,'w'); z.writestr('index.py',${JSON.stringify(body)}); z.close(); sys.stdout.buffer.write(b.getvalue())`,
  ]);
}

describeWithMoto('evidence preservation against moto', () => {
  const peer = useMoto();

  it("writes a user's IAM state (documents decoded) owner-only, listed with its SHA-256; deleting is detectable as unpreserved until then", async () => {
    await seedUser(peer.clients.iam);
    const root = join(tempDir(), 'case.evidence');
    const target = { kind: 'user', name: 'KeyHunter' } as const;
    expect(isPreserved(root, target)).toBe(false);
    const folder = new EvidenceFolder(root, () => new Date('2026-12-04T12:00:00Z'));
    const file = await preservePrincipal(peer.clients.iam, target, folder, {
      by: 'arn:aws:iam::123456789012:user/responder',
    });

    expect(file).toMatchObject({
      subject: 'user:KeyHunter',
      what: 'IAM state of user KeyHunter',
      at: '2026-12-04T12:00:00.000Z',
    });
    const path = join(root, file.path);
    const bytes = readFileSync(path);
    expect(file.sha256).toBe(sha(bytes));
    expect(file.bytes).toBe(bytes.length);
    expect(mode(root)).toBe(0o700);
    expect(mode(join(root, 'iam'))).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    expect(mode(join(root, 'manifest.json'))).toBe(0o600);
    const saved = JSON.parse(bytes.toString('utf8'));
    expect(saved.preservedBy).toBe('arn:aws:iam::123456789012:user/responder');
    expect(saved.inventory.inlinePolicies[0].document).toEqual(INLINE_DOCUMENT);
    expect(saved.inventory.accessKeys).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'))).toEqual([file]);

    expect(isPreserved(root, target)).toBe(true);
    expect(isPreserved(root, { kind: 'user', name: 'Other' })).toBe(false);
    // A preserved file changed afterwards no longer counts.
    writeFileSync(path, '{}');
    expect(isPreserved(root, target)).toBe(false);
  });

  it('preserving a user that does not exist says so', async () => {
    const folder = new EvidenceFolder(tempDir());
    await expect(
      preservePrincipal(peer.clients.iam, { kind: 'user', name: 'nobody' }, folder),
    ).rejects.toThrow('no user named nobody to preserve');
  });

  it("writes every version's configuration of a Lambda function from moto (code fetched through the given downloader)", async () => {
    const { Role } = await peer.clients.iam.send(
      new CreateRoleCommand({ RoleName: 'exec', AssumeRolePolicyDocument: '{}' }),
    );
    const lambda = peer.clients.lambda;
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'exfil',
        Runtime: 'python3.12',
        Role: Role!.Arn!,
        Handler: 'index.handler',
        Code: { ZipFile: lambdaZip('v1') },
        Publish: true,
      }),
    );
    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'exfil',
        ZipFile: lambdaZip('v2'),
        Publish: true,
      }),
    );
    const root = tempDir();
    const asked: string[] = [];
    // moto's Code.Location names real S3: the test must not go there.
    const files = await preserveFunction(lambda, 'exfil', new EvidenceFolder(root), {
      download: async (url) => {
        asked.push(url);
        return new TextEncoder().encode(`code from ${new URL(url).hostname}`);
      },
    });
    expect(files.map((f) => f.path)).toEqual([
      'lambda/exfil/LATEST/configuration.json',
      'lambda/exfil/LATEST/code.zip',
      'lambda/exfil/1/configuration.json',
      'lambda/exfil/1/code.zip',
      'lambda/exfil/2/configuration.json',
      'lambda/exfil/2/code.zip',
    ]);
    expect(asked).toHaveLength(3);
    const config = JSON.parse(
      readFileSync(join(root, 'lambda/exfil/1/configuration.json'), 'utf8'),
    );
    expect(config.Configuration).toMatchObject({
      FunctionName: 'exfil',
      Version: '1',
      Handler: 'index.handler',
    });
    expect(isPreserved(root, { kind: 'function', name: 'exfil' })).toBe(true);
  });
});

describe('Lambda code download (aws-sdk-client-mock, code served over local HTTP)', () => {
  let server: Server;
  let base = '';
  const code = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url?.startsWith('/code/exfil-1?')) {
        response.writeHead(200, { 'content-type': 'application/zip' });
        response.end(code);
      } else {
        response.writeHead(403);
        response.end('AccessDenied');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads each version from its presigned location with fetch, and keeps the signature out of the saved configuration', async () => {
    const lambda = new LambdaClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' },
    });
    const mock = mockClient(lambda);
    mock
      .on(ListVersionsByFunctionCommand)
      .resolvesOnce({ Versions: [{ Version: '1' }], NextMarker: 'm1' })
      .resolvesOnce({ Versions: [{ Version: '2' }] });
    const token = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN';
    mock.on(GetFunctionCommand, { Qualifier: '1' }).resolves({
      Configuration: { FunctionName: 'exfil', Version: '1' },
      Code: {
        RepositoryType: 'S3',
        Location: `${base}/code/exfil-1?X-Amz-Security-Token=${token}&X-Amz-Signature=abc`,
      },
    });
    mock.on(GetFunctionCommand, { Qualifier: '2' }).resolves({
      Configuration: { FunctionName: 'exfil', Version: '2' },
      Code: { RepositoryType: 'S3', Location: `${base}/code/expired?X-Amz-Signature=old` },
    });
    const root = tempDir();
    const folder = new EvidenceFolder(root);
    // Version 2's link has expired: the error says so, version 1 is already safe on disk.
    await expect(preserveFunction(lambda, 'exfil', folder)).rejects.toThrow(
      'code download answered HTTP 403',
    );
    const saved = readFileSync(join(root, 'lambda/exfil/1/code.zip'));
    expect(new Uint8Array(saved)).toEqual(code);
    const config = readFileSync(join(root, 'lambda/exfil/1/configuration.json'), 'utf8');
    expect(config).not.toContain(token);
    expect(JSON.parse(config).Code.Location).toBe(`${base}/code/exfil-1`);
    const manifest = folder.manifest();
    expect(manifest.find((f) => f.path === 'lambda/exfil/1/code.zip')).toMatchObject({
      sha256: sha(code),
      bytes: code.length,
    });
    expect(
      mock.commandCalls(ListVersionsByFunctionCommand).map((c) => c.args[0].input.Marker),
    ).toEqual([undefined, 'm1']);
    mock.restore();
  });

  it('a role whose state cannot be read fails under iam:GetRole and writes nothing', async () => {
    const iam = new IAMClient({ region: 'us-east-1' });
    const lambda = new LambdaClient({ region: 'us-east-1' });
    const mock = mockClient(iam);
    const denied = Object.assign(new Error('not authorized to perform iam:GetRole'), {
      name: 'AccessDenied',
    });
    mock.on(GetRoleCommand).rejects(denied);
    const root = join(tempDir(), 'case.evidence');
    const target = { kind: 'role', name: 'rogue-admin' } as const;
    await expect(
      preserveTarget({ iam, lambda }, target, new EvidenceFolder(root), 'responder'),
    ).rejects.toThrow('not authorized to perform iam:GetRole');
    expect(preserveCall(target)).toBe('iam:GetRole');
    expect(preserveCall({ kind: 'user' })).toBe('iam:GetUser');
    expect(preserveCall({ kind: 'function' })).toBe('lambda:GetFunction');
    expect(isPreserved(root, target)).toBe(false);
    mock.restore();
  });

  it('refuses a path that would leave the folder', () => {
    const folder = new EvidenceFolder(tempDir());
    expect(() => folder.write('../outside.json', '{}', 'x', 'user:x')).toThrow(
      'evidence path leaves the folder',
    );
  });
});
