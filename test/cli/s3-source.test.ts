/**
 * `s3://` SOURCEs from argv to stdout, against moto's S3 through the counting proxy: every event
 * printed, the counts, the plan line, --yes refused without a terminal, a second run from the
 * cache (0 GetObject).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeWithMoto, isolateAws, startMoto, type Moto } from '../helpers/moto.js';
import { startS3Proxy, type S3Proxy } from '../helpers/s3-proxy.js';
import { motoS3Client, uploadS3Trail, type UploadedTrail } from '../helpers/s3-trail.js';

const WINDOW = ['--since', '2024-03-01T00:00:00Z', '--until', '2024-03-03T00:00:00Z'];

describeWithMoto('trailhound events|stats s3://bucket', () => {
  let moto: Moto;
  let proxy: S3Proxy;
  let restore: () => void;
  let dir: string;
  let trail: UploadedTrail;
  const cache = () => ({ XDG_CACHE_HOME: join(dir, 'cache') });

  beforeAll(async () => {
    restore = isolateAws();
    moto = await startMoto();
    proxy = await startS3Proxy(moto.endpoint);
    dir = mkdtempSync(join(tmpdir(), 'trailhound-s3-cli-'));
    const client = motoS3Client(moto.endpoint);
    // Two accounts, two regions, two days, two objects a day of three events: 16 objects.
    trail = await uploadS3Trail(client, {
      bucket: 'trail-bucket',
      accounts: ['111122223333', '444455556666'],
      regions: ['us-east-1', 'eu-west-1'],
      days: 2,
      objectsPerDay: 2,
      eventsPerObject: 3,
      start: '2024-03-01T00:00:00Z',
    });
    client.destroy();
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
    restore?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const s3 = (args: string[], env: NodeJS.ProcessEnv = cache()) =>
    runCli([...args, '--endpoint-url', proxy.endpoint, ...WINDOW], { env });

  it('a big pull is refused without a terminal, goes with --yes, and prints every event once; a second run reads the cache', async () => {
    // A handful of GETs counts as big here: the bound is moved for the test.
    const env = { ...cache(), TRAILHOUND_BIG_PULL_GETS: '4' };
    proxy.clear();
    const refused = await s3(['events', 's3://trail-bucket/'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    // One line: the plan and what to do; nothing fetched.
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^trailhound: s3:\/\/trail-bucket\/: \d+ prefixes · 16 objects · [\d.]+ KB · 16 GET requests: a big pull, and no terminal to ask on; add --yes to go ahead/,
      ),
    ]);
    expect(proxy.count('GetObject')).toBe(0);

    proxy.clear();
    const first = await s3(['events', 's3://trail-bucket', '--yes', '--format', 'jsonl'], env);
    expect(first.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(first.code).toBe(0);
    const ids = first.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { eventID: string }).eventID);
    expect(ids.sort()).toEqual([...trail.eventIds].sort());
    expect(proxy.count('GetObject')).toBe(trail.objects.length);
    const lines = first.stderr.trim().split('\n');
    // The plan, then (no terminal: plain lines) how the pull went.
    expect(lines[0]).toMatch(
      /^trailhound: s3:\/\/trail-bucket: \d+ prefixes · 16 objects · [\d.]+ KB · 16 GET requests$/,
    );
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^trailhound: s3://trail-bucket: 16 objects, [\\d.]+ KB, ${trail.events} events in \\d+s$`,
      ),
    );

    // Again, from the cache: no GetObject at all, the same counts.
    proxy.clear();
    const again = await s3(['stats', 's3://trail-bucket', '--format', 'json'], env);
    expect(again.code).toBe(0);
    expect(proxy.count('GetObject')).toBe(0);
    expect(again.stderr).toContain('0 GET requests (16 cached)');
    expect(again.stderr).toContain('16 objects (16 from the cache)');
    const stats = JSON.parse(again.stdout) as { events: number };
    expect(stats.events).toBe(trail.events);
  }, 90_000);
});
