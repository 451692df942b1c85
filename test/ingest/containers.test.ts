import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventIndex } from '../../source/index/index.js';
import { readContainer, RecordReader } from '../../source/ingest/index.js';
import { loadIndex } from '../helpers/load.js';
import {
  assumedRole,
  iamUser,
  lookupEventsJson,
  makeRecord,
  recordsJson,
  tempTree,
  type TestRecord,
} from '../helpers/records.js';

const tree = tempTree('containers');
afterAll(() => tree.remove());

const alice = makeRecord({ eventTime: '2024-03-01T10:00:00Z', eventName: 'ListBuckets' });
const deploy = makeRecord({
  eventTime: '2024-03-01T10:05:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateRole',
  userIdentity: assumedRole('deploy', 'ci-run'),
  requestParameters: { roleName: 'backdoor' },
});
const bob = makeRecord({
  eventTime: '2024-03-01T10:10:00Z',
  eventName: 'GetObject',
  userIdentity: iamUser('bob'),
  requestParameters: { bucketName: 'payroll', key: 'q1.csv' },
});
const THREE = [alice, deploy, bob];
const NAMES = ['ListBuckets', 'CreateRole', 'GetObject'];
const PRINCIPALS = ['alice', 'deploy/ci-run', 'bob'];

function column(index: EventIndex, field: 'eventName' | 'principal' | 'account'): string[] {
  return [...index.order()].map((row) => index.value(row, field));
}

const lines = (records: TestRecord[], eol: string) =>
  records.map((r) => JSON.stringify(r)).join(eol);
const twoPages = `${lookupEventsJson([alice, deploy], 'token-1')}\n${lookupEventsJson([bob])}\n`;

describe('every container format loads with exact counts', () => {
  it.each<[string, string, string | Uint8Array, string]>([
    ['{"Records":[...]}', 'records.json', recordsJson(THREE), 'records'],
    ['{"Records":[...]} gzipped', 'records.json.gz', gzipSync(recordsJson(THREE)), 'records'],
    ['a bare JSON array', 'array.json', JSON.stringify(THREE), 'array'],
    [
      'JSON lines with a blank line',
      'blank.jsonl',
      `${lines([alice, deploy], '\n')}\n\n${JSON.stringify(bob)}\n`,
      'jsonl',
    ],
    ['JSON lines with CRLF endings', 'crlf.jsonl', `${lines(THREE, '\r\n')}\r\n`, 'jsonl'],
    ['lookup-events output', 'lookup.json', lookupEventsJson(THREE, 'x'), 'lookup-events'],
    ['two lookup-events pages concatenated', 'pages.json', twoPages, 'lookup-events'],
    ['two lookup-events pages gzipped', 'pages.json.gz', gzipSync(twoPages), 'lookup-events'],
    [
      'S3 files concatenated with cat (gzip members, no newline between)',
      'cat.json.gz',
      Buffer.concat([gzipSync(recordsJson([alice])), gzipSync(recordsJson([deploy, bob]))]),
      'records',
    ],
    [
      'lookup-events --query Events (a bare array)',
      'query.json',
      JSON.stringify(JSON.parse(lookupEventsJson(THREE)).Events, null, 4),
      'lookup-events',
    ],
    [
      'UTF-8 with a byte order mark',
      'bom.json',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(recordsJson(THREE))]),
      'records',
    ],
    [
      'UTF-16LE with a byte order mark (PowerShell redirect)',
      'utf16.json',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(twoPages, 'utf16le')]),
      'lookup-events',
    ],
  ])('%s', async (_label, name, content, format) => {
    const file = tree.write(`formats/${name}`, content);
    const parsed = readContainer(typeof content === 'string' ? Buffer.from(content) : content);
    expect(parsed.kind === 'events' && parsed.format).toBe(format);

    const { index, result } = await loadIndex([file]);
    expect(index.size).toBe(3);
    expect(column(index, 'eventName')).toEqual(NAMES);
    expect(column(index, 'principal')).toEqual(PRINCIPALS);
    expect(result.reports).toEqual([{ path: file, status: 'loaded', events: 3, malformed: 0 }]);
    expect(result.progress).toMatchObject({ events: 3, failed: 0, skipped: 0, malformed: 0 });
  });

  it('a single record object is one event', async () => {
    const file = tree.write('formats/single.json', JSON.stringify(deploy, null, 2));
    const { index, result } = await loadIndex([file]);
    expect(column(index, 'eventName')).toEqual(['CreateRole']);
    expect(column(index, 'principal')).toEqual(['deploy/ci-run']);
    expect(index.value(index.order()[0]!, 'resources')).toBe('backdoor');
    expect(result.reports[0]).toMatchObject({ status: 'loaded', events: 1 });
  });

  it('standard input (`-`) loads from the bytes given, beside a file', async () => {
    const file = tree.write('formats/alice.json', recordsJson([alice]));
    const bytes = Buffer.from(lookupEventsJson([deploy, bob], 'x'));
    const { index, result } = await loadIndex([file, { path: '-', bytes }]);
    expect(column(index, 'eventName')).toEqual(NAMES);
    expect(result.files.map((f) => f.path)).toEqual(['-', file]);
    expect(result.reports).toEqual([
      { path: '-', status: 'loaded', events: 2, malformed: 0 },
      { path: file, status: 'loaded', events: 1, malformed: 0 },
    ]);
  });
});

