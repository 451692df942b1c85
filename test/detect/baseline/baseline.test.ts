import { describe, expect, it } from 'vitest';
import { DetectionContext } from '../../../source/detect/context.js';
import { buildBaseline, userAgentFamily } from '../../../source/detect/baseline/index.js';
import type { BaselineOptions } from '../../../source/detect/baseline/index.js';
import { networkOf } from '../../../source/detect/baseline/values.js';
import { geoDatabase } from '../../../source/geo/index.js';
import { indexOfFields, type FieldsRow } from '../../helpers/fields-index.js';

const geo = geoDatabase();
const at = (day: number, hour: number, minute = 0) => Date.UTC(2025, 2, day, hour, minute);
const HOME = '81.2.69.142'; // GB
const OFFICE = '81.2.69.160'; // same /24
const LAGOS = '102.88.109.159'; // NG

function call(principal: string, time: number, sourceIp: string, more: Partial<FieldsRow> = {}) {
  return {
    principal,
    time,
    sourceIp,
    eventName: 'ListBuckets',
    account: '111122223333',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6',
    region: 'us-east-1',
    ...more,
  } satisfies FieldsRow;
}

function baselineOf(rows: FieldsRow[], options: BaselineOptions = {}) {
  const index = indexOfFields(rows);
  const context = new DetectionContext(index, (ip) => geo.lookup(ip));
  const baseline = buildBaseline(context, options);
  /** The row of the n-th record given (the index keeps arrival order). */
  return { index, context, baseline };
}

