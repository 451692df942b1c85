import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../source/trail/normalize.js';
import { parseQuery } from '../../source/trail/query/index.js';
import { fillStep, stepById } from '../../source/triage/index.js';
import { holds } from '../helpers/query-eval.js';

/**
 * The jq halves of the CLI lines, run on a `lookup-events` answer, so what the playbook teaches
 * is known to work. Skipped (loudly) where jq is not installed.
 */
const hasJq = (() => {
  try {
    execFileSync('jq', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn(
      '\n!!! SKIPPED "the jq filters in the CLI lines": jq is not installed, so the playbook’s jq filters are not run. Install it: apt-get install jq\n',
    );
    return false;
  }
})();

const IP = '102.88.109.159';
const EVIDENCE_NOW = Date.UTC(2025, 2, 14, 12);
const NOW = { evidence: EVIDENCE_NOW, wall: Date.now() };
const SUSPECTS = { principal: 'KeyHunter', key: 'AKIAEXAMPLE', ip: IP };
const RECORDS = [
  { eventName: 'ConsoleLogin', sourceIPAddress: IP, responseElements: { ConsoleLogin: 'Failure' } },
  { eventName: 'ConsoleLogin', sourceIPAddress: IP, responseElements: { ConsoleLogin: 'Success' } },
  { eventName: 'ListBuckets', sourceIPAddress: IP, responseElements: null },
  { eventName: 'GetObject', sourceIPAddress: '10.0.0.1', errorCode: 'AccessDenied' },
  {
    eventName: 'UpdateFunctionCode20150331v2',
    eventSource: 'lambda.amazonaws.com',
    sourceIPAddress: '3.3.3.3',
    requestParameters: { functionName: 'billing' },
  },
  {
    eventName: 'UpdateFunctionConfiguration20150331v2',
    eventSource: 'lambda.amazonaws.com',
    sourceIPAddress: '3.3.3.3',
  },
  {
    eventName: 'AttachUserPolicy',
    eventSource: 'iam.amazonaws.com',
    sourceIPAddress: IP,
    requestParameters: { policyArn: 'x' },
  },
  { eventName: 'GetPolicy', eventSource: 'iam.amazonaws.com', sourceIPAddress: IP },
  { eventName: 'ListAttachedUserPolicies', eventSource: 'iam.amazonaws.com', sourceIPAddress: IP },
  { eventName: 'PutUserPolicy', eventSource: 'iam.amazonaws.com', sourceIPAddress: IP },
  { eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', sourceIPAddress: IP },
].map((record, at) => ({
  eventID: `event-${at}`,
  eventTime: `2025-03-14T10:${String(at).padStart(2, '0')}:00Z`,
  userIdentity: { arn: 'arn:aws:iam::111122223333:user/KeyHunter', userName: 'KeyHunter' },
  ...record,
}));
const ANSWER = {
  Events: RECORDS.map((record) => ({
    EventName: record.eventName,
    CloudTrailEvent: JSON.stringify(record),
  })),
};

const dir = mkdtempSync(join(tmpdir(), 'triage-jq-'));
const answerFile = join(dir, 'lookup-events.json');
writeFileSync(answerFile, JSON.stringify(ANSWER));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The names of the events the step's jq filter keeps. */
function kept(stepId: string): string[] {
  const step = stepById(stepId)!;
  const command = fillStep(step, SUSPECTS, NOW).cli!.split('\n')[0]!;
  const filter = command.slice(command.indexOf('| jq ') + 2);
  const out = execFileSync('bash', ['-c', `${filter} < "$1"`, 'bash', answerFile], {
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { eventName: string }).eventName);
}

/** The events of RECORDS the step's lookup attribute returns and its query keeps. */
function queryKeeps(stepId: string): string[] {
  const { query, cli } = fillStep(stepById(stepId)!, SUSPECTS, NOW);
  const parsed = parseQuery(query!, EVIDENCE_NOW);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const attribute = /AttributeKey=(\w+),AttributeValue=(\S+)/.exec(cli!);
  const returned = (record: (typeof RECORDS)[number]) => {
    if (!attribute) return true;
    const [, key, value] = attribute;
    const raw = record as Record<string, unknown>;
    if (key === 'EventSource') return raw.eventSource === value;
    if (key === 'Username') return record.userIdentity.userName === value;
    throw new Error(`no test support for the ${key} attribute`);
  };
  return RECORDS.filter(returned)
    .filter((record) => {
      const normalized = normalizeRecord(record);
      if (!normalized.ok) throw new Error(normalized.reason);
      return holds(parsed.query.root, normalized.fields);
    })
    .map((record) => record.eventName);
}

const JQ_TESTS = 'the jq filters in the CLI lines';
if (!hasJq)
  console.warn(
    `\n!!! SKIPPED "${JQ_TESTS}": jq is not installed. Install it: apt-get install jq\n`,
  );
describe.skipIf(!hasJq)(hasJq ? JQ_TESTS : `${JQ_TESTS} [SKIPPED: jq is not installed]`, () => {
  it('keep only the suspect address', () => {
    const fromIp = RECORDS.filter((r) => r.sourceIPAddress === IP).map((r) => r.eventName);
    expect(kept('triage-first-seen')).toEqual(fromIp);
    expect(kept('watch-suspect-ip')).toEqual(fromIp);
  });

  it('keep only the calls that succeeded', () => {
    expect(kept('identify-affected-accounts')).toEqual([
      'ConsoleLogin',
      'ListBuckets',
      'UpdateFunctionCode20150331v2',
      'UpdateFunctionConfiguration20150331v2',
      'AttachUserPolicy',
      'GetPolicy',
      'ListAttachedUserPolicies',
      'PutUserPolicy',
      'ListUsers',
    ]);
  });

  it('keep Lambda code updates under their versioned name', () => {
    expect(kept('lambda-code-updated-30d')).toEqual(['UpdateFunctionCode20150331v2']);
  });

  it('keep IAM policy writes and drop the reads', () => {
    expect(kept('iam-policy-changes-30d')).toEqual(['AttachUserPolicy', 'PutUserPolicy']);
  });

  // The step's query (with its OR lists and negations) and its jq are two spellings of one
  // question: on what the lookup attribute returns, they keep the same events.
  for (const stepId of [
    'iam-policy-changes-30d',
    'lambda-code-updated-30d',
    'identify-affected-accounts',
    'triage-first-seen',
  ]) {
    it(`keep what the query of ${stepId} keeps`, () => {
      expect(kept(stepId)).toEqual(queryKeeps(stepId));
      expect(kept(stepId).length).toBeGreaterThan(0);
    });
  }

  it('project the key fields of the suspect’s calls', () => {
    expect(kept('suspect-recent-activity')).toHaveLength(RECORDS.length);
  });
});