describe('log trees', () => {
  const digest = JSON.stringify({
    awsAccountId: '111122223333',
    digestStartTime: '2024-03-01T10:00:00Z',
    digestEndTime: '2024-03-01T11:00:00Z',
    digestPublicKeyFingerprint: '0123456789abcdef0123456789abcdef',
    digestSignatureAlgorithm: 'SHA256withRSA',
    logFiles: [],
  });
  const acct = 'AWSLogs/111122223333/CloudTrail';
  const org = 'AWSLogs/o-abc123/444455556666/CloudTrail';
  const inOrg = makeRecord({
    eventTime: '2024-03-02T08:00:00Z',
    eventName: 'StopLogging',
    awsRegion: 'us-west-2',
    recipientAccountId: '444455556666',
    userIdentity: iamUser('mallory', '444455556666'),
  });
  const logs = {
    east: `${acct}/us-east-1/2024/03/01/111122223333_CloudTrail_us-east-1_20240301T1000Z_a1.json.gz`,
    west: `${acct}/eu-west-1/2024/03/01/111122223333_CloudTrail_eu-west-1_20240301T1005Z_b2.json.gz`,
    org: `${org}/us-west-2/2024/03/02/444455556666_CloudTrail_us-west-2_20240302T0800Z_c3.json.gz`,
  };
  const skipped = {
    digestByName: `AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240301T110000Z.json.gz`,
    digestByShape: 'notes/saved-copy.json',
    emptyRecords: 'notes/empty-records.json',
    emptyArray: 'notes/empty-array.json',
  };

  it('finds S3 delivery and organization trees recursively, skipping what is not events', async () => {
    const root = `${tree.root}/bucket`;
    const w = (rel: string, content: string | Uint8Array) => tree.write(`bucket/${rel}`, content);
    w(logs.east, gzipSync(recordsJson([alice, bob])));
    w(logs.west, gzipSync(recordsJson([deploy])));
    w(logs.org, gzipSync(recordsJson([inOrg])));
    w(skipped.digestByName, gzipSync(digest));
    w(skipped.digestByShape, digest);
    w(skipped.emptyRecords, '{"Records":[]}');
    w(skipped.emptyArray, '[]');
    w('README.txt', 'not a log {"Records": oops');
    w('AWSLogs/111122223333/CloudTrail/README.txt', 'ignored');

    const { index, result } = await loadIndex([root]);
    expect(column(index, 'eventName')).toEqual([...NAMES, 'StopLogging']);
    expect(column(index, 'account')).toEqual([
      '111122223333',
      '111122223333',
      '111122223333',
      '444455556666',
    ]);
    const byPath = new Map(result.reports.map((r) => [r.path.slice(root.length + 1), r]));
    expect([...byPath.keys()].sort()).toEqual(
      [...Object.values(logs), ...Object.values(skipped)].sort(),
    );
    expect(byPath.get(logs.east)).toMatchObject({ status: 'loaded', events: 2 });
    expect(byPath.get(logs.org)).toMatchObject({ status: 'loaded', events: 1 });
    for (const key of ['digestByName', 'digestByShape'] as const) {
      expect(byPath.get(skipped[key])).toMatchObject({
        status: 'skipped',
        reason: 'CloudTrail digest file',
      });
    }
    for (const key of ['emptyRecords', 'emptyArray'] as const) {
      expect(byPath.get(skipped[key])).toMatchObject({
        status: 'skipped',
        reason: 'holds no events',
      });
    }
    expect(result.progress).toMatchObject({
      filesTotal: 7,
      filesDone: 7,
      failed: 0,
      skipped: 4,
      events: 4,
    });
  });
});

describe('RecordReader', () => {
  it('returns the full original record for each row: gzip file, lookup-events pages, stdin', async () => {
    const more = [
      makeRecord({ eventTime: '2024-03-01T11:00:00Z', eventName: 'PutBucketPolicy' }),
      makeRecord({ eventTime: '2024-03-01T11:01:00Z', eventName: 'DeleteTrail' }),
      makeRecord({ eventTime: '2024-03-01T11:02:00Z', eventName: 'ConsoleLogin' }),
    ];
    const gz = tree.write('reread/a.json.gz', gzipSync(recordsJson([alice, more[0]])));
    const lookup = tree.write(
      'reread/b.json',
      `${lookupEventsJson([deploy], 't')}\n${lookupEventsJson([more[1]!])}`,
    );
    const stdin = { path: '-' as const, bytes: Buffer.from(lines([bob, more[2]!], '\n')) };
    const { index, result } = await loadIndex([gz, lookup, stdin]);
    expect(index.size).toBe(6);

    const byName = new Map([...THREE, ...more].map((r) => [r.eventName, r]));
    const reader = new RecordReader(result.files);
    const fromFile = new Map<string, string>();
    for (const row of index.order()) {
      const { fileId, recordIndex } = index.location(row);
      const name = index.value(row, 'eventName');
      expect(await reader.read(fileId, recordIndex)).toEqual(byName.get(name));
      fromFile.set(name, result.files[fileId]!.path);
    }
    expect(Object.fromEntries(fromFile)).toEqual({
      ListBuckets: gz,
      PutBucketPolicy: gz,
      CreateRole: lookup,
      DeleteTrail: lookup,
      GetObject: '-',
      ConsoleLogin: '-',
    });
    await expect(reader.read(0, 99)).rejects.toThrow(/record 99 of - is gone or changed/);
  });
});
