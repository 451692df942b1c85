/**
 * The TUI on an `s3://` SOURCE at 80x24 in a real terminal, against moto's S3: the plan said
 * before the screen, the bucket's events on it, the case keeping the bucket with its window, and
 * a reopen of the case (no SOURCE, no flags) reading the cache: no GetObject at all.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithMoto, isolateAws, startMoto, type Moto } from '../helpers/moto.js';
import { runCli } from '../helpers/cli.js';
import { runInPty } from '../helpers/pty.js';
import { motoS3Client, uploadS3Trail, type UploadedTrail } from '../helpers/s3-trail.js';

describeWithMoto('the TUI on s3://bucket', () => {
  let moto: Moto;
  let restore: () => void;
  let dir: string;
  let trail: UploadedTrail;

  beforeAll(async () => {
    restore = isolateAws();
    moto = await startMoto();
    dir = mkdtempSync(join(tmpdir(), 'trailhound-s3-tui-'));
    const client = motoS3Client(moto.endpoint);
    trail = await uploadS3Trail(client, {
      bucket: 'trail-bucket',
      days: 1,
      objectsPerDay: 3,
      eventsPerObject: 2,
      start: '2024-03-01T00:00:00Z',
    });
    client.destroy();
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
    restore?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** GetObject calls moto recorded: a GET of a key, not of the bucket (a listing). */
  const getObjects = () =>
    moto.recordedActions().filter((action) => /^GET \/trail-bucket\/.+/.test(action)).length;

  it('plan, rows, the case keeps the bucket with its window; reopening reads the cache', async () => {
    const casePath = join(dir, 'case.json');
    const env = { XDG_CACHE_HOME: join(dir, 'cache'), XDG_STATE_HOME: join(dir, 'state') };
    const events = `${trail.events} events`;
    moto.clearRecording();
    const first = runInPty(
      [
        '--case',
        casePath,
        's3://trail-bucket',
        '--endpoint-url',
        moto.endpoint,
        '--since',
        '2024-03-01T00:00:00Z',
        '--until',
        '2024-03-02T00:00:00Z',
      ],
      { keys: 'q', waitFor: events, settle: 40, limit: 20, columns: 80, rows: 24, env },
    );
    expect(first.output).toMatch(/trailhound: s3:\/\/trail-bucket: \d+ prefix(es)? · 3 objects/);
    expect(first.output).toContain(events);
    expect(first.output).toContain('s3://trail-bucket');
    expect(first.code).toBe(0);
    expect(getObjects()).toBe(3);
    const kept = JSON.parse(readFileSync(casePath, 'utf8')) as {
      sources: { kind: string; value: string }[];
    };
    expect(kept.sources).toEqual([
      {
        kind: 's3',
        value: `s3://trail-bucket?since=2024-03-01T00%3A00%3A00.000Z&until=2024-03-02T00%3A00%3A00.000Z&endpoint=${encodeURIComponent(moto.endpoint)}`,
      },
    ]);

    moto.clearRecording();
    const reopened = runInPty(['--case', casePath], {
      keys: 'q',
      waitFor: events,
      settle: 40,
      limit: 20,
      columns: 80,
      rows: 24,
      env,
    });
    expect(reopened.output).toContain(events);
    expect(reopened.output).toContain('reopened case');
    expect(reopened.code).toBe(0);
    expect(getObjects()).toBe(0);

    // The report reads the case's bucket as the TUI does: from the cache, nothing fetched.
    moto.clearRecording();
    const report = await runCli(['report', '--case', casePath, '--format', 'json'], { env });
    expect(report.stderr).not.toContain('sources are gone');
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toBeTypeOf('object');
    expect(getObjects()).toBe(0);

    // A big pull (the bound moved for the test) is asked about on the terminal; y goes on, and
    // the screen takes the keys after the answer.
    moto.clearRecording();
    const asked = runInPty(
      [
        's3://trail-bucket',
        '--endpoint-url',
        moto.endpoint,
        '--since',
        '2024-03-01T00:00:00Z',
        '--until',
        '2024-03-02T00:00:00Z',
      ],
      {
        keys: 'y\r',
        waitFor: 'continue? [y/N]',
        keysDone: events,
        settle: 40,
        limit: 1,
        columns: 80,
        rows: 24,
        env: { ...env, XDG_CACHE_HOME: join(dir, 'cold'), TRAILHOUND_BIG_PULL_GETS: '1' },
      },
    );
    expect(asked.output).toMatch(
      /s3:\/\/trail-bucket: \d+ prefix(es)? · 3 objects · .* — continue\? \[y\/N\]/,
    );
    expect(asked.output).toContain(events);
    expect(getObjects()).toBe(3);
  }, 180_000);
});
