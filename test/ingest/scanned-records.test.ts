import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseFiles, type ParseJob } from '../../source/ingest/parse-files.js';
import { ScannedFileReader } from '../../source/ingest/scanned-records.js';
import { BatchBuilder } from '../../source/trail/batch.js';
import { TEXT_FIELDS } from '../../source/trail/event.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { assumedRole, makeRecord, recordsJson, type TestRecord } from '../helpers/records.js';

/**
 * The record scanner must read every file exactly as the ordinary path does (JSON.parse, then
 * normalizeRecord): the same rows, the same values, the same dedupe keys, the same reports, and
 * the same verdict on broken input. Each test runs both and compares.
 */

type Row = (string | number)[];

/** A batch's rows with every id spelled out (a fresh builder's first batch holds all values). */
function rowsOf(batch: ReturnType<BatchBuilder['take']>): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < batch.count; i++) {
    const row: Row = [
      batch.time[i]!,
      batch.fileId[i]!,
      batch.recordIndex[i]!,
      batch.idHash[i * 2]!,
      batch.idHash[i * 2 + 1]!,
    ];
    TEXT_FIELDS.forEach((_, f) => row.push(batch.newValues[f]![batch.columns[f]![i]!]!));
    rows.push(row);
  }
  return rows;
}

function bothWays(jobs: ParseJob[]) {
  const scanned = parseFiles(jobs, new BatchBuilder(0));
  const ordinary = parseFiles(jobs, new BatchBuilder(0), { scan: false });
  return {
    scanned: { files: scanned.files, rows: rowsOf(scanned.batch) },
    ordinary: { files: ordinary.files, rows: rowsOf(ordinary.batch) },
  };
}

function expectSame(jobs: ParseJob[], why = ''): void {
  const { scanned, ordinary } = bothWays(jobs);
  expect(scanned, why).toEqual(ordinary);
}

/** A file in CloudTrail's own delivery shape: compact, every record opening on eventVersion. */
function deliveryFile(records: readonly TestRecord[]): Buffer {
  const ordered = records.map(({ eventVersion, ...rest }) => ({
    eventVersion: eventVersion ?? '1.08',
    ...rest,
  }));
  return Buffer.from(recordsJson(ordered), 'utf8');
}

/** How many of a file's records the scanner read itself (the rest it declined). */
function scannedCount(bytes: Buffer): number {
  let declined = 0;
  const reader = new ScannedFileReader(new BatchBuilder(0));
  const counts = reader.read(bytes, 0, () => {
    declined++;
    return true;
  });
  expect(counts, 'the scanner took the file').toBeDefined();
  return counts!.events + counts!.malformed - declined;
}

function logFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...logFiles(path));
    else if (/\.json(l|\.gz)?$/.test(name)) found.push(path);
  }
  return found;
}

/** Every record of the shared fixtures and of the bundled demo case. */
function realRecords(): TestRecord[] {
  const records: TestRecord[] = [];
  const take = (value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value))
      records.push(value as TestRecord);
  };
  for (const path of logFiles(FIXTURES)) {
    const raw = readFileSync(path);
    const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    if (path.endsWith('.jsonl')) {
      for (const line of text.split('\n')) if (line.trim()) take(JSON.parse(line));
    } else {
      const parsed = JSON.parse(text) as { Records?: unknown[] } | unknown[];
      for (const record of Array.isArray(parsed) ? parsed : (parsed.Records ?? [])) take(record);
    }
  }
  const demo = JSON.parse(
    gunzipSync(readFileSync(new URL('../../data/demo-case.json.gz', import.meta.url))).toString(),
  ) as { Records: unknown[] };
  demo.Records.forEach(take);
  return records;
}

