import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, CORRELATIONS } from '../../source/detect/index.js';
import {
  PHASES,
  PLAYBOOK,
  fillStep,
  stepById,
  type PlaybookStep,
} from '../../source/triage/index.js';
import { parseQuery } from '../../source/trail/query/index.js';

const NOW = Date.UTC(2025, 2, 14, 12, 0, 0);
/** The evidence's now (the trail's end) and, long after it, the clock the analyst works by. */
const TIMES = { evidence: NOW, wall: Date.UTC(2026, 11, 7, 15, 0, 0) };
const SUSPECTS = { principal: 'KeyHunter', key: 'AKIAEXAMPLE123456789', ip: '102.88.109.159' };
const RULE_IDS = new Set([...BUILTIN_RULES, ...CORRELATIONS].map((rule) => rule.id));
const LOOKUP_ATTRIBUTES = [
  'EventName',
  'Username',
  'AccessKeyId',
  'EventSource',
  'ResourceName',
  'ResourceType',
  'EventId',
  'ReadOnly',
];

const REQUIRED_BY_PHASE: Record<number, string[]> = {
  1: [
    'triage-findings',
    'triage-first-seen',
    'triage-affected-resources',
    'triage-active-principal',
    'triage-active-key',
  ],
  2: [
    'preserve-cloudtrail-trail',
    'preserve-log-bucket',
    'identify-affected-accounts',
    'assess-blast-radius',
    'engage-incident-team',
  ],
  3: [
    'roles-created-7d',
    'lambda-code-updated-30d',
    'users-created-90d',
    'suspect-recent-activity',
  ],
  4: [
    'pattern-compromised-credentials',
    'pattern-lambda-compromise',
    'pattern-rogue-iam-users',
    'pattern-federation-abuse',
  ],
  5: [
    'export-cloudtrail-logs',
    'export-lambda-code',
    'export-iam-configuration',
    'export-vpc-flow-logs',
    'export-cloudwatch-logs',
  ],
  6: [
    'disable-console-access',
    'deactivate-access-keys',
    'attach-quarantine-policy',
    'revoke-active-sessions',
    'delete-suspicious-roles',
    'delete-rogue-users',
    'stop-compromised-lambda',
  ],
  7: [
    'watch-contained-key',
    'watch-suspect-ip',
    'rotate-credentials',
    'tighten-policies',
    'enforce-mfa',
    'review-scps',
  ],
  8: [
    'report-timeline',
    'report-attack-vector',
    'report-affected-resources',
    'report-actions-taken',
    'lessons-learned',
    'prevent-detection-services',
    'prevent-least-privilege',
    'prevent-cloudtrail-all-regions',
  ],
};

function cliOf(step: PlaybookStep): string | undefined {
  const target = step.target;
  return target.kind === 'query' || target.kind === 'action' || target.kind === 'manual'
    ? target.cli
    : undefined;
}

