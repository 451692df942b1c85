import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCase, type Suspect } from '../../../source/case/model.js';
import { renderHtml, renderJson, renderMarkdown } from '../../../source/case/report/index.js';
import { suspectRows } from '../../../source/case/report/suspect-events.js';
import { detect, type Finding } from '../../../source/detect/index.js';
import { geoDatabase } from '../../../source/geo/index.js';
import type { EventIndex } from '../../../source/index/index.js';
import { rowRecords } from '../../../source/ingest/row-records.js';
import { reportInput } from '../../../source/state/report-input.js';
import { loadIndex } from '../../helpers/load.js';
import {
  assumedRole,
  iamUser,
  makeRecord,
  recordsJson,
  tempTree,
  type TestRecord,
} from '../../helpers/records.js';
import { section, tables } from './markdown-tables.js';

const ATTACKER = '203.0.113.66';
const OFFICE = '198.51.100.7';
const ELSEWHERE = '192.0.2.44';

const at = (minute: number) =>
  new Date(Date.parse('2024-03-05T10:00:00Z') + minute * 60_000)
    .toISOString()
    .replace('.000Z', 'Z');

function withKey(identity: TestRecord, key: string): TestRecord {
  return { ...identity, accessKeyId: key };
}

function assume(
  minute: number,
  who: TestRecord,
  ip: string,
  role: string,
  session: string,
  key: string | undefined,
): TestRecord {
  return makeRecord({
    eventTime: at(minute),
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    userIdentity: who,
    sourceIPAddress: ip,
    requestParameters: {
      roleArn: `arn:aws:iam::111122223333:role/${role}`,
      roleSessionName: session,
    },
    responseElements: key
      ? { credentials: { accessKeyId: key, expiration: 'Mar 5, 2024, 11:00:00 AM' } }
      : null,
  });
}

function call(minute: number, who: TestRecord, ip: string, eventName: string): TestRecord {
  return makeRecord({
    eventTime: at(minute),
    eventSource: 'iam.amazonaws.com',
    eventName,
    userIdentity: who,
    sourceIPAddress: ip,
    requestParameters: null,
  });
}

const alice = iamUser('alice');
const ENUMERATION = ['ListUsers', 'ListRoles', 'ListPolicies', 'ListGroups', 'ListAccessKeys'];

/**
 * Alice's own work from the office the day before and after; the attacker with her key from
 * ATTACKER: a few calls, a role assumed (admin, key returned), a chain from that session into
 * `deep`, a role whose response the trail redacts (`quiet`), and 300 enumeration calls in the
 * admin session from another address. Bob works alongside and is nobody's business.
 */
function trail(): TestRecord[] {
  const records: TestRecord[] = [];
  for (let i = 0; i < 5; i++) records.push(call(-1440 + i, alice, OFFICE, 'GetUser'));
  records.push(call(0, alice, ATTACKER, 'GetCallerIdentity'));
  records.push(call(1, alice, ATTACKER, 'CreateAccessKey'));
  records.push(assume(2, alice, ATTACKER, 'admin', 'x', 'ASIAPIVOTADMIN000001'));
  const admin = withKey(assumedRole('admin', 'x'), 'ASIAPIVOTADMIN000001');
  for (let i = 0; i < 300; i++)
    records.push({
      ...call(3, admin, ELSEWHERE, ENUMERATION[i % ENUMERATION.length]!),
      eventTime: new Date(Date.parse(at(3)) + i * 1000).toISOString().replace('.000Z', 'Z'),
    });
  records.push(assume(9, admin, ELSEWHERE, 'deep', 'y', 'ASIAPIVOTDEEP0000002'));
  records.push(
    call(10, withKey(assumedRole('deep', 'y'), 'ASIAPIVOTDEEP0000002'), ELSEWHERE, 'DeleteTrail'),
  );
  records.push(assume(12, alice, ATTACKER, 'quiet', 's1', undefined));
  const quiet = withKey(assumedRole('quiet', 's1'), 'ASIAREDACTED00000003');
  records.push(call(20, quiet, ELSEWHERE, 'PutBucketPolicy'));
  records.push(call(200, quiet, ELSEWHERE, 'GetBucketPolicy'));
  for (let i = 0; i < 5; i++) records.push(call(5 + i, iamUser('bob'), OFFICE, 'ListUsers'));
  records.push(call(1440, alice, OFFICE, 'GetUser'));
  return records;
}

