/**
 * moto's IAM/Lambda/CloudTrail server as a test peer: started once per test file on 127.0.0.1
 * with a port of its choosing, reset between tests, stopped by its PID. The tests run the real
 * SDK against it, then read moto's state back.
 *
 * When moto is not installed, `describeWithMoto` skips the suite LOUDLY (a console warning and
 * the reason in the suite's name), never silently.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { ContainClients } from '../../source/aws/contain/clients.js';

export const MOTO_ACCOUNT = '123456789012';
/** The Python that runs moto; TRAILHOUND_MOTO_PYTHON picks another (or a missing one, to see the skip). */
const PYTHON = process.env['TRAILHOUND_MOTO_PYTHON'] ?? 'python3';
export const TEST_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Why moto cannot be used here, or undefined when it can. */
export function motoMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import moto.server, flask, werkzeug'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (probe.error) return `${PYTHON} is not runnable (${probe.error.message})`;
  if (probe.status !== 0)
    return `moto[server] not importable: ${probe.stderr.trim().split('\n').at(-1)}`;
  return undefined;
}

/** `describe`, or a loud skip naming why moto is not there. */
export function describeWithMoto(name: string, body: () => void): void {
  const missing = motoMissing();
  if (missing) {
    console.warn(
      `\n!!! SKIPPED "${name}": moto is required for these tests and ${missing}. Install it: pip install 'moto[server]'\n`,
    );
    describe.skip(`${name} [SKIPPED: ${missing}]`, body);
    return;
  }
  describe(name, body);
}

export interface Moto {
  endpoint: string;
  pid: number;
  /** Where moto records requests (MOTO_ENABLE_RECORDING). */
  recordingFile: string;
  reset(): Promise<void>;
  /** moto's auth mode: `0` checks every request's key and policies; `off` checks none. */
  auth(mode: 0 | 'off'): Promise<void>;
  /** Requests moto received since the last reset, as `Action` names (query protocol) or targets. */
  recordedActions(): string[];
  clearRecording(): void;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /**
   * AWS's managed policies loaded into IAM (default true: the quarantine policies). moto loads
   * them into every account's IAM on first use, seconds each: a test of many accounts that
   * attaches no managed policy turns it off.
   */
  managedPolicies?: boolean;
}

export async function startMoto(options: MotoOptions = {}): Promise<Moto> {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-moto-'));
  const recordingFile = join(dir, 'recording.jsonl');
  writeFileSync(recordingFile, '');
  const child: ChildProcess = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    env: {
      ...process.env,
      MOTO_IAM_LOAD_MANAGED_POLICIES: options.managedPolicies === false ? 'false' : 'true',
      MOTO_ENABLE_RECORDING: 'True',
      MOTO_RECORDER_FILEPATH: recordingFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`moto did not start: ${seen}`)), 30_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    // werkzeug logs to stderr; both streams are drained for the server's whole life.
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`moto exited with ${code}: ${seen}`)));
  });
  // A server that dies mid-file (killed from outside, crashed) would fail every later test with
  // a bare ECONNREFUSED; say once, loudly, what happened.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `\n!!! moto (pid ${child.pid}) at ${endpoint} exited during the tests (code ${code}, signal ${signal}): later tests in this file will fail to connect\n`,
      );
    }
  });
  const post = async (path: string, body?: string) => {
    const response = await fetch(`${endpoint}${path}`, {
      method: 'POST',
      ...(body === undefined ? {} : { body }),
    });
    if (!response.ok) throw new Error(`moto ${path}: ${response.status}`);
  };
  return {
    endpoint,
    pid: child.pid ?? 0,
    recordingFile,
    reset: async () => {
      await post('/moto-api/reset-auth', 'inf');
      await post('/moto-api/reset');
      writeFileSync(recordingFile, '');
    },
    auth: (mode) => post('/moto-api/reset-auth', mode === 0 ? '0' : 'inf'),
    recordedActions: () => recordedActions(recordingFile),
    clearRecording: () => writeFileSync(recordingFile, ''),
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function recordedActions(file: string): string[] {
  const actions: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as {
      url: string;
      body?: string;
      body_encoded?: boolean;
      headers: Record<string, string>;
      method: string;
    };
    if (entry.url.includes('/moto-api/')) continue;
    const body = entry.body_encoded
      ? Buffer.from(entry.body ?? '', 'base64').toString('utf8')
      : (entry.body ?? '');
    const action = /(?:^|&)Action=([A-Za-z0-9]+)/.exec(body)?.[1];
    const target = entry.headers['X-Amz-Target'] ?? entry.headers['x-amz-target'];
    actions.push(
      action ?? target?.split('.').at(-1) ?? `${entry.method} ${new URL(entry.url).pathname}`,
    );
  }
  return actions;
}

/**
 * Keeps the SDK in this process away from real AWS and real credentials: instance metadata off,
 * empty temporary config files, fake keys. Returns a restore function for afterAll.
 */
export function isolateAws(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-aws-env-'));
  writeFileSync(join(dir, 'config'), '[default]\nregion = us-east-1\n');
  writeFileSync(
    join(dir, 'credentials'),
    `[default]\naws_access_key_id = ${TEST_KEY}\naws_secret_access_key = ${TEST_SECRET}\n`,
  );
  const saved = { ...process.env };
  for (const name of Object.keys(process.env))
    if (name.startsWith('AWS_')) delete process.env[name];
  Object.assign(process.env, {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_ACCESS_KEY_ID: TEST_KEY,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET,
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  return () => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * The hooks every moto test file needs: the AWS environment isolated and moto started once for
 * the file, reset before each test, stopped (and the environment restored) after. Read
 * `moto` and `clients` inside tests (they exist from the file's beforeAll on).
 */
export function useMoto(options: MotoOptions = {}): {
  readonly moto: Moto;
  readonly clients: ContainClients;
} {
  let moto: Moto | undefined;
  let clients: ContainClients | undefined;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    restore = isolateAws();
    moto = await startMoto(options);
    clients = motoClients(moto);
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
    restore?.();
  });
  beforeEach(async () => {
    await moto!.reset();
  });
  return {
    get moto() {
      return moto!;
    },
    get clients() {
      return clients!;
    },
  };
}

/** Clients pointed at moto, signing with the given (default: fake) key. */
export function motoClients(
  moto: Moto,
  credentials = { accessKeyId: TEST_KEY, secretAccessKey: TEST_SECRET },
): ContainClients {
  const config = { region: 'us-east-1', endpoint: moto.endpoint, credentials, maxAttempts: 1 };
  return {
    iam: new IAMClient(config),
    lambda: new LambdaClient(config),
    cloudtrail: new CloudTrailClient(config),
  };
}

/** A self-signed certificate moto accepts as a signing certificate (openssl), or undefined. */
export function selfSignedCertificate(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-cert-'));
  try {
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=trailhound-test',
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    return made.status === 0 ? readFileSync(join(dir, 'cert.pem'), 'utf8') : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
