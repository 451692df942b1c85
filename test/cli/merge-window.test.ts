import { describe, expect, it } from 'vitest';
import {
  gapLine,
  liveStartAfterFiles,
  MERGE_OVERLAP_MS,
  mergeLine,
} from '../../source/cli/merge-live.js';
import { RETENTION_MS } from '../../source/ingest/live/index.js';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-08T12:00:00Z');

/** An index of events at these times (only what the window reads of it). */
function indexOf(times: number[]) {
  const order = Uint32Array.from(times.map((_, i) => i).sort((a, b) => times[a]! - times[b]!));
  return { order: () => order, time: (row: number) => times[row]! };
}

describe('where the live part of a merge starts', () => {
  it('at the files’ newest event less the late-delivery overlap; the default week does not cut it', () => {
    const end = now - 3 * 24 * HOUR;
    const start = liveStartAfterFiles(
      indexOf([end - HOUR, end]),
      { since: now - 2 * 24 * HOUR },
      now,
    );
    expect(start).toEqual({ since: end - MERGE_OVERLAP_MS, filesEnd: end, gapUntil: undefined });
    expect(MERGE_OVERLAP_MS).toBe(15 * 60_000);
  });

  it('--since given is a floor: the later of it and the files’ end', () => {
    const end = now - 3 * 24 * HOUR;
    const index = indexOf([end]);
    expect(liveStartAfterFiles(index, { since: now - HOUR, sinceGiven: true }, now).since).toBe(
      now - HOUR,
    );
    expect(
      liveStartAfterFiles(index, { since: now - 5 * 24 * HOUR, sinceGiven: true }, now).since,
    ).toBe(end - MERGE_OVERLAP_MS);
  });

  it('a forged event after the clock is not the files’ end', () => {
    const end = now - 2 * HOUR;
    const start = liveStartAfterFiles(
      indexOf([end, Date.parse('2099-01-01T00:00:00Z')]),
      { since: 0 },
      now,
    );
    expect(start.since).toBe(end - MERGE_OVERLAP_MS);
  });

  it('files with no event leave the window as --live has it', () => {
    expect(liveStartAfterFiles(indexOf([]), { since: now - HOUR }, now)).toEqual({
      since: now - HOUR,
      filesEnd: undefined,
      gapUntil: undefined,
    });
  });

  it('files older than LookupEvents keeps: the gap is said', () => {
    const end = now - RETENTION_MS - 10 * 24 * HOUR;
    const start = liveStartAfterFiles(indexOf([end]), { since: 0 }, now);
    expect(start.gapUntil).toBe(now - RETENTION_MS);
    expect(gapLine(start)).toBe(
      'the files end 2026-08-30T12:00Z and LookupEvents keeps 90 days: nothing from then to 2026-09-09T12:00Z was read',
    );
  });

  it('the line says how much came from each, the regions and from when', () => {
    const end = Date.parse('2026-12-08T11:00:00Z');
    const start = liveStartAfterFiles(indexOf([end]), { since: 0 }, now);
    expect(
      mergeLine({
        fromFiles: 1204,
        fromLive: 37,
        inBoth: 12,
        regions: ['us-east-1', 'eu-west-1'],
        start,
      }),
    ).toBe(
      '1,204 events from files · 37 from LookupEvents (eu-west-1, us-east-1) after 2026-12-08T10:45Z · 12 in both, kept once',
    );
  });
});
