import { describe, expect, it } from 'vitest';
import { parseCli } from '../../source/cli/args.js';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { runCli } from '../helpers/cli.js';

const HOUR = 3_600_000;
const TRAIL_END = Date.parse('2025-03-14T23:47:06Z');

interface Row {
  eventTime: string;
  userIdentity: { userName?: string };
}

async function events(...args: string[]): Promise<Row[]> {
  const run = await runCli(['events', DEMO_DATA_FILE, '--format', 'jsonl', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
}

describe('relative times in --filter count back from the trail’s newest event', () => {
  it('after:2d finds KeyHunter in the demo (read today, on the clock, it found nothing)', async () => {
    const rows = await events('--filter', 'user:KeyHunter after:2d');
    expect(rows.length).toBeGreaterThan(20);
    expect(new Set(rows.map((row) => row.userIdentity.userName))).toEqual(new Set(['KeyHunter']));
    expect(rows[0]!.eventTime).toBe('2025-03-13T14:02:11Z');
  });

  it('after:12h is the trail’s last twelve hours', async () => {
    const times = (await events('--filter', 'after:12h')).map((row) => Date.parse(row.eventTime));
    expect(times.length).toBeGreaterThan(100);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(TRAIL_END - 12 * HOUR);
    expect(Math.max(...times)).toBe(TRAIL_END);
  });

  it('stats counts the same window', async () => {
    const run = await runCli(['stats', DEMO_DATA_FILE, '--filter', 'after:12h']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^events: 3313 \((\d+) match the filter\)$/m);
    expect(Number(/\((\d+) match/.exec(run.stdout)![1])).toBeGreaterThan(100);
    // And says what it counted from.
    expect(run.stdout).toContain(
      'now (after:1h counts back from it): 2025-03-14T23:47:06.000Z, the newest event\n',
    );
  });

  it('stats --format json names now and where it came from', async () => {
    const trail = await runCli(['stats', DEMO_DATA_FILE, '--format', 'json']);
    expect(JSON.parse(trail.stdout).now).toEqual({
      at: '2025-03-14T23:47:06.000Z',
      basis: 'trail',
    });
    const given = await runCli([
      'stats',
      DEMO_DATA_FILE,
      '--format',
      'json',
      '--now',
      '2025-03-13T15:00Z',
    ]);
    expect(JSON.parse(given.stdout).now).toEqual({
      at: '2025-03-13T15:00:00.000Z',
      basis: 'given',
    });
  });
});

describe('--now T overrides the trail’s end', () => {
  it('user:KeyHunter after:1h before 15:00 on the 13th is his last hour of activity', async () => {
    const rows = await events('--now', '2025-03-13T15:00Z', '--filter', 'user:KeyHunter after:1h');
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(
        row.eventTime >= '2025-03-13T14:00:00Z' && row.eventTime <= '2025-03-13T15:00:00Z',
      ).toBe(true);
    }
  });

  it('takes an absolute time only, and only where a trail is read', async () => {
    const relative = await runCli(['events', DEMO_DATA_FILE, '--now', '7d']);
    expect(relative.code).toBe(2);
    expect(relative.stderr).toContain('--now takes a UTC time like 2025-03-14T23:47Z');
    expect(() => parseCli(['report', '--case', 'x.json', '--now', '2025-03-14T00:00Z'])).toThrow(
      '--now applies to the TUI, events, stats, findings and principal',
    );
    expect(parseCli(['--now', '2025-03-14T12:00Z']).now).toBe(Date.parse('2025-03-14T12:00:00Z'));
  });

  it('under --live, --since counts back from --now instead of the clock', () => {
    const options = parseCli(['events', '--live', '--since', '2h', '--now', '2025-03-14T12:00Z']);
    expect(options.live?.since).toBe(Date.parse('2025-03-14T10:00:00Z'));
    const clock = parseCli(['events', '--live', '--since', '2h']);
    expect(Math.abs(clock.live!.since - (Date.now() - 2 * HOUR))).toBeLessThan(60_000);
  });
});