/** A small deterministic PRNG, so a failing mutation can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the record scanner reads files exactly as the ordinary path does', () => {
  const real = realRecords();

  it('every real record: the fixtures, the demo case', () => {
    expect(real.length).toBeGreaterThan(3000);
    const jobs: ParseJob[] = [];
    for (let i = 0; i < real.length; i += 50)
      jobs.push({
        fileId: jobs.length,
        path: `real-${i}`,
        bytes: deliveryFile(real.slice(i, i + 50)),
      });
    expectSame(jobs);
    // And it read nearly all of them itself, not by declining them to the ordinary path.
    const read = jobs.reduce((sum, job) => sum + scannedCount(job.bytes as Buffer), 0);
    expect(read / real.length).toBeGreaterThan(0.9);
  });

  it('the real delivery files, as they are on disk', () => {
    const paths = logFiles(join(FIXTURES, 'flaws2'));
    expect(paths.length).toBe(8);
    expectSame(paths.map((path, fileId) => ({ fileId, path })));
    for (const path of paths) {
      const bytes = gunzipSync(readFileSync(path));
      expect(scannedCount(bytes), path).toBeGreaterThan(0);
    }
  });

  const cases: Record<string, TestRecord[]> = {
    'escapes in values (quotes, unicode, controls an attacker put there)': [
      makeRecord({
        userAgent: 'x"y\\z \u001b]0;pwned\u0007 \u202e é 日本',
        sourceIPAddress: '\u00e9vil',
      }),
      makeRecord({ errorCode: 'Access\u0000Denied', eventSource: 'i\u00e9m.amazonaws.com' }),
    ],
    'fields that are not strings read as empty': [
      makeRecord({ eventSource: 5, awsRegion: null, userAgent: { a: 1 }, errorCode: [] }),
      makeRecord({ recipientAccountId: true, sourceIPAddress: 1.5e3 }),
    ],
    'no recipientAccountId: the identity account': [
      makeRecord({ recipientAccountId: undefined }),
      makeRecord({ recipientAccountId: '', userIdentity: { type: 'Root', accountId: '999' } }),
    ],
    'every identity shape': [
      makeRecord({ userIdentity: assumedRole('deploy', 'ci-run') }),
      makeRecord({
        userIdentity: { ...assumedRole('deploy', 'x'), arn: 'arn:aws:sts::1:assumed-role/other/y' },
      }),
      makeRecord({
        userIdentity: { type: 'AssumedRole', principalId: 'AROA:sess', sessionContext: {} },
      }),
      makeRecord({
        userIdentity: {
          type: 'AssumedRole',
          principalId: 'AROA:sess',
          sessionContext: { sessionIssuer: 'x' },
        },
      }),
      makeRecord({ userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' } }),
      makeRecord({
        userIdentity: { type: 'AWSAccount', accountId: 'ANONYMOUS_PRINCIPAL', principalId: '' },
      }),
      makeRecord({ userIdentity: { type: 'IdentityCenterUser', onBehalfOf: { userId: 'u-1' } } }),
      makeRecord({ userIdentity: { type: 'IdentityCenterUser', onBehalfOf: 'u-1' } }),
      makeRecord({ userIdentity: { type: 'FederatedUser', principalId: '1:bob' } }),
      makeRecord({ userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root', userName: 5 } }),
      makeRecord({ userIdentity: { type: 'Weird', principalId: 'p' } }),
      makeRecord({ userIdentity: 'not an object' }),
      makeRecord({ userIdentity: null }),
      makeRecord({ userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a\\u0062c' } }),
    ],
    'one ARN with different identities around it': [
      makeRecord({ userIdentity: assumedRole('deploy', 'run') }),
      makeRecord({ userIdentity: assumedRole('deploy', 'run') }),
      makeRecord({
        userIdentity: {
          ...assumedRole('deploy', 'run'),
          sessionContext: { sessionIssuer: { userName: 'renamed' } },
        },
      }),
      makeRecord({ userIdentity: { ...assumedRole('deploy', 'run'), sessionContext: {} } }),
      makeRecord({ userIdentity: { ...assumedRole('deploy', 'run'), type: 'IAMUser' } }),
      makeRecord({ userIdentity: { ...assumedRole('deploy', 'run'), userName: 'someone' } }),
      makeRecord({
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/', principalId: 'P1' },
      }),
      makeRecord({
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/', principalId: 'P2' },
      }),
      makeRecord({
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a', userName: 'x' },
      }),
      makeRecord({ userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a' } }),
      makeRecord({
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a', userName: 'x' },
      }),
    ],
    'a console sign-in that failed without an errorCode': [
      makeRecord({
        eventName: 'ConsoleLogin',
        responseElements: { ConsoleLogin: 'Failure' },
        errorMessage: 'Failed authentication',
      }),
      makeRecord({ eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'FAILURE' } }),
      makeRecord({
        eventName: 'ConsoleLogin',
        responseElements: { ConsoleLogin: 'Success' },
        errorMessage: 'x',
      }),
      makeRecord({ responseElements: { credentials: { accessKeyId: 'ASIA' } } }),
    ],
    'resources from the request and the resources list': [
      makeRecord({ requestParameters: { bucketName: 'b', key: 'k/\nx' } }),
      makeRecord({
        requestParameters: { key: 'k', userName: 'u', policyArn: 'p', bucketName: 'b', name: 5 },
      }),
      makeRecord({ requestParameters: { roleName: 'r', roleName2: 'x', functionName: '' } }),
      makeRecord({
        resources: [
          { ARN: 'arn:aws:s3:::bkt', type: 'AWS::S3::Bucket' },
          { ARN: 'arn:aws:s3:::bkt/o' },
        ],
      }),
      makeRecord({ requestParameters: 'text', resources: 'nope' }),
      makeRecord({ requestParameters: { bucketName: { nested: 'b' } } }),
    ],
    'dedupe keys: repeated events, no eventID, additionalEventData': [
      makeRecord({ eventID: 'same', additionalEventData: { MFAUsed: 'No', n: 1.0 } }),
      makeRecord({ eventID: 'same', additionalEventData: { MFAUsed: 'No', n: 1.0 } }),
      makeRecord({ eventID: 'same', additionalEventData: { MFAUsed: 'Yes' } }),
      makeRecord({ eventID: undefined }),
      makeRecord({ eventID: 42 }),
      makeRecord({ eventID: 'ütf' }),
      makeRecord({ eventID: 'x', additionalEventData: 'plain' }),
      makeRecord({ eventID: 'y', additionalEventData: null }),
    ],
    'times and names the scanner leaves to the ordinary path': [
      makeRecord({ eventTime: '2024-03-01T10:00:00.123Z' }),
      makeRecord({ eventTime: '2024-02-30T10:00:00Z' }),
      makeRecord({ eventTime: '0050-01-01T00:00:00Z' }),
      makeRecord({ eventTime: 'not a time' }),
      makeRecord({ eventTime: 12345 }),
      makeRecord({ eventTime: undefined, eventName: undefined }),
      makeRecord({ eventName: undefined }),
      makeRecord({ eventName: null, eventID: 'n' }),
      makeRecord({ insightDetails: { eventName: 'X', eventSource: 'y' }, userIdentity: undefined }),
    ],
    'times across the calendar': Array.from({ length: 60 }, (_, i) =>
      makeRecord({
        eventTime: new Date(
          Date.UTC(1970 + i * 3, i % 12, 1 + (i % 28), i % 24, i % 60, (i * 7) % 60),
        )
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
      }),
    ),
  };

  for (const [name, records] of Object.entries(cases)) {
    it(name, () => {
      expectSame([{ fileId: 0, path: 'case', bytes: deliveryFile(records) }], name);
    });
  }

  it('keys spelled with escapes or repeated are read as JSON.parse reads them', () => {
    const text = recordsJson([makeRecord(), makeRecord()]);
    const variants = [
      text.replace('"eventName":', '"event\\u004eame":'),
      text.replace('"eventName":"ListBuckets"', '"eventName":"ListBuckets","eventName":"Second"'),
      text.replace('"userIdentity":{', '"userIdentity":{"ty\\u0070e":"Root",'),
      text.replace('"awsRegion":"us-east-1"', '"awsRegion":"us-east-1","awsRegion":5'),
      // A repeated request parameter keeps its first place and its last value.
      text.replace(
        '"requestParameters":{',
        '"requestParameters":{"userName":"a","roleName":"r","userName":"b",',
      ),
    ];
    for (const variant of variants) {
      expectSame([{ fileId: 0, path: 'case', bytes: Buffer.from(variant) }], variant.slice(0, 200));
    }
  });

  it('the JSON grammar: every tricky value gets the verdict JSON.parse gives it', () => {
    // As the bytes written into the file (TypeScript escapes: '\\x' is a backslash and an x).
    const values = [
      '0',
      '-0',
      '01',
      '00',
      '-',
      '-01',
      '1.',
      '.5',
      '1.5',
      '1e',
      '1e+',
      '1E5',
      '-0.0e-0',
      '1e05',
      '+1',
      '0x10',
      '1_0',
      'Infinity',
      'NaN',
      'true',
      'tru',
      'truex',
      'nul',
      'nulll',
      'false',
      '[1,]',
      '[,1]',
      '[1 2]',
      ' [ 1 ,\t2 ]\r\n',
      '{"a":1,}',
      '{"a" 1}',
      '{1:2}',
      '{"a":1 "b":2}',
      '"\\x"',
      '"\\u12"',
      '"\\u12G4"',
      '"\\uD800"',
      '"\\/"',
      '"a\tb"',
      '"\u00a0"',
      '\u00a0 1',
      '"unterminated',
      '[[[[[]]]]]',
      '{}',
      '[]',
      '""',
      '"\\""',
      '"\\"',
    ];
    for (const literal of values) {
      for (const where of [
        '"readOnly":',
        '"requestParameters":{"name":',
        '"userIdentity":{"arn":',
      ]) {
        const record = makeRecord();
        delete record.readOnly;
        delete record.requestParameters;
        delete record.userIdentity;
        const body = recordsJson([record, makeRecord()]);
        const close = where.endsWith('{"name":') || where.endsWith('{"arn":') ? '}' : '';
        const text = body.replace(
          '"eventVersion":"1.09",',
          `"eventVersion":"1.09",${where}${literal}${close},`,
        );
        expectSame(
          [{ fileId: 0, path: 'grammar', bytes: Buffer.from(text) }],
          `${where} ${literal}`,
        );
      }
    }
  });

  it('what may follow the document: JSON whitespace, and nothing else', () => {
    const text = recordsJson([makeRecord(), makeRecord()]);
    for (const after of ['\n', ' \t\r\n', '\f', '\v', '\u00a0', 'x', '\u0000']) {
      expectSame(
        [{ fileId: 0, path: 'tail', bytes: Buffer.from(text + after) }],
        JSON.stringify(after),
      );
    }
  });

  it('a file over the size limit goes the ordinary way', () => {
    const bytes = deliveryFile([makeRecord(), makeRecord()]);
    const small = new ScannedFileReader(new BatchBuilder(0), bytes.length - 1);
    expect(small.read(bytes, 0, () => true)).toBeUndefined();
    const large = new ScannedFileReader(new BatchBuilder(0), bytes.length);
    expect(large.read(bytes, 0, () => true)).toEqual({ events: 2, malformed: 0 });
  });

  it('deep nesting and long values', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const records = [
      makeRecord({ requestParameters: { policy: deep } }),
      makeRecord({
        userAgent: 'u'.repeat(100_000),
        requestParameters: { key: 'k'.repeat(5000), bucketName: 'b' },
      }),
      makeRecord(),
    ];
    expectSame([{ fileId: 0, path: 'case', bytes: deliveryFile(records) }]);
  });

  it('a thousand random corruptions get the same verdict and the same rows either way', () => {
    const next = random(20261204);
    const base = deliveryFile([
      ...real.slice(0, 6),
      makeRecord({ userAgent: 'a\\"b', requestParameters: { bucketName: 'b', key: 'k' } }),
      makeRecord({ additionalEventData: { x: [1, -2.5e-3, true, null] } }),
    ]);
    const significant = Buffer.from('"{}[],:\\ 0123456789.eE+-tfnul\u0000\u001f\u007fé');
    let failed = 0;
    for (let round = 0; round < 1000; round++) {
      const bytes = Buffer.from(base);
      const edits = 1 + Math.floor(next() * 3);
      let mutated: Buffer = bytes;
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * mutated.length);
        const byte = significant[Math.floor(next() * significant.length)]!;
        const how = next();
        if (how < 0.5) mutated[at] = byte;
        else if (how < 0.75)
          mutated = Buffer.concat([mutated.subarray(0, at), mutated.subarray(at + 1)]);
        else
          mutated = Buffer.concat([
            mutated.subarray(0, at),
            Buffer.from([byte]),
            mutated.subarray(at),
          ]);
      }
      const { scanned, ordinary } = bothWays([{ fileId: 0, path: 'fuzz', bytes: mutated }]);
      if (ordinary.files[0]!.status !== 'loaded') failed++;
      expect(scanned, `round ${round}: ${mutated.toString('latin1').slice(0, 300)}`).toEqual(
        ordinary,
      );
    }
    // The corruptions reach both verdicts: many files break, many still load.
    expect(failed).toBeGreaterThan(100);
    expect(failed).toBeLessThan(1000);
  });
});