function step(id: string): PlaybookStep {
  const found = stepById(id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
}

describe('the playbook table', () => {
  it('has unique, stable kebab-case ids', () => {
    const ids = PLAYBOOK.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every step a phase 1–8 and short, non-empty title, why and look', () => {
    for (const s of PLAYBOOK) {
      expect([1, 2, 3, 4, 5, 6, 7, 8]).toContain(s.phase);
      for (const text of [s.title, s.why, s.look]) {
        expect(text.trim(), s.id).not.toBe('');
        expect(text, s.id).not.toMatch(/\n/);
      }
      expect(s.title.length, s.id).toBeLessThanOrEqual(60);
      // One or two lines of a pane: short enough to read under pressure.
      expect(s.why.length, s.id).toBeLessThanOrEqual(160);
      expect(s.look.length, s.id).toBeLessThanOrEqual(200);
    }
  });

  it('lists the steps phase by phase, at least two in each, and names the eight phases', () => {
    expect(PHASES.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const phases = PLAYBOOK.map((s) => s.phase);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    for (const phase of PHASES) {
      expect(PLAYBOOK.filter((s) => s.phase === phase.number).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('has the required steps, each in its phase', () => {
    for (const [phase, ids] of Object.entries(REQUIRED_BY_PHASE)) {
      for (const id of ids) expect(step(id).phase, id).toBe(Number(phase));
    }
  });

  it('has queries that parse once the suspects are filled in', () => {
    const samples = [
      SUSPECTS,
      { ...SUSPECTS, principal: 'arn:aws:iam::111122223333:user/service-role/aws_consoler' },
      { ...SUSPECTS, principal: 'Admin Role/j.doe session', ip: '2001:db8::1' },
    ];
    const queries = PLAYBOOK.filter((s) => s.target.kind === 'query');
    expect(queries.length).toBeGreaterThan(10);
    for (const s of queries) {
      for (const suspects of samples) {
        const filled = fillStep(s, suspects, TIMES);
        expect(filled.query, s.id).toBeDefined();
        expect(filled.query, s.id).not.toMatch(/[{}]/);
        const parsed = parseQuery(filled.query!, NOW);
        expect(parsed.ok, `${s.id}: ${filled.query}`).toBe(true);
      }
    }
  });

  it('fills a principal with spaces into one user term', () => {
    const filled = fillStep(
      step('triage-active-principal'),
      { principal: 'Admin Role/j doe' },
      TIMES,
    );
    const parsed = parseQuery(filled.query!, NOW);
    const root = parsed.ok ? parsed.query.root : undefined;
    expect(root?.kind === 'and' && root.children[0]).toMatchObject({
      kind: 'field',
      field: 'user',
      pattern: 'Admin Role/j doe',
    });
  });

  it('fills a principal with a comma or a parenthesis into one user term, not alternatives', () => {
    for (const principal of ['ops,admin', 'role/a)b', '(x']) {
      const filled = fillStep(step('triage-active-principal'), { principal }, TIMES);
      const parsed = parseQuery(filled.query!, NOW);
      const root = parsed.ok ? parsed.query.root : undefined;
      expect(root?.kind === 'and' && root.children[0], principal).toMatchObject({
        kind: 'field',
        field: 'user',
        pattern: principal,
      });
    }
  });

  it('names only real rule ids in findings steps', () => {
    const findings = PLAYBOOK.filter((s) => s.target.kind === 'findings');
    expect(findings.length).toBeGreaterThanOrEqual(5);
    for (const s of findings) {
      if (s.target.kind !== 'findings') continue;
      expect(s.target.rules.length, s.id).toBeGreaterThan(0);
      for (const rule of s.target.rules) expect(RULE_IDS.has(rule), `${s.id}: ${rule}`).toBe(true);
      expect(new Set(s.target.rules).size, s.id).toBe(s.target.rules.length);
    }
  });

  it('gives every query and action an AWS CLI command, and every CLI line is a command or a comment', () => {
    for (const s of PLAYBOOK) {
      const cli = cliOf(s);
      if (s.target.kind === 'query' || s.target.kind === 'action') {
        expect(cli, s.id).toMatch(/^aws /);
      }
      if (cli === undefined) continue;
      expect(cli, s.id).toMatch(/^aws /);
      for (const line of cli.split('\n')) expect(line, s.id).toMatch(/^(aws |# )/);
    }
  });

  it('teaches LookupEvents as it is: one lookup attribute, jq for the rest', () => {
    for (const s of PLAYBOOK) {
      if (s.target.kind !== 'query') continue;
      const command = s.target.cli.split('\n')[0]!;
      expect(command, s.id).toMatch(/^aws cloudtrail lookup-events /);
      const attributes = [...command.matchAll(/AttributeKey=(\w+)/g)].map((m) => m[1]);
      expect(attributes.length, s.id).toBeLessThanOrEqual(1);
      for (const attribute of attributes) expect(LOOKUP_ATTRIBUTES, s.id).toContain(attribute);
      expect(command.match(/--lookup-attributes/g)?.length ?? 0, s.id).toBeLessThanOrEqual(1);
      // A source-IP filter has no attribute: it can only be done in jq.
      if (s.target.query.includes('ip:')) expect(command, s.id).toMatch(/\| jq .*sourceIPAddress/);
      if (command.includes('| jq')) expect(command, s.id).toMatch(/--output json \| jq /);
    }
  });

  it('marks every action as needing the live API', () => {
    const actions = PLAYBOOK.filter((s) => s.target.kind === 'action');
    expect(actions.length).toBeGreaterThanOrEqual(7);
    for (const s of actions)
      expect(s.target.kind === 'action' && s.target.needsLive, s.id).toBe(true);
  });

  it('asks the questions the incident guide asks', () => {
    const queries: Record<string, string> = {
      'triage-active-principal': 'user:{principal} after:1h',
      'triage-active-key': 'key:{key} after:1h',
      'roles-created-7d': 'event:CreateRole after:7d',
      'lambda-code-updated-30d': 'event:UpdateFunctionCode* after:30d',
      'users-created-90d': 'event:CreateUser after:90d',
      'watch-contained-key': 'key:{key} after:30m',
      'watch-suspect-ip': 'ip:{ip} after:30m',
    };
    for (const [id, query] of Object.entries(queries)) {
      expect(step(id).target).toMatchObject({ kind: 'query', query });
    }
    expect(step('assess-blast-radius').target).toEqual({
      kind: 'profile',
      subject: 'suspect-principal',
    });
  });

  it('shows each containment action with the commands AWS documents', () => {
    const actions: Record<string, [string, RegExp]> = {
      'disable-console-access': [
        'delete-login-profile',
        /aws iam delete-login-profile --user-name \{principal\}/,
      ],
      'deactivate-access-keys': [
        'deactivate-keys',
        /aws iam update-access-key --user-name \{principal\} --access-key-id \{key\} --status Inactive/,
      ],
      'attach-quarantine-policy': [
        'quarantine-policy',
        /aws iam attach-user-policy --user-name \{principal\} --policy-arn arn:aws:iam::aws:policy\/AWSCompromisedKeyQuarantineV3/,
      ],
      'revoke-active-sessions': [
        'revoke-sessions',
        /--policy-name AWSRevokeOlderSessions .*aws:TokenIssueTime/,
      ],
      'delete-suspicious-roles': ['delete-role', /aws iam delete-role --role-name ROLE_NAME$/],
      'delete-rogue-users': ['delete-user', /aws iam delete-user --user-name USER_NAME$/],
      'stop-compromised-lambda': [
        'stop-lambda',
        /aws lambda put-function-concurrency --function-name FUNCTION_NAME --reserved-concurrent-executions 0$/,
      ],
    };
    for (const [id, [action, command]] of Object.entries(actions)) {
      const target = step(id).target;
      expect(target.kind === 'action' && target.action, id).toBe(action);
      expect(cliOf(step(id)), id).toMatch(command);
    }
  });

  it('deletes a user in the order IAM requires', () => {
    const lines = cliOf(step('delete-rogue-users'))!.split('\n');
    const order = [
      'delete-login-profile',
      'delete-access-key',
      'delete-signing-certificate',
      'delete-ssh-public-key',
      'delete-service-specific-credential',
      'deactivate-mfa-device',
      'delete-user-policy',
      'detach-user-policy',
      'remove-user-from-group',
      'delete-user ',
    ];
    const positions = order.map((command) =>
      lines.findIndex((line) => line.includes(`aws iam ${command}`)),
    );
    expect(
      positions.every((at) => at >= 0),
      positions.join(),
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(lines.at(-1)).toMatch(/^aws iam delete-user /);
  });

  it('revokes sessions with a valid policy document dated by the clock, not the trail', () => {
    const filled = fillStep(step('revoke-active-sessions'), SUSPECTS, TIMES);
    const documents = [...filled.cli!.matchAll(/--policy-document '([^']*)'/g)].map((m) => m[1]!);
    expect(documents).toHaveLength(2);
    for (const text of documents) {
      const policy = JSON.parse(text) as {
        Statement: {
          Effect: string;
          Action: string;
          Condition: Record<string, Record<string, string>>;
        }[];
      };
      expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Action: '*' });
      // Tokens issued after the evidence ends must be voided too: the deny is dated today.
      expect(policy.Statement[0]!.Condition.DateLessThan!['aws:TokenIssueTime']).toBe(
        new Date(TIMES.wall).toISOString(),
      );
    }
  });

  it('preserves the logs with the trail and bucket commands', () => {
    const trail = cliOf(step('preserve-cloudtrail-trail'))!;
    expect(trail).toMatch(/^aws cloudtrail create-trail .*--enable-log-file-validation/m);
    expect(trail).toMatch(/^aws cloudtrail update-trail .*--enable-log-file-validation/m);
    expect(cliOf(step('preserve-log-bucket'))).toMatch(
      /aws s3api put-bucket-versioning --bucket \S+ --versioning-configuration Status=Enabled/,
    );
    expect(cliOf(step('export-lambda-code'))).toMatch(/aws lambda get-function /);
    expect(cliOf(step('export-lambda-code'))).toMatch(/aws lambda list-versions-by-function /);
    expect(cliOf(step('export-iam-configuration'))).toMatch(
      /aws iam get-account-authorization-details/,
    );
  });

  it('leaves no placeholder unfilled once the suspects are known', () => {
    for (const s of PLAYBOOK) {
      const filled = fillStep(s, SUSPECTS, TIMES);
      expect(filled.missing, s.id).toBeUndefined();
      for (const text of [filled.query, filled.cli]) {
        if (text !== undefined)
          expect(text, s.id).not.toMatch(/\{(principal|key|ip|now|since|clock)[^}]*\}/);
      }
    }
  });
});