const tree = tempTree('suspects');
afterAll(() => tree.remove());
const geo = geoDatabase();
let index: EventIndex;
let readRows: Parameters<typeof suspectRows>[2];
let findings: Finding[];

beforeAll(async () => {
  const file = tree.write('trail.json', recordsJson(trail()));
  const loaded = await loadIndex([file]);
  index = loaded.index;
  const records = rowRecords(loaded.result.files, (row) => index.location(row), 0);
  readRows = (rows, onRecord) => records.read(rows, onRecord);
  findings = (await detect({ index, ipFacts: (ip) => geo.lookup(ip), records })).findings;
});

const marked = (kind: Suspect['kind'], value: string): Suspect => ({
  kind,
  value,
  markedAt: '2024-03-05T12:00:00Z',
  note: '',
});

function described(rows: number[]): string[] {
  return rows.map((row) => `${index.value(row, 'principal')} ${index.value(row, 'eventName')}`);
}

describe('what the suspects did', () => {
  it('follows the sessions they opened: returned keys, chains, and a session by name when the key is not logged', async () => {
    const { rows, pivots } = await suspectRows(
      index,
      [marked('principal', 'alice'), marked('ip', ATTACKER)],
      readRows,
    );
    const names = described(rows);
    expect(names.slice(0, 3)).toEqual([
      'alice GetCallerIdentity',
      'alice CreateAccessKey',
      'alice AssumeRole',
    ]);
    expect(names.filter((name) => name.startsWith('admin/x '))).toHaveLength(301);
    expect(names).toContain('deep/y DeleteTrail');
    // Within the hour the redacted session's credentials lived, not three hours later.
    expect(names).toContain('quiet/s1 PutBucketPolicy');
    expect(names).not.toContain('quiet/s1 GetBucketPolicy');
    // Alice's own days from the office and Bob are not the incident.
    expect(names.filter((name) => name === 'alice GetUser')).toEqual([]);
    expect(names.some((name) => name.startsWith('bob '))).toBe(false);
    expect(pivots.map((pivot) => [pivot.from, pivot.principal, pivot.events])).toEqual([
      ['alice', 'admin/x', 301],
      ['alice', 'quiet/s1', 1],
      ['admin/x', 'deep/y', 1],
    ]);
  });

  it('takes all of a principal marked alone', async () => {
    const { rows } = await suspectRows(index, [marked('principal', 'alice')], readRows);
    expect(described(rows).filter((name) => name === 'alice GetUser')).toHaveLength(6);
  });

  it('takes a marked key wherever it was used', async () => {
    const { rows, pivots } = await suspectRows(
      index,
      [marked('key', 'ASIAPIVOTDEEP0000002')],
      readRows,
    );
    expect(described(rows)).toEqual(['deep/y DeleteTrail']);
    expect(pivots).toEqual([]);
  });
});

describe('a long enumeration on the timeline', () => {
  async function input() {
    const caseFile = emptyCase('case-enum', 'alice', new Date('2024-03-05T12:00:00Z'));
    caseFile.suspects = [marked('principal', 'alice'), marked('ip', ATTACKER)];
    return reportInput({
      caseFile,
      findings,
      index,
      readRows,
      ipFacts: (ip) => geo.lookup(ip),
      ipDataDate: geo.dataDate,
      now: new Date('2024-03-05T12:00:00Z'),
    });
  }

  it('reads as one row in Markdown: who, from where, how many, which calls, the span', async () => {
    const markdown = renderMarkdown(await input());
    const rows = tables(section(markdown, 'Timeline').join('\n'))[0]!.slice(2);
    expect(rows.length).toBeLessThan(12);
    const run = rows.find((row) => row[3]!.startsWith('300 calls: '))!;
    expect(run.slice(0, 4)).toEqual([
      '2024-03-05 10:03:00 to 10:07:59',
      'admin/x',
      ELSEWHERE,
      '300 calls: ListUsers ×60, ListRoles ×60, ListPolicies ×60, ListGroups ×60, ListAccessKeys ×60',
    ]);
    expect(markdown).toContain('stands for a run of like events');
    // The writes around it keep their own rows.
    expect(rows.some((row) => row[1] === 'deep/y' && row[3] === 'DeleteTrail')).toBe(true);
  });

  it('keeps every event in JSON and HTML', async () => {
    const report = JSON.parse(renderJson(await input())) as { timeline: unknown[] };
    expect(report.timeline.length).toBeGreaterThanOrEqual(305);
    const html = renderHtml(await input());
    expect(html.match(/<td>ListRoles<\/td>/g)).toHaveLength(60);
  });
});
