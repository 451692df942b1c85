import { afterEach, describe, expect, it } from 'vitest';
import { detectIn } from '../helpers/detect.js';
import { iamUser, makeRecord, recordsJson, tempTree, type TestRecord } from '../helpers/records.js';

/**
 * A tool new for its caller (Detective's NewUserAgent), on trails of our own making: an upgrade
 * is not new, a console-only user's key suddenly driven by python-requests is, and nothing is
 * new without a history.
 */

const LONDON = '81.2.69.142';
const LAGOS = '102.88.109.159';
const CONSOLE = 'signin.amazonaws.com';
const CLI_OLD = 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux lang/python#3.11.8';
const CLI_NEW = 'aws-cli/2.16.1 md/awscrt#0.20.1 ua/2.0 os/linux lang/python#3.12.1';
const REQUESTS = 'python-requests/2.31.0';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

async function detectRecords(records: TestRecord[]) {
  const tree = tempTree('new-tool');
  trees.push(tree);
  return detectIn([tree.write('trail.json', recordsJson(records))]);
}

const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2025, 4, day, hour, minute)).toISOString().replace(/\.\d{3}Z$/, 'Z');

function call(time: string, ip: string, userAgent: string, eventName = 'DescribeInstances') {
  const iam = eventName === 'CreateUser';
  return makeRecord({
    userIdentity: iamUser('carol'),
    eventTime: time,
    eventSource: iam ? 'iam.amazonaws.com' : 'ec2.amazonaws.com',
    eventName,
    sourceIPAddress: ip,
    userAgent,
    requestParameters: iam ? { userName: 'helper' } : null,
    responseElements: iam ? { user: { userName: 'helper' } } : null,
  });
}

function history(userAgent: string, days: number[]): TestRecord[] {
  return days.flatMap((day) =>
    [0, 20, 40].map((minute) => call(at(day, 9, minute), LONDON, userAgent)),
  );
}

const ofRule = (run: Awaited<ReturnType<typeof detectRecords>>, id: string) =>
  run.findings.filter((finding) => finding.ruleId === id);

describe('new-user-agent-sensitive-action', () => {
  it('a console-only user whose key is suddenly used by python-requests for CreateUser is flagged', async () => {
    const fromHome = await detectRecords([
      ...history(CONSOLE, [1, 2, 3, 4, 5]),
      call(at(6, 10), LONDON, REQUESTS, 'CreateUser'),
    ]);
    const [home] = ofRule(fromHome, 'new-user-agent-sensitive-action');
    expect(home?.severity).toBe('medium');
    expect(home?.summary).toContain('CreateUser with a new tool: python-requests');
    expect(home?.summary).toContain('from a usual place');

    // The same from somewhere the user has never worked: high, and the new-address IAM write
    // names the tool.
    const fromAfar = await detectRecords([
      ...history(CONSOLE, [1, 2, 3, 4, 5]),
      call(at(6, 10), LAGOS, REQUESTS, 'CreateUser'),
    ]);
    const [far] = ofRule(fromAfar, 'new-user-agent-sensitive-action');
    expect(far?.severity).toBe('high');
    expect(far?.principal).toContain('carol');
    const [write] = ofRule(fromAfar, 'new-address-first-action-iam-write');
    expect(write?.summary).toContain('with a new tool: python-requests');
  });

  it('an aws-cli upgrade is not a new tool, from anywhere', async () => {
    const run = await detectRecords([
      ...history(CLI_OLD, [1, 2, 3, 4, 5]),
      call(at(6, 10), LAGOS, CLI_NEW, 'CreateUser'),
    ]);
    expect(ofRule(run, 'new-user-agent-sensitive-action')).toEqual([]);
    expect(run.findings.some((finding) => finding.summary.includes('new tool'))).toBe(false);
  });

  it("Kali's aws-cli is the same family as the owner's, yet a new tool (and only at first)", async () => {
    const kali = `${CLI_NEW} md/distrib#kali.2024`;
    const run = await detectRecords([
      ...history(CLI_OLD, [1, 2, 3, 4, 5]),
      call(at(6, 10), LAGOS, kali, 'CreateUser'),
      // Two days later the same tool is no longer news.
      ...history(kali, [8]),
      call(at(8, 11), LAGOS, kali, 'CreateUser'),
    ]);
    const hits = ofRule(run, 'new-user-agent-sensitive-action');
    expect(hits.map((hit) => [hit.severity, hit.summary])).toEqual([
      [
        'high',
        'CreateUser with a new tool: aws-cli/2 (kali), an attack tool, from an unusual place',
      ],
    ]);
  });

  it('without a history nothing is new', async () => {
    const run = await detectRecords([
      call(at(1, 9), LONDON, CONSOLE),
      call(at(1, 10), LAGOS, REQUESTS, 'CreateUser'),
    ]);
    expect(ofRule(run, 'new-user-agent-sensitive-action')).toEqual([]);
  });
});
