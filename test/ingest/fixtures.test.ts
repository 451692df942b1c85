import { describe, expect, it } from 'vitest';
import { topValues } from '../../source/index/index.js';
import { fixture } from '../helpers/fixtures.js';
import { loadIndex } from '../helpers/load.js';

describe('real CloudTrail fixtures load with their exact counts', () => {
  // awsdocs holds three Insight fragments from the user guide and edge-cases one trimmed Lambda
  // sample, none with an eventTime: they are not events, and are named as malformed.
  it.each([
    ['stratus', 310, 0],
    ['flaws2', 37, 0],
    ['awsdocs', 19, 3],
    ['edge-cases', 2, 1],
  ])('%s has %i events, %i without eventTime, and no failures', async (set, expected, untimed) => {
    const { index, result } = await loadIndex([fixture(set)]);
    expect(index.size).toBe(expected);
    expect(result.reports.filter((r) => r.status === 'failed')).toEqual([]);
    expect(result.progress.malformed).toBe(untimed);
    const reasons = result.reports.flatMap((r) => r.malformedReasons ?? []);
    expect(reasons).toHaveLength(untimed);
    for (const reason of reasons) expect(reason).toMatch(/^record \d+: no eventTime$/);
  });

  it('all sets together keep every event once and in time order', async () => {
    const { index } = await loadIndex(
      ['stratus', 'flaws2', 'awsdocs', 'edge-cases'].map((s) => fixture(s)),
    );
    expect(index.size).toBe(310 + 37 + 19 + 2);
    // Every event has its time, and seconds never go backwards.
    const seconds = [...index.order()].map((row) => Math.floor(index.time(row) / 1000));
    expect(seconds.filter(Number.isNaN)).toEqual([]);
    expect(seconds.every((s, i) => i === 0 || s >= seconds[i - 1]!)).toBe(true);
  });

  it('flaws2 names its principals though no event has a userName', async () => {
    const { index } = await loadIndex([fixture('flaws2')]);
    const principals = topValues(index, 'principal', index.order(), 20).map((v) => v.value);
    expect(principals).toContain('ANONYMOUS_PRINCIPAL');
    expect(principals.some((p) => p.startsWith('level3/'))).toBe(true);
    const types = topValues(index, 'identityType', index.order(), 20).map((v) => v.value);
    expect(types).toEqual(expect.arrayContaining(['AssumedRole', 'AWSAccount']));
  });

  it('stratus principals include users, role sessions, root and a federated user', async () => {
    const { index } = await loadIndex([fixture('stratus')]);
    const types = new Set(topValues(index, 'identityType', index.order(), 50).map((v) => v.value));
    expect([...types]).toEqual(expect.arrayContaining(['IAMUser', 'AssumedRole', 'FederatedUser']));
    const principals = topValues(index, 'principal', index.order(), 500).map((v) => v.value);
    expect(principals).toContain('christophe');
    expect(principals).toContain('stratus_red_team');
  });

  it('awsdocs: a failed ConsoleLogin without errorCode counts as an error; root is named root', async () => {
    const { index } = await loadIndex([fixture('awsdocs')]);
    const rows = [...index.order()];
    const failedLogins = rows.filter(
      (r) => index.value(r, 'eventName') === 'ConsoleLogin' && index.value(r, 'error') !== '',
    );
    expect(failedLogins.length).toBeGreaterThan(0);
    expect(index.value(failedLogins[0]!, 'error')).toBe('Failed authentication');
    expect(
      rows.some(
        (r) => index.value(r, 'principal') === 'root' && index.value(r, 'identityType') === 'Root',
      ),
    ).toBe(true);
  });

  it('edge cases: an Insight event without identity and an Identity Center user still load', async () => {
    const { index } = await loadIndex([fixture('edge-cases')]);
    const types = [...index.order()].map((r) => index.value(r, 'identityType'));
    expect(types).toContain('IdentityCenterUser');
    expect([...index.order()].map((r) => index.value(r, 'principal'))).toContain(
      'cloudtrail-insight',
    );
  });
});
