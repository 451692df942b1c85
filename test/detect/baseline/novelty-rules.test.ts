import { describe, expect, it } from 'vitest';
import { detect, type BaselineOptions, type Finding } from '../../../source/detect/index.js';
import type { IndexView } from '../../../source/index/index.js';
import { geoDatabase } from '../../../source/geo/index.js';
import { detectIn } from '../../helpers/detect.js';
import { indexOfFields, type FieldsRow } from '../../helpers/fields-index.js';
import {
  assumedRole,
  makeRecord,
  recordsJson,
  tempTree,
  type TestRecord,
} from '../../helpers/records.js';

const geo = geoDatabase();
const at = (day: number, hour: number, minute = 0) => Date.UTC(2025, 2, day, hour, minute);
const LONDON = '81.2.69.142';
const LONDON_NEIGHBOUR = '81.2.69.160';
const LAGOS = '102.88.109.159';
const HOME = '73.22.14.5'; // Comcast, US
const HOME_OTHER_BLOCK = '24.5.6.7'; // Comcast, US, another /24
/** AWS in us-east-1 and eu-central-1: where a pipeline runs, not where a person is. */
const CLOUD = ['3.85.12.34', '54.210.1.2', '18.185.3.4', '52.14.9.9'];
const NOVELTY = [
  'console-login-new-ip',
  'get-caller-identity-new-ip',
  'new-address-first-action-iam-write',
  'chain-login-discovery-access',
];

function event(principal: string, time: number, sourceIp: string, eventName = 'ListBuckets') {
  const iam = /^(Create|Attach|Put|Update|Delete)/.test(eventName);
  return {
    principal,
    time,
    sourceIp,
    eventName,
    eventSource:
      eventName === 'ConsoleLogin'
        ? 'signin.amazonaws.com'
        : eventName === 'GetCallerIdentity'
          ? 'sts.amazonaws.com'
          : iam
            ? 'iam.amazonaws.com'
            : 's3.amazonaws.com',
    account: '111122223333',
    identityType: principal.includes('/') ? 'AssumedRole' : 'IAMUser',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6',
    region: 'us-east-1',
  } satisfies FieldsRow;
}

async function novelty(rows: FieldsRow[], baseline?: BaselineOptions): Promise<Finding[]> {
  const run = await detect({
    index: indexOfFields(rows),
    ipFacts: (ip) => geo.lookup(ip),
    ...(baseline ? { baseline } : {}),
  });
  return run.findings.filter((f) => NOVELTY.includes(f.ruleId));
}

const lines = (findings: Finding[]) =>
  findings.map((f) => `${f.ruleId} ${f.severity}: ${f.summary}`);