describe('the baseline', () => {
  it('a user alternating two addresses for a month has both established', () => {
    const rows: FieldsRow[] = [];
    for (let day = 1; day <= 28; day++) {
      rows.push(call('alice', at(day, 9), HOME), call('alice', at(day, 18), LAGOS));
    }
    const { baseline } = baselineOf(rows);
    const last = rows.length - 1;
    expect(baseline.standing(last, 'address')).toBe('established');
    expect(baseline.standing(last - 1, 'address')).toBe('established');
    expect(baseline.standing(last, 'country')).toBe('established');
    expect(baseline.hasHistory(last)).toBe(true);
    expect(
      baseline
        .established(last, 'address')
        .map((v) => v.value)
        .sort(),
    ).toEqual([HOME, LAGOS].sort());
    // Day one: both values appear before any history, so neither is new.
    expect(baseline.standing(0, 'address')).toBe('no-baseline');
    expect(baseline.standing(1, 'address')).toBe('no-baseline');
  });

  it("a trail's first two days are no-baseline; the third day judges", () => {
    const rows = [
      call('bob', at(3, 9), HOME),
      call('bob', at(4, 9), OFFICE),
      call('bob', at(4, 23, 59), LAGOS),
      call('bob', at(5, 9), HOME),
      call('bob', at(5, 10), '203.0.113.9'),
    ];
    const { baseline } = baselineOf(rows);
    expect(baseline.hasHistory(1)).toBe(false);
    expect(baseline.standing(1, 'address')).toBe('no-baseline');
    expect(baseline.standing(2, 'country')).toBe('no-baseline');
    expect(baseline.hasHistory(3)).toBe(true);
    expect(baseline.standing(3, 'address')).toBe('known');
    expect(baseline.standing(4, 'address')).toBe('new');
    expect(baseline.earlier(4, 'address').map((v) => v.value)).toEqual([LAGOS, OFFICE, HOME]);
  });

  it('a later day cannot make an earlier row established', () => {
    const rows = [
      call('carol', at(1, 9), HOME),
      call('carol', at(2, 9), HOME),
      call('carol', at(3, 9), HOME),
      call('carol', at(3, 10), LAGOS),
      call('carol', at(4, 10), LAGOS),
      call('carol', at(5, 10), LAGOS),
    ];
    const { baseline } = baselineOf(rows);
    expect(baseline.standing(3, 'address')).toBe('new');
    expect(baseline.standing(3, 'country')).toBe('new');
    expect(baseline.standing(4, 'address')).toBe('known');
    expect(baseline.standing(5, 'address')).toBe('established');
    expect(baseline.established(3, 'address').map((v) => v.value)).toEqual([HOME]);
    expect(baseline.earlier(3, 'address').map((v) => v.value)).toEqual([HOME]);
  });

  it('many calls spread over hours establish a value on the first day; a burst does not', () => {
    const rows: FieldsRow[] = [];
    for (let i = 0; i < 30; i++) rows.push(call('ci', at(1, 8) + i * 10 * 60_000, HOME));
    for (let i = 0; i < 50; i++) rows.push(call('scanner', at(1, 8) + i * 1000, OFFICE));
    const { baseline } = baselineOf(rows);
    expect(baseline.standing(29, 'address')).toBe('established');
    expect(baseline.standing(79, 'address')).toBe('no-baseline');
  });

  it('the account scope: new for the principal, not for the account', () => {
    const rows: FieldsRow[] = [
      call('dave', at(1, 9), HOME),
      call('dave', at(2, 9), HOME),
      call('erin', at(1, 9), LAGOS),
      call('erin', at(2, 9), LAGOS),
      call('dave', at(3, 9), LAGOS),
    ];
    const { baseline } = baselineOf(rows);
    expect(baseline.standing(4, 'country', 'principal')).toBe('new');
    expect(baseline.standing(4, 'country', 'account')).toBe('established');
    expect(baseline.hasHistory(4, 'account')).toBe(true);
  });

  it('a role with all its sessions is one actor', () => {
    const rows = [
      call('deploy/run-1', at(1, 9), HOME),
      call('deploy/run-2', at(2, 9), HOME),
      call('deploy/run-3', at(3, 9), LAGOS),
    ];
    const { baseline } = baselineOf(rows);
    expect(baseline.hasHistory(2)).toBe(true);
    expect(baseline.standing(2, 'address')).toBe('new');
  });

  it('a service host name or AWS Internal has no place', () => {
    const rows = [
      call('frank', at(1, 9), 'AWS Internal', { userAgent: 'AWS Internal' }),
      call('frank', at(1, 9), 'secretsmanager.amazonaws.com'),
    ];
    const { baseline } = baselineOf(rows);
    for (const dimension of ['address', 'network', 'asn', 'asOrg', 'country', 'city'] as const) {
      expect(baseline.standing(0, dimension)).toBe('none');
      expect(baseline.valueOf(1, dimension)).toBe('');
    }
    expect(baseline.valueOf(0, 'userAgent')).toBe('AWS Internal');
    expect(baseline.valueOf(1, 'network')).toBe('');
  });

  it('--baseline-until: what came before is history, nothing before it is new', () => {
    const rows = [
      call('gina', at(1, 9), HOME),
      call('gina', at(1, 10), LAGOS),
      call('gina', at(1, 12), '203.0.113.9'),
      call('gina', at(1, 13), LAGOS),
    ];
    const { baseline } = baselineOf(rows, { until: at(1, 11) });
    expect(baseline.standing(1, 'address')).toBe('known');
    expect(baseline.hasHistory(2)).toBe(true);
    expect(baseline.standing(2, 'address')).toBe('new');
    expect(baseline.standing(3, 'address')).toBe('known');
    expect(baseline.span.until).toBe(at(1, 11));
  });

  it('--baseline SOURCE: an earlier export teaches, by name', () => {
    const earlier = indexOfFields([
      call('hana/session-a', at(1, 9), HOME, { eventId: 'old-1' }),
      call('hana/session-b', at(2, 9), HOME, { eventId: 'old-2' }),
    ]);
    const rows = [
      call('hana/session-c', at(10, 9), HOME),
      call('hana/session-c', at(10, 9, 5), LAGOS),
    ];
    const { baseline } = baselineOf(rows, { learnFrom: earlier });
    expect(baseline.hasHistory(0)).toBe(true);
    expect(baseline.standing(0, 'address')).toBe('established');
    expect(baseline.standing(1, 'address')).toBe('new');
    expect(baseline.standing(1, 'country')).toBe('new');
    expect(baseline.span.learnedOnly).toBe(2);
    expect(baseline.earlier(1, 'address')[0]).toMatchObject({ value: HOME, days: 3 });
  });

  it('derives networks and user-agent families once per distinct value', () => {
    expect(networkOf('81.2.69.142')).toBe('81.2.69.0/24');
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('AWS Internal')).toBeUndefined();
    expect(userAgentFamily('aws-cli/2.15.0 Python/3.11.6 Linux/6.5')).toBe('aws-cli/2');
    expect(userAgentFamily('aws-cli/1.18.69 Python/3.8')).toBe('aws-cli/1');
    expect(userAgentFamily('Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0')).toBe('Boto3');
    expect(userAgentFamily('aws-sdk-go-v2/1.21.0 os/linux')).toBe('aws-sdk-go-v2');
    expect(
      userAgentFamily('APN/1.0 HashiCorp/1.0 Terraform/1.5.7 terraform-provider-aws/5.31.0'),
    ).toBe('Terraform');
    expect(userAgentFamily('signin.amazonaws.com')).toBe('console');
    expect(userAgentFamily('AWS Internal')).toBe('AWS Internal');
    expect(userAgentFamily('python-requests/2.31.0')).toBe('python-requests');
  });
});
