import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_FILE, generateDemoRecords, writeDemoTree } from '../../source/demo/index.js';

type Rec = Record<string, unknown>;

const records = generateDemoRecords();

function field(record: Rec, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Rec)[key] : undefined;
  }
  return value;
}

/** The first record matching every `path: value` pair, failing the test when there is none. */
function find(match: Record<string, unknown>): Rec {
  const found = records.find((r) => Object.entries(match).every(([k, v]) => field(r, k) === v));
  if (!found) throw new Error(`no record matches ${JSON.stringify(match)}`);
  return found;
}

const timeOf = (record: Rec): number => Date.parse(String(record.eventTime));

describe('demo generator', () => {
  it('is deterministic', () => {
    expect(generateDemoRecords()).toStrictEqual(records);
  });

  it('matches the shipped data file (run npm run demo:generate after changing it)', async () => {
    const text = gunzipSync(await readFile(DEMO_DATA_FILE)).toString('utf8');
    expect((JSON.parse(text) as { Records: Rec[] }).Records).toStrictEqual(records);
  });

  it('looks like a real trail', () => {
    expect(records.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(records.map((r) => r.eventID)).size).toBe(records.length);
    expect(new Set(records.map((r) => r.awsRegion)).size).toBeGreaterThanOrEqual(3);
    const times = records.map((r) => String(r.eventTime));
    expect(times.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(t))).toBe(true);
    expect([...times].sort()).toEqual(times);
    for (const r of records) {
      expect(r.recipientAccountId).toBe('111122223333');
      expect(typeof field(r, 'userIdentity.type')).toBe('string');
      // IAM, sign-in and global STS events are recorded in us-east-1.
      if (r.eventSource === 'iam.amazonaws.com' || r.eventSource === 'signin.amazonaws.com') {
        expect(r.awsRegion).toBe('us-east-1');
      }
    }
    const keyIds = records.map((r) => field(r, 'userIdentity.accessKeyId')).filter(Boolean);
    expect(keyIds.every((k) => /^A[KS]IA[A-Z0-9]{16}$/.test(String(k)))).toBe(true);
  });

  it('tells the KeyHunter story in order', () => {
    const attacker = { sourceIPAddress: '102.88.109.159', 'userIdentity.userName': 'KeyHunter' };
    const failed = find({
      ...attacker,
      eventName: 'ConsoleLogin',
      errorMessage: 'Failed authentication',
    });
    expect(failed.errorCode).toBeUndefined();
    const login = find({
      ...attacker,
      eventName: 'ConsoleLogin',
      'responseElements.ConsoleLogin': 'Success',
      'additionalEventData.MFAUsed': 'No',
      eventType: 'AwsConsoleSignIn',
    });
    const listBuckets = find({ ...attacker, eventName: 'ListBuckets' });
    const theft = find({
      ...attacker,
      eventName: 'GetObject',
      'requestParameters.bucketName': 'dora-cloudbucket',
      'requestParameters.key': 'Threat Intelligence.docx',
    });
    expect(theft.resources).toContainEqual({
      type: 'AWS::S3::Object',
      ARN: 'arn:aws:s3:::dora-cloudbucket/Threat Intelligence.docx',
    });
    const createUser = find({
      ...attacker,
      eventName: 'CreateUser',
      'requestParameters.userName': 'aws_consoler',
      'requestParameters.path': '/service-role/',
    });
    const attach = find({
      ...attacker,
      eventName: 'AttachUserPolicy',
      'requestParameters.userName': 'aws_consoler',
      'requestParameters.policyArn': 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    const key = find({
      ...attacker,
      eventName: 'CreateAccessKey',
      'requestParameters.userName': 'aws_consoler',
    });
    const role = find({ ...attacker, eventName: 'CreateRole' });
    const lambda = find({ ...attacker, eventName: 'UpdateFunctionCode20150331v2' });
    expect(field(lambda, 'requestParameters.functionName')).toBe('invoice-processor');
    const federation = find({ ...attacker, eventName: 'GetFederationToken' });
    const assume = find({
      ...attacker,
      eventName: 'AssumeRole',
      'requestParameters.roleArn': 'arn:aws:iam::111122223333:role/ops-admin',
    });
    const newKey = field(key, 'responseElements.accessKey.accessKeyId');
    const reuse = find({ sourceIPAddress: '45.9.148.108', 'userIdentity.accessKeyId': newKey });
    const story = [
      failed,
      login,
      listBuckets,
      theft,
      createUser,
      attach,
      key,
      role,
      lambda,
      federation,
      assume,
      reuse,
    ];
    const times = story.map(timeOf);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(story.map((r) => String(r.eventTime).slice(0, 10)))).toEqual(
      new Set(['2025-03-13']),
    );
  });

  it('gives KeyHunter an ordinary history with MFA from another address', () => {
    const before = records.filter(
      (r) =>
        field(r, 'userIdentity.userName') === 'KeyHunter' && String(r.eventTime) < '2025-03-13',
    );
    expect(before.length).toBeGreaterThan(5);
    expect(before.some((r) => r.sourceIPAddress === '102.88.109.159')).toBe(false);
    const logins = before.filter((r) => r.eventName === 'ConsoleLogin');
    expect(logins.every((r) => field(r, 'additionalEventData.MFAUsed') === 'Yes')).toBe(true);
  });
});

describe('writeDemoTree', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes an S3 delivery tree holding every event exactly once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trailhound-demo-'));
    dirs.push(dir);
    const result = await writeDemoTree(records, dir);
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json.gz'));
    expect(result).toEqual({ files: files.length, events: records.length });
    const seen = new Map<unknown, number>();
    const layout =
      /^AWSLogs\/111122223333\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d\d)\/(\d\d)\/111122223333_CloudTrail_\1_\2\3\4T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
    for (const file of files) {
      expect(file.split('\\').join('/')).toMatch(layout);
      const parsed = JSON.parse(gunzipSync(await readFile(join(dir, file))).toString('utf8')) as {
        Records: Rec[];
      };
      for (const r of parsed.Records) seen.set(r.eventID, (seen.get(r.eventID) ?? 0) + 1);
    }
    expect(seen.size).toBe(records.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});