describe('novelty against a real history', () => {
  it("a trail's first days: nothing is new yet, so nothing is loud", async () => {
    const findings = await novelty([
      event('alice', at(1, 9), LONDON),
      event('alice', at(2, 9), LAGOS, 'ConsoleLogin'),
      event('alice', at(2, 9, 1), LAGOS, 'GetCallerIdentity'),
      event('bob', at(1, 10), HOME),
      event('bob', at(2, 10), HOME_OTHER_BLOCK, 'AttachUserPolicy'),
      event('bob', at(2, 11), LAGOS, 'CreateUser'),
    ]);
    // Only the change of country is worth a line, low and saying why.
    expect(lines(findings)).toEqual([
      expect.stringMatching(
        /^console-login-new-ip low: console login from new country: 102\.88\.109\.159 \(NG.*; no baseline yet; earlier 81\.2\.69\.142$/,
      ),
    ]);
  });

  it('an IaC role writing IAM from cloud addresses in two regions stays silent', async () => {
    const rows: FieldsRow[] = [];
    for (let day = 1; day <= 12; day++) {
      const ip = CLOUD[day % CLOUD.length]!;
      rows.push(event(`terraform/run-${day}`, at(day, 3), ip, 'CreateRole'));
      rows.push(event(`terraform/run-${day}`, at(day, 3, 1), ip, 'AttachRolePolicy'));
      rows.push(event(`terraform/run-${day}`, at(day, 3, 2), ip, 'GetCallerIdentity'));
    }
    expect(lines(await novelty(rows))).toEqual([]);
  });

  it('with a history: a new country and persistence is high; a new lease is nothing', async () => {
    const rows = [
      event('carol', at(1, 9), LONDON),
      event('carol', at(2, 9), LONDON),
      event('carol', at(3, 9), LONDON),
      event('carol', at(4, 8), LONDON_NEIGHBOUR, 'CreateUser'),
      event('carol', at(4, 9), LAGOS, 'AttachUserPolicy'),
    ];
    const findings = await novelty(rows);
    expect(lines(findings)).toEqual([
      expect.stringMatching(
        /^new-address-first-action-iam-write high: AttachUserPolicy from new country: 102\.88\.109\.159 \(NG.*new for the account too; earlier 81\.2\.69\.160, 81\.2\.69\.142$/,
      ),
    ]);
    expect(findings[0]!.rows).toEqual([4]);
  });

  it('a console login: a new block of the home ISP is low, a new country with data access high', async () => {
    const rows = [
      event('dave', at(1, 19), HOME, 'ConsoleLogin'),
      event('dave', at(2, 19), HOME, 'ConsoleLogin'),
      event('dave', at(3, 19), HOME_OTHER_BLOCK, 'ConsoleLogin'),
      event('dave', at(4, 14), LAGOS, 'ConsoleLogin'),
      event('dave', at(4, 14, 3), LAGOS, 'GetObject'),
    ];
    const logins = await novelty(rows);
    expect(lines(logins)).toEqual([
      expect.stringMatching(
        /^console-login-new-ip high: console login from new country: 102\.88\.109\.159 \(NG.*new for the account too, then GetObject \(data-access\); earlier 24\.5\.6\.7, 73\.22\.14\.5$/,
      ),
      expect.stringMatching(
        /^console-login-new-ip low: console login from new address: 24\.5\.6\.7/,
      ),
    ]);
  });

  it('--baseline-until and --baseline SOURCE give a one-day trail its history', async () => {
    const rows = [event('erin', at(10, 9), LONDON), event('erin', at(10, 10), LAGOS, 'CreateUser')];
    expect(await novelty(rows)).toEqual([]);
    const until = await novelty(rows, { until: at(10, 9, 30) });
    expect(lines(until)).toEqual([
      expect.stringMatching(
        /^new-address-first-action-iam-write high: CreateUser from new country/,
      ),
    ]);
    const earlier: IndexView = indexOfFields([
      { ...event('erin', at(1, 9), LONDON), eventId: 'old-1' },
      { ...event('erin', at(2, 9), LONDON), eventId: 'old-2' },
    ]);
    const learned = await novelty(rows, { learnFrom: earlier });
    expect(lines(learned)).toEqual(lines(until));
    // The earlier export only teaches: its rows are nobody's evidence.
    expect(learned[0]!.rows).toEqual([1]);
  });
});

describe('what a login looks like', () => {
  it('an Identity Center sign-in records "MFAUsed: No": from a new provider it is no alarm', async () => {
    const sso = assumedRole('AWSReservedSSO_PowerUser_8d1e4b7a', 'jo@example.com');
    const time = (day: number, minute: number) =>
      new Date(at(day, 9, minute)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const day = (n: number, ip: string): TestRecord[] => [
      makeRecord({
        userIdentity: sso,
        eventTime: time(n, 0),
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        sourceIPAddress: ip,
        responseElements: { ConsoleLogin: 'Success' },
        additionalEventData: { MFAUsed: 'No' },
      }),
      makeRecord({ userIdentity: sso, eventTime: time(n, 1), sourceIPAddress: ip }),
      makeRecord({
        userIdentity: sso,
        eventTime: time(n, 3),
        eventName: 'GetObject',
        sourceIPAddress: ip,
        requestParameters: { bucketName: 'reports', key: 'q1.csv' },
      }),
    ];
    // Three days at home on Comcast, then a day from Verizon in the same country.
    const records = [...day(1, HOME), ...day(2, HOME), ...day(3, HOME), ...day(4, '75.210.0.18')];
    const tree = tempTree('sso-login');
    try {
      const run = await detectIn([tree.write('trail.json', recordsJson(records))]);
      const found = run.findings.filter((f) => NOVELTY.includes(f.ruleId));
      expect(lines(found)).toEqual([
        expect.stringMatching(
          /^console-login-new-ip medium: console login from new network: 75\.210\.0\.18/,
        ),
      ]);
    } finally {
      tree.remove();
    }
  });
});
