/**
 * `trailhound events --live` against endpoints that misbehave: tokens that go round, an answer
 * that never comes or comes a byte at a time, an answer that is not JSON, and a read longer than
 * the paging budget. Each run is a child process killed at a hard bound: a hang fails the test
 * with a message instead of holding the suite. Every case keeps the events read before it.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpointOptions,
} from '../../source/bench/cloudtrail-endpoint.js';
import { liveRecords } from '../../source/bench/live-records.js';
import { CLI } from '../helpers/cli.js';
import { fakeAwsEnv, type FakeAwsEnv } from './fake-aws-env.js';

let aws: FakeAwsEnv;
beforeAll(() => {
  aws = fakeAwsEnv();
});
afterAll(() => aws.restore());

// 150 events in us-east-1: three honest pages of 50.
const records = liveRecords({ regions: ['us-east-1'], perRegion: 150 });
const newestFirst = records
  .map((record) => Date.parse(String(record['eventTime'])))
  .sort((a, b) => b - a);
/** How the line names the oldest event of the first `count` read (pages come newest first). */
const backTo = (count: number) =>
  `${new Date(newestFirst[count - 1]!).toISOString().slice(0, 16)}Z`;

// Each run ends in ~2 s after a ~1 s start; the bound is for a loaded machine (five at once).
const BOUND_MS = 45_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The CLI against an endpoint misbehaving as told, killed at BOUND_MS. */
async function runAgainst(
  options: CloudTrailEndpointOptions,
  extraArgs: string[],
): Promise<Run & { requests: number }> {
  const endpoint = await startCloudTrailEndpoint({ records, ...options });
  try {
    const run = await new Promise<Run>((resolve, reject) => {
      const env: NodeJS.ProcessEnv = {};
      for (const [name, value] of Object.entries(process.env))
        if (!name.startsWith('AWS_')) env[name] = value;
      const child = spawn(
        process.execPath,
        [
          CLI,
          'events',
          '--live',
          '--endpoint-url',
          endpoint.url,
          '--region',
          'us-east-1',
          '--format',
          'jsonl',
          ...extraArgs,
        ],
        { env: { ...env, ...aws.env }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, BOUND_MS);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, timedOut });
      });
    });
    return { ...run, requests: endpoint.requests.length };
  } finally {
    await endpoint.close();
  }
}

function expectEnded(run: Run): void {
  expect(run.timedOut, `still running after ${BOUND_MS} ms: ${run.stderr}`).toBe(false);
}

const eventCount = (run: Run) => run.stdout.split('\n').filter(Boolean).length;

describe.concurrent('events --live against a hostile endpoint', () => {
  it('NextToken going round A, B, A: stops on the third page, keeps the first', async () => {
    const run = await runAgainst(
      { misbehave: (request) => ({ kind: 'token', token: request.token === 'A' ? 'B' : 'A' }) },
      [],
    );
    expectEnded(run);
    expect(run.requests).toBe(3);
    expect(run.stderr).toBe(
      `trailhound: us-east-1: LookupEvents stopped after 3 pages: the endpoint sent a NextToken it had sent before, which would page forever; 50 events loaded, back to ${backTo(50)}\n`,
    );
    expect(run.code).toBe(0);
    expect(eventCount(run)).toBe(50);
  }, 60_000);

  it('an endpoint that never answers the third page: request timeout, 3 attempts, 100 kept', async () => {
    const run = await runAgainst(
      { misbehave: (_request, served) => (served >= 2 ? { kind: 'silent' } : undefined) },
      ['--limit', 'request-timeout=400ms', '--limit', 'connect-timeout=300ms'],
    );
    expectEnded(run);
    expect(run.stderr).toMatch(
      new RegExp(
        `^trailhound: cloudtrail:LookupEvents in us-east-1: the endpoint 127\\.0\\.0\\.1:\\d+ did not answer within 400 ms \\(request timeout, 3 attempts\\)\\. .*--limit request-timeout=800ms\\. Kept: 100 events loaded, back to ${backTo(100)}\\.\\n$`,
      ),
    );
    expect(run.requests).toBe(2 + 3);
    expect(run.code).toBe(0);
    expect(eventCount(run)).toBe(100);
  }, 60_000);

  it('an answer dripping a byte every 100 ms (never idle long enough for a socket timeout)', async () => {
    const run = await runAgainst(
      {
        misbehave: (_request, served) => (served >= 2 ? { kind: 'drip', everyMs: 100 } : undefined),
      },
      ['--limit', 'request-timeout=600ms'],
    );
    expectEnded(run);
    expect(run.stderr).toContain('cloudtrail:LookupEvents in us-east-1: the endpoint 127.0.0.1:');
    expect(run.stderr).toContain('did not answer within 600 ms (request timeout, 3 attempts)');
    expect(run.stderr).toContain(`Kept: 100 events loaded, back to ${backTo(100)}.`);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(eventCount(run)).toBe(100);
  }, 60_000);

  it('an answer that is not JSON: one plain line, no $response', async () => {
    const run = await runAgainst(
      {
        misbehave: (_request, served) =>
          served >= 2 ? { kind: 'not-json', status: 200 } : undefined,
      },
      [],
    );
    expectEnded(run);
    expect(run.stderr).toBe(
      `trailhound: cloudtrail:LookupEvents in us-east-1: the endpoint answered with something that is not JSON (HTTP 200). Check --endpoint-url (it must be the service's API endpoint) and any proxy in between, then try again. Kept: 100 events loaded, back to ${backTo(100)}.\n`,
    );
    expect(eventCount(run)).toBe(100);
    expect(run.code).toBe(0);
  }, 60_000);

  it('the paging budget: --limit pages=2 stops after two pages, says so, keeps them', async () => {
    const run = await runAgainst({}, ['--limit', 'pages=2']);
    expectEnded(run);
    expect(run.stderr).toBe(
      `trailhound: us-east-1: LookupEvents stopped after 2 pages (the paging budget; --limit pages=N to change it); 100 events loaded, back to ${backTo(100)}\n`,
    );
    expect(run.requests).toBe(2);
    expect(eventCount(run)).toBe(100);
    expect(run.code).toBe(0);
  }, 60_000);
});
