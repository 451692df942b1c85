import { afterEach, describe, expect, it } from 'vitest';
import { detectIn } from '../helpers/detect.js';
import { iamUser, makeRecord, recordsJson, tempTree, type TestRecord } from '../helpers/records.js';

/**
 * Two accounts of one organization trail, each with a user called `admin`: two people, never
 * one traveller and never one baseline. A user of one account calling into the other stays the
 * one person (their ARN names their account).
 */

const A = '111122223333';
const B = '444455556666';
const NEW_YORK = '24.29.96.10';
const LAGOS = '102.88.109.159';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

async function detectRecords(records: TestRecord[]) {
  const tree = tempTree('accounts');
  trees.push(tree);
  return detectIn([tree.write('trail.json', recordsJson(records))]);
}

const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2025, 4, day, hour, minute)).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `user` of `home` calls `eventName` logged in `logged`'s trail. */
function call(
  user: string,
  home: string,
  time: string,
  ip: string,
  eventName = 'DescribeInstances',
  logged = home,
) {
  return makeRecord({
    // Access key ids are unique across AWS: each account's admin has their own.
    userIdentity: { ...iamUser(user, home), accessKeyId: `AKIA${home}${user.toUpperCase()}` },
    recipientAccountId: logged,
    eventTime: time,
    eventSource: eventName === 'CreateUser' ? 'iam.amazonaws.com' : 'ec2.amazonaws.com',
    eventName,
    sourceIPAddress: ip,
    requestParameters: eventName === 'CreateUser' ? { userName: 'helper' } : null,
    responseElements: eventName === 'CreateUser' ? { user: { userName: 'helper' } } : null,
  });
}

function history(user: string, home: string, ip: string, days: number[]): TestRecord[] {
  return days.flatMap((day) =>
    [0, 20, 40].map((minute) => call(user, home, at(day, 9, minute), ip)),
  );
}

const ofRule = (run: Awaited<ReturnType<typeof detectRecords>>, id: string) =>
  run.findings.filter((finding) => finding.ruleId === id);

describe('principals of several accounts', () => {
  it('admin of A in New York and admin of B in Lagos twenty minutes later: no traveller', async () => {
    const records = [
      ...history('admin', A, NEW_YORK, [1, 2, 3, 4]),
      ...history('admin', B, LAGOS, [1, 2, 3, 4]),
      call('admin', A, at(5, 9), NEW_YORK),
      call('admin', B, at(5, 9, 20), LAGOS),
      call('admin', B, at(5, 9, 22), LAGOS, 'CreateUser'),
    ];
    const run = await detectRecords(records);
    expect(ofRule(run, 'impossible-travel')).toEqual([]);
    // Each admin is established where they work: Lagos is B's admin's usual place, not new.
    expect(run.findings.filter((f) => f.summary.includes('102.88.109.159'))).toEqual([]);
    // Whatever is found is about one account's admin, named so.
    for (const finding of run.findings)
      if (finding.principal.endsWith('admin'))
        expect([`${A}/admin`, `${B}/admin`]).toContain(finding.principal);
  });

  it('no shared baseline: a place one admin is established in is new for the other', async () => {
    const records = [
      ...history('admin', A, LAGOS, [1, 2, 3, 4]),
      ...history('admin', B, NEW_YORK, [1, 2, 3, 4]),
      call('admin', B, at(5, 9), NEW_YORK),
      call('admin', B, at(5, 9, 20), LAGOS),
      call('admin', B, at(5, 9, 22), LAGOS, 'CreateUser'),
    ];
    const run = await detectRecords(records);
    const travel = ofRule(run, 'impossible-travel');
    expect(travel.map((f) => [f.principal, f.severity])).toEqual([[`${B}/admin`, 'high']]);
    // Every row of the finding is B's admin's own.
    for (const row of travel[0]!.rows) expect(run.index.value(row, 'account')).toBe(B);
  });

  it("A's admin calling into B is still A's admin: one person, one trip", async () => {
    const records = [
      ...history('admin', A, NEW_YORK, [1, 2, 3, 4]),
      ...history('ops', B, NEW_YORK, [1, 2, 3, 4]),
      call('admin', A, at(5, 9), NEW_YORK),
      // Logged in B's trail (recipientAccountId B), signed by A's user.
      call('admin', A, at(5, 9, 20), LAGOS, 'DescribeInstances', B),
      call('admin', A, at(5, 9, 22), LAGOS, 'CreateUser', B),
    ];
    const run = await detectRecords(records);
    expect(ofRule(run, 'impossible-travel').map((f) => f.principal)).toEqual([`${A}/admin`]);
  });
});
