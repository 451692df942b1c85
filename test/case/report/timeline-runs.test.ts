import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../source/case/report/index.js';
import { timelineRuns } from '../../../source/case/report/timeline-runs.js';

const CHAIN = 'Console login, then discovery, then data access';
const PROBING = 'Burst of AccessDenied errors (permission probing)';

function entry(
  second: number,
  eventName: string,
  extra: Partial<TimelineEntry> = {},
): TimelineEntry {
  return {
    eventId: `e${second}-${eventName}`,
    time: new Date(Date.parse('2025-03-13T14:00:00Z') + second * 1000).toISOString(),
    principal: 'KeyHunter',
    sourceIp: '102.88.109.159',
    eventName,
    outcome: 'ok',
    userAgent: '',
    resources: [],
    pinned: false,
    findingTitles: [],
    note: '',
    ...extra,
  };
}

const sizes = (timeline: TimelineEntry[]) =>
  timelineRuns(timeline).map((run) => run.entries.length);

describe('runs of like events', () => {
  it('keeps a short story of different calls row by row, even when one finding cites them all', () => {
    const story = ['ListBuckets', 'GetBucketLocation', 'ListObjects', 'GetObject'].map((name, i) =>
      entry(i * 30, name, { findingTitles: [CHAIN] }),
    );
    expect(sizes(story)).toEqual([1, 1, 1, 1]);
  });

  it('folds a burst one finding cites, whatever the calls', () => {
    const burst = Array.from({ length: 9 }, (_, i) =>
      entry(i * 2, ['ListUsers', 'GetAccountSummary', 'DescribeInstances'][i % 3]!, {
        findingTitles: [PROBING],
        outcome: 'AccessDenied',
      }),
    );
    expect(sizes(burst)).toEqual([9]);
  });

  it('folds four or more of one kind of call', () => {
    const lists = ['ListUsers', 'ListRoles', 'ListPolicies', 'ListGroups'].map((name, i) =>
      entry(i, name),
    );
    expect(sizes(lists)).toEqual([4]);
    expect(sizes(lists.slice(0, 3))).toEqual([1, 1, 1]);
  });

  it('breaks a run at another principal, another address, a gap, a pin or a note', () => {
    const lists = (offset: number, extra: Partial<TimelineEntry> = {}) =>
      Array.from({ length: 4 }, (_, i) => entry(offset + i, 'ListUsers', extra));
    expect(sizes([...lists(0), ...lists(10, { principal: 'ops-admin/KeyHunter' })])).toEqual([
      4, 4,
    ]);
    expect(sizes([...lists(0), ...lists(10, { sourceIp: '192.0.2.1' })])).toEqual([4, 4]);
    expect(sizes([...lists(0), ...lists(3600)])).toEqual([4, 4]);
    const pinned = lists(0);
    pinned[1] = { ...pinned[1]!, pinned: true };
    expect(sizes(pinned)).toEqual([1, 1, 1, 1]);
    const noted = [...lists(0), ...lists(4)];
    noted[4] = { ...noted[4]!, note: 'the key' };
    expect(sizes(noted)).toEqual([4, 1, 1, 1, 1]);
  });
});
