/**
 * The pull's progress on stderr (a bar redrawn in place on a terminal, plain lines every few
 * seconds otherwise, a closing line) and the plan question (asked on a terminal, --yes, refused
 * without one), with streams of the test's own.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { PullWatch } from '../../source/ingest/index.js';
import type { PullProgress, S3Plan } from '../../source/ingest/s3/types.js';
import { confirmPlan } from '../../source/cli/plan-question.js';
import { PLAIN_EVERY_MS, pullMeter } from '../../source/cli/pull-meter.js';

function stream(tty: boolean) {
  const out = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  out.isTTY = tty;
  out.columns = 80;
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { out, text: () => text };
}

function fakePull(): { pull: PullWatch; report: (p: Partial<PullProgress>) => void } {
  const listeners = new Set<(p: PullProgress) => void>();
  let latest: PullProgress | undefined;
  const base: PullProgress = {
    prefixes: 412,
    objectsTotal: 52_310,
    objectsDone: 0,
    bytesTotal: 6.1e9,
    bytesDone: 0,
    fromCache: 0,
    retries: 0,
    slowDowns: 0,
    inFlight: 16,
    startedAt: 0,
    done: false,
  };
  return {
    pull: {
      shown: 's3://trail-bucket',
      plan: {} as S3Plan,
      latest: () => latest,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      stop: () => undefined,
      stopped: false,
    },
    report: (change) => {
      latest = { ...base, ...latest, ...change };
      for (const listener of listeners) listener(latest);
    },
  };
}

describe('the pull on stderr', () => {
  it('a bar redrawn in place on a terminal, then the closing line', () => {
    const err = stream(true);
    let now = 0;
    const { pull, report } = fakePull();
    const meter = pullMeter([pull], err.out, () => now);
    now = 10_000;
    report({ objectsDone: 13_000, bytesDone: 1.5e9 });
    meter.onLoad({
      filesTotal: 0,
      filesDone: 0,
      events: 1_300_000,
      malformed: 0,
      failed: 0,
      skipped: 0,
      done: false,
    });
    now = 10_050; // too soon to redraw
    report({ objectsDone: 13_001 });
    now = 20_000;
    report({ objectsDone: 26_000, bytesDone: 3.05e9, fromCache: 100, done: true });
    meter.finish();
    const frames = err.text().split('\r\x1b[K');
    // The events the loader reported show with the next redraw (at 20 s: the 10.05 s report
    // came too soon after the last one to redraw).
    expect(frames).toHaveLength(4);
    expect(frames[2]).toMatch(
      /^\[#{5}-{5}\] 50% 26,000\/52,310 objects · 3\.0 GB\/6\.1 GB · 152\.5 MB\/s · 1,300,0/,
    );
    expect(frames.every((frame) => frame.length <= 80 || frame.includes('\n'))).toBe(true);
    expect(frames.at(-1)).toBe(
      'trailhound: s3://trail-bucket: 26,000 of 52,310 objects (100 from the cache), 3.0 GB, 1,300,000 events in 20s\n',
    );
  });

  it('plain lines every few seconds when stderr is not a terminal', () => {
    const err = stream(false);
    let now = 0;
    const { pull, report } = fakePull();
    const meter = pullMeter([pull], err.out, () => now);
    for (let second = 1; second <= 12; second++) {
      now = second * 1000;
      report({ objectsDone: second * 1000, bytesDone: second * 1e8 });
    }
    meter.finish();
    const lines = err.text().trim().split('\n');
    // At 1 s, 6 s and 11 s (every PLAIN_EVERY_MS), then the closing line; no escapes.
    expect(PLAIN_EVERY_MS).toBe(5000);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'trailhound: s3://trail-bucket: 1,000/52,310 objects · 100.0 MB/6.1 GB · 100.0 MB/s · ETA 1m00s · 0 events · 412 prefixes',
    );
    expect(err.text()).not.toContain('\x1b');
  });
});

describe('the plan question', () => {
  const plan = {
    objects: Array(3000).fill({ key: 'k', size: 1, etag: '"e"' }),
    cached: 0,
    bytes: 3000,
  } as unknown as S3Plan;
  const summary = () => '412 prefixes · 3,000 objects · 3.0 KB · ~3k GET requests';

  it('asks on a terminal and takes y or no', async () => {
    for (const [answer, go] of [
      ['y\n', true],
      ['\n', false],
      ['no\n', false],
    ] as const) {
      const input = stream(true);
      const err = stream(true);
      const asked = confirmPlan(plan, 's3://trail-bucket', {
        stdin: input.out,
        stderr: err.out,
        yes: false,
        summary,
        env: {},
      });
      input.out.write(answer);
      expect(await asked).toBe(go);
      expect(err.text()).toBe(
        'trailhound: s3://trail-bucket: 412 prefixes · 3,000 objects · 3.0 KB · ~3k GET requests — continue? [y/N] ',
      );
    }
  });

  it('--yes and small pulls go without asking; no terminal and no --yes is refused', async () => {
    const err = stream(false);
    const quiet = stream(false);
    expect(
      await confirmPlan(plan, 's3://b', {
        stdin: quiet.out,
        stderr: err.out,
        yes: true,
        summary,
        env: {},
      }),
    ).toBe(true);
    const small = { ...plan, objects: plan.objects.slice(0, 2500) } as S3Plan;
    expect(
      await confirmPlan(small, 's3://b', {
        stdin: quiet.out,
        stderr: err.out,
        yes: false,
        summary,
        env: {},
      }),
    ).toBe(true);
    expect(err.text().split('\n').filter(Boolean)).toHaveLength(2);
    await expect(
      confirmPlan(plan, 's3://b', {
        stdin: quiet.out,
        stderr: err.out,
        yes: false,
        summary,
        env: {},
      }),
    ).rejects.toThrow(/a big pull, and no terminal to ask on; add --yes to go ahead/);
  });
});
