import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import {
  loadSigmaRules,
  severityCounts,
  type DetectionRun,
  type SigmaRule,
} from '../../source/detect/index.js';
import { geoDatabase } from '../../source/geo/index.js';
import { ipProfile } from '../../source/index/index.js';
import { ipLines } from '../../source/state/ip-key-lines.js';
import { detectIn } from '../helpers/detect.js';
import { fixture } from '../helpers/fixtures.js';
import {
  assumedRole,
  iamUser,
  makeRecord,
  recordsJson,
  tempTree,
  type TestRecord,
} from '../helpers/records.js';

/** Findings as an analyst groups them: one actor per role, one finding per thing said. */

let demo: DetectionRun & { index: Awaited<ReturnType<typeof detectIn>>['index'] };
let sigma: SigmaRule[];
beforeAll(async () => {
  sigma = (await loadSigmaRules([fixture('sigma-cloudtrail')])).rules;
  demo = await detectIn([DEMO_DATA_FILE], sigma);
}, 120_000);

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

describe('a role and its sessions are one actor', () => {
  it('the nightly scanner gives one finding per rule, its five sessions listed', () => {
    const scanner = demo.findings.filter((f) => f.principal.startsWith('SecurityAudit'));
    const byRule = new Map<string, number>();
    for (const finding of scanner)
      byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    // Before: five of each, one per daily session name.
    expect([...byRule.values()].every((count) => count === 1)).toBe(true);
    expect(byRule.get('discovery-burst')).toBe(1);
    expect(byRule.get('s3-list-buckets-outside-aws')).toBe(1);
    const burst = scanner.find((f) => f.ruleId === 'discovery-burst')!;
    expect(burst.principal).toBe('SecurityAudit');
    expect(burst.sessions).toEqual([10, 11, 12, 13, 14].map((day) => `scanner-2025-03-${day}`));
    expect(burst.summary).toContain('5 sessions');
  });

  it('a Sigma rule fires once per rule and actor, its summary naming what happened', () => {
    const misuse = demo.findings.filter(
      (f) => f.origin === 'sigma' && f.sigma?.title === 'AWS STS AssumeRole Misuse',
    );
    expect(misuse.length).toBeGreaterThan(1);
    const actors = misuse.map((f) => f.principal);
    expect(new Set(actors).size).toBe(actors.length);
    expect(actors).not.toContainEqual(expect.stringMatching(/\//));
    for (const finding of misuse) {
      expect(finding.summary).not.toMatch(/matching event/);
      // The calls, who, from where and when.
      expect(finding.summary).toMatch(/^[A-Z][A-Za-z]+/);
      expect(finding.summary).toContain(` by ${finding.principal}`);
      expect(finding.summary).toMatch(/ from \S+/);
      expect(finding.summary).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
    }
  });
});

describe("baselines and bursts belong to the actor, not to one day's session", () => {
  const at = (day: number, hour: number, minute = 0, second = 0) =>
    new Date(Date.UTC(2025, 2, day, hour, minute, second)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const assume = (day: number, role: string): TestRecord =>
    makeRecord({
      userIdentity: assumedRole('deployer', `run-${day}`),
      eventTime: at(day, 3),
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      sourceIPAddress: '10.1.2.3',
      requestParameters: {
        roleArn: `arn:aws:iam::111122223333:role/${role}`,
        roleSessionName: 'x',
      },
    });

  it('a role renamed every night still assumes a role "for the first time"', async () => {
    const tree = tempTree('first-time');
    trees.push(tree);
    const records = [
      assume(3, 'build'),
      assume(4, 'build'),
      assume(5, 'build'),
      assume(6, 'admin'),
    ];
    const run = await detectIn([tree.write('trail.json', recordsJson(records))]);
    const first = run.findings.filter((f) => f.ruleId === 'sts-assume-role-first-time');
    expect(first.map((f) => [f.principal, f.summary, f.sessions])).toEqual([
      ['deployer', 'assumed arn:aws:iam::111122223333:role/admin for the first time', ['run-6']],
    ]);
  });

  it('two sessions of one role enumerating side by side are one burst', async () => {
    const tree = tempTree('side-by-side');
    trees.push(tree);
    const names = [
      'ListUsers',
      'ListRoles',
      'ListPolicies',
      'ListGroups',
      'DescribeInstances',
      'DescribeVpcs',
      'ListBuckets',
      'ListKeys',
      'DescribeSubnets',
      'ListFunctions',
      'GetAccountSummary',
    ];
    const records = ['a', 'b'].flatMap((session, s) =>
      names.map((name, i) =>
        makeRecord({
          userIdentity: assumedRole('inventory', session),
          eventTime: at(3, 2, 0, 2 * i + s),
          eventSource: 'iam.amazonaws.com',
          eventName: name,
          sourceIPAddress: '10.0.0.9',
        }),
      ),
    );
    const run = await detectIn([tree.write('trail.json', recordsJson(records))]);
    const bursts = run.findings.filter((f) => f.ruleId === 'discovery-burst');
    expect(bursts.map((f) => [f.principal, f.rows.length, f.sessions])).toEqual([
      ['inventory', 22, ['a', 'b']],
    ]);
  });
});

describe('a Sigma correlation grouped by session is one finding per actor', () => {
  it('ListUsers counted per session ARN: the scanner is one finding, its five nights named', async () => {
    const tree = tempTree('sigma-correlation');
    trees.push(tree);
    const rules = tree.write(
      'per-session.yml',
      [
        'title: Any User Listing',
        'name: any_user_listing',
        'id: 0c5d1a52-8f53-4a55-9d3e-6c1c2f1b7a01',
        'logsource: { product: aws, service: cloudtrail }',
        'detection:',
        '  selection: { eventName: ListUsers }',
        '  condition: selection',
        'level: low',
        '---',
        'title: Users Listed Per Session',
        'id: 0c5d1a52-8f53-4a55-9d3e-6c1c2f1b7a02',
        'author: trailhound tests',
        'correlation:',
        '  type: event_count',
        '  rules: [any_user_listing]',
        '  group-by: [userIdentity.arn]',
        '  timespan: 1h',
        '  condition: { gte: 1 }',
        'level: low',
        '',
      ].join('\n'),
    );
    const loaded = await loadSigmaRules([rules]);
    expect(loaded.problems).toEqual([]);
    const run = await detectIn([DEMO_DATA_FILE], loaded.rules);
    const listed = run.findings.filter((f) => f.title === 'Users Listed Per Session');
    const scanner = listed.filter((f) => f.principal.startsWith('SecurityAudit'));
    expect(scanner.map((f) => [f.principal, f.rows.length, f.sessions?.length])).toEqual([
      ['SecurityAudit', 5, 5],
    ]);
    expect(scanner[0]!.summary).toMatch(
      /^Sigma correlation: event_count for userIdentity\.arn=arn:aws:sts::/,
    );
    expect(scanner[0]!.summary).toMatch(/\(\+2 more\), 5 times: ListUsers ×5 by SecurityAudit/);
    // Every actor once.
    const actors = listed.map((f) => f.principal);
    expect(new Set(actors).size).toBe(actors.length);
  });
});

describe('a Sigma rule that says what a built-in says is one finding', () => {
  it('console login without MFA on the demo: one finding, both provenances', () => {
    const logins = demo.findings.filter(
      (f) =>
        f.principal === 'KeyHunter' &&
        (f.ruleId === 'console-login-without-mfa' ||
          f.sigma?.title === 'AWS Successful Console Login Without MFA'),
    );
    expect(logins).toHaveLength(1);
    expect(logins[0]!.ruleId).toBe('console-login-without-mfa');
    expect(logins[0]!.sigma?.author).toMatch(/Ivan Saakov/);
    expect(logins[0]!.sigma?.references.length).toBeGreaterThan(0);
  });
});

describe('new addresses compare with addresses', () => {
  const at = (day: number, hour: number, minute = 0) =>
    new Date(Date.UTC(2025, 2, day, hour, minute)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const call = (time: string, ip: string, name = 'ListBuckets'): TestRecord =>
    makeRecord({
      userIdentity: iamUser('dana'),
      eventTime: time,
      eventName: name,
      sourceIPAddress: ip,
    });
  const login = (time: string, ip: string): TestRecord =>
    makeRecord({
      userIdentity: iamUser('dana'),
      eventTime: time,
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      sourceIPAddress: ip,
      requestParameters: null,
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { MFAUsed: 'Yes' },
    });

  async function run(records: TestRecord[]) {
    const tree = tempTree('new-address');
    trees.push(tree);
    return (await detectIn([tree.write('trail.json', recordsJson(records))])).findings;
  }

  it('names only earlier addresses, never a service or AWS Internal', async () => {
    const findings = await run([
      // Two days of history, so the fourth day's address is judged new.
      login(at(2, 9), '192.168.10.20'),
      login(at(3, 9), '192.168.10.20'),
      call(at(3, 10), 'secretsmanager.amazonaws.com', 'GetSecretValue'),
      call(at(3, 11), 'AWS Internal', 'GetCallerIdentity'),
      login(at(4, 9), '10.8.8.10'),
    ]);
    const fresh = findings.find((f) => f.ruleId === 'console-login-new-ip');
    expect(fresh?.summary).toMatch(/10\.8\.8\.10/);
    expect(fresh?.summary).toMatch(/earlier 192\.168\.10\.20$/);
    expect(findings.map((f) => f.summary).join('\n')).not.toMatch(/AWS Internal|amazonaws\.com/);
  });

  it('a service name is not a new address, and not a baseline either', async () => {
    const findings = await run([
      call(at(3, 10), 'secretsmanager.amazonaws.com', 'GetCallerIdentity'),
      call(at(3, 11), 'AWS Internal', 'GetCallerIdentity'),
      // The first address dana is seen at: nothing earlier to call it new against.
      call(at(4, 9), '192.168.10.20', 'GetCallerIdentity'),
      call(at(5, 9), '192.168.10.20', 'GetCallerIdentity'),
      call(at(5, 10), 'lambda.amazonaws.com', 'GetCallerIdentity'),
    ]);
    expect(findings.filter((f) => f.ruleId === 'get-caller-identity-new-ip')).toEqual([]);
  });
});

describe('every "different address" compares addresses', () => {
  const at = (day: number, hour: number, minute = 0) =>
    new Date(Date.UTC(2025, 2, day, hour, minute)).toISOString().replace(/\.\d{3}Z$/, 'Z');

  it('a key used by a service on its owner\'s behalf is not "used from a different address"', async () => {
    const tree = tempTree('key-elsewhere');
    trees.push(tree);
    const key = 'AKIAEXAMPLENEWKEY001';
    const records: TestRecord[] = [
      makeRecord({
        userIdentity: iamUser('dana'),
        eventTime: at(3, 9),
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        sourceIPAddress: '192.0.2.10',
        requestParameters: { userName: 'dana' },
        responseElements: { accessKey: { accessKeyId: key, userName: 'dana', status: 'Active' } },
      }),
      makeRecord({
        userIdentity: { ...iamUser('dana'), accessKeyId: key },
        eventTime: at(3, 10),
        eventSource: 'secretsmanager.amazonaws.com',
        eventName: 'GetSecretValue',
        sourceIPAddress: 'secretsmanager.amazonaws.com',
      }),
      makeRecord({
        userIdentity: { ...iamUser('dana'), accessKeyId: key },
        eventTime: at(3, 11),
        eventName: 'ListBuckets',
        sourceIPAddress: 'AWS Internal',
      }),
    ];
    const run = await detectIn([tree.write('trail.json', recordsJson(records))]);
    expect(run.findings.filter((f) => f.ruleId === 'key-created-then-used-elsewhere')).toEqual([]);
    // The same key from another address is still caught.
    records.push(
      makeRecord({
        userIdentity: { ...iamUser('dana'), accessKeyId: key },
        eventTime: at(3, 12),
        eventName: 'ListBuckets',
        sourceIPAddress: '45.9.148.108',
      }),
    );
    const again = await detectIn(
      [tree.write('trail2.json', recordsJson(records.slice(3)))].concat(
        tree.write('trail.json', recordsJson(records.slice(0, 3))),
      ),
    );
    const elsewhere = again.findings.filter((f) => f.ruleId === 'key-created-then-used-elsewhere');
    expect(elsewhere).toHaveLength(1);
    // Her own key, before she has a history: said, and low (a rotation is not yet judged).
    expect(elsewhere[0]!.summary).toMatch(/used it from 45\.9\.148\.108; no baseline yet$/);
    expect(elsewhere[0]!.severity).toBe('low');
  });
});

describe('profiles cite only findings whose evidence is theirs', () => {
  it('the attacker address lists the ListBuckets finding truthfully', () => {
    const ip = '102.88.109.159';
    const geo = geoDatabase();
    const lines = ipLines(ipProfile(demo.index, ip)!, {
      index: demo.index,
      ipFacts: (value) => geo.lookup(value),
      findings: demo.findings,
      facts: demo.facts,
      risk: new Map(),
      ipDataDate: geo.dataDate,
    }).map((line) => line.text);
    const start = lines.findIndex((line) => line.startsWith('FINDINGS CITING THIS ADDRESS'));
    const end = lines.findIndex((line, i) => i > start && !line.startsWith('  '));
    const cited = lines.slice(start + 1, end);
    const cites = demo.findings.filter((f) =>
      f.rows.some((row) => demo.index.value(row, 'sourceIp') === ip),
    );
    expect(cited.length).toBeGreaterThan(0);
    const listing = cited.find((line) => line.includes('[s3-list-buckets-outside-aws]'))!;
    // Before: "ListBuckets from 198.51.100.23 (+3 more events)", as if about another address.
    expect(listing).toContain(ip);
    expect(listing).toMatch(/^ {2}LOW +03-10 08:13 {2}1 of 4 events here: ListBuckets/);
    for (const line of cited) expect(cites.some((f) => line.includes(`[${f.ruleId}]`))).toBe(true);
  });
});

describe('summaries say something', () => {
  it('an "unusual hours" finding names the usual hours; none without a habit to compare with', () => {
    const odd = demo.findings.filter((f) => f.ruleId === 'unusual-hours');
    expect(odd.length).toBeGreaterThan(0);
    for (const finding of odd) expect(finding.summary).toMatch(/usual hours (\d\d|all hours)/);
  });
});

describe('counts by severity as the list shows them', () => {
  it('the demo reads 1 critical, 7 high', async () => {
    const builtIn = await detectIn([DEMO_DATA_FILE]);
    // KeyHunter's login from a country new for him and the account, without MFA, is high; so is
    // his key driven by Kali's aws-cli (a tool he never used) making a user from Lagos.
    expect(severityCounts(builtIn.findings)).toBe('1 critical, 7 high');
  });
});
