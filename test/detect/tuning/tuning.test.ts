import { afterEach, describe, expect, it } from 'vitest';
import { parseSigmaText } from '../../../source/detect/sigma/index.js';
import {
  applyTuning,
  compileTuning,
  loadTuningFiles,
  parseTuningText,
  TuningError,
} from '../../../source/detect/tuning/index.js';
import { detectIn } from '../../helpers/detect.js';
import {
  assumedRole,
  makeRecord,
  recordsJson,
  tempTree,
  type TestRecord,
} from '../../helpers/records.js';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2025, 2, day, hour, minute)).toISOString().replace(/\.\d{3}Z$/, 'Z');

const RUNNER = '203.0.113.10';
const ELSEWHERE = '45.77.12.9';

/** A pipeline's day: it creates a service user and grants it admin, as its IaC says. */
function pipelineWrites(role: string, session: string, day: number, ip: string): TestRecord[] {
  const identity = assumedRole(role, session);
  const iam = { eventSource: 'iam.amazonaws.com', userIdentity: identity, sourceIPAddress: ip };
  return [
    makeRecord({
      ...iam,
      eventTime: at(day, 2),
      eventName: 'CreateUser',
      requestParameters: { userName: `svc-app-${day}` },
      responseElements: { user: { userName: `svc-app-${day}` } },
    }),
    makeRecord({
      ...iam,
      eventTime: at(day, 2, 1),
      eventName: 'AttachUserPolicy',
      requestParameters: {
        userName: `svc-app-${day}`,
        policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      },
    }),
  ];
}

const SIGMA_CREATE_USER = `title: IAM user created
id: 11111111-2222-4333-8444-555555555555
status: test
level: high
tags: [attack.persistence, attack.t1136.003]
logsource: {product: aws, service: cloudtrail}
detection:
    selection:
        eventSource: iam.amazonaws.com
        eventName: CreateUser
    condition: selection
`;

async function run(records: TestRecord[], sigmaText = SIGMA_CREATE_USER, filterText = '') {
  const tree = tempTree('tuning');
  trees.push(tree);
  const sigma = parseSigmaText(sigmaText + filterText, 'rules.yml');
  expect(sigma.problems).toEqual([]);
  const detected = await detectIn(
    [tree.write('trail.json', recordsJson(records))],
    sigma.rules,
    undefined,
    sigma.filters,
  );
  return { ...detected, filters: sigma.filters };
}

const TUNING = `
networks:
  - cidr: 198.51.100.0/24
    label: corporate VPN
roles:
  - principal: ci-deploy*
    role: ci
    expects: [iam-write]
    networks: [203.0.113.0/24]
    label: GitHub Actions
`;

describe('tuning applied to findings', () => {
  it("hides a CI role's expected IAM writes (built-in and Sigma) from its runners, not from elsewhere", async () => {
    const records = [
      ...pipelineWrites('ci-deployer', 'run-1', 3, RUNNER),
      ...pipelineWrites('ci-deployer', 'run-2', 4, RUNNER),
      ...pipelineWrites('ops-admin', 'alice', 5, RUNNER),
    ];
    const { findings, index } = await run(records);
    const about = (who: string) => findings.filter((finding) => finding.principal === who);
    // Untuned, the pipeline raises a high admin grant, and the Sigma rule fires for it.
    expect(about('ci-deployer').map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['iam-admin-policy-attached']),
    );
    expect(about('ci-deployer').some((f) => f.ruleId.startsWith('sigma:') || f.sigma)).toBe(true);

    const tuning = compileTuning(parseTuningText(TUNING, 'tuning.yml'));
    const tuned = applyTuning(findings, index, tuning);
    expect(tuned.findings.filter((f) => f.principal === 'ci-deployer')).toEqual([]);
    expect(tuned.suppressed.map((s) => s.finding.principal)).toContain('ci-deployer');
    expect(tuned.suppressed.find((s) => s.finding.ruleId === 'iam-admin-policy-attached')?.by).toBe(
      'expected of ci role (GitHub Actions) from its networks, roles[0] in tuning.yml',
    );
    // Someone else doing the same is still raised, at the same severity.
    expect(tuned.findings.filter((f) => f.principal === 'ops-admin')).toEqual(about('ops-admin'));
  });

  it('keeps the CI role raised (and says so) when its writes come from outside its networks', async () => {
    const { findings, index } = await run(pipelineWrites('ci-deployer', 'run-9', 3, ELSEWHERE));
    const tuned = applyTuning(findings, index, compileTuning(parseTuningText(TUNING, 't.yml')));
    const admin = tuned.findings.find((f) => f.ruleId === 'iam-admin-policy-attached')!;
    const untuned = findings.find((f) => f.ruleId === 'iam-admin-policy-attached')!;
    expect(admin.severity).toBe(untuned.severity);
    expect(admin.summary).toMatch(
      /\[tuning: expected of ci role \(GitHub Actions\), but not from its networks\]$/,
    );
    expect(tuned.suppressed).toEqual([]);
  });

  it('lowers, never hides, expected work of a role whose networks are not given', async () => {
    const { findings, index } = await run(pipelineWrites('ci-deployer', 'run-9', 3, ELSEWHERE));
    const text = 'roles:\n  - {principal: ci-deployer, role: iac, expects: [iam-write]}\n';
    const tuned = applyTuning(findings, index, compileTuning(parseTuningText(text, 't.yml')));
    const admin = tuned.findings.find((f) => f.ruleId === 'iam-admin-policy-attached')!;
    const untuned = findings.find((f) => f.ruleId === 'iam-admin-policy-attached')!;
    expect(untuned.severity).not.toBe('low');
    expect(admin.severity).toBe('low');
    expect(admin.summary).toBe(
      `${untuned.summary} [tuning: expected of iac role; was ${untuned.severity}]`,
    );
  });

  it('a suppression names rule, principal and network; expired or elsewhere it does not apply', async () => {
    const { findings, index } = await run([
      ...pipelineWrites('ci-deployer', 'run-1', 3, RUNNER),
      ...pipelineWrites('ci-deployer', 'run-2', 20, RUNNER),
    ]);
    const tuned = (until: string, network = '203.0.113.0/24') =>
      applyTuning(
        findings,
        index,
        compileTuning(
          parseTuningText(
            `suppressions:\n  - rule: iam-admin-policy-attached\n    principal: ci-deployer\n    network: ${network}\n    until: ${until}\n    reason: pipeline grants its app users\n`,
            't.yml',
          ),
        ),
      );
    expect(tuned('2025-03-31').suppressed.map((s) => [s.finding.ruleId, s.by])).toEqual([
      ['iam-admin-policy-attached', 'suppressions[0] in t.yml: pipeline grants its app users'],
    ]);
    // Evidence after the entry's end is judged afresh.
    expect(tuned('2025-03-10').suppressed).toEqual([]);
    expect(tuned('2025-03-31', '192.0.2.0/24').suppressed).toEqual([]);
  });

  it('a Sigma filter (from --rules) drops the events it names, for Sigma and built-in rules', async () => {
    const filter = `---
title: Pipeline runners
logsource: {product: aws, service: cloudtrail}
filter:
    rules:
        - 11111111-2222-4333-8444-555555555555
        - iam-user-created
    selection:
        sourceIPAddress|cidr: 203.0.113.0/24
    condition: not selection
`;
    const records = [
      ...pipelineWrites('ci-deployer', 'run-1', 3, RUNNER),
      ...pipelineWrites('ops-admin', 'alice', 5, ELSEWHERE),
    ];
    const { findings, index, filters } = await run(records, SIGMA_CREATE_USER, filter);
    const tuned = applyTuning(findings, index, compileTuning([], filters));
    const shown = tuned.findings.map((f) => `${f.ruleId} ${f.principal}`);
    const hidden = tuned.suppressed.map(
      (s) => `${s.finding.ruleId} ${s.finding.principal} · ${s.by}`,
    );
    expect(hidden).toEqual(
      expect.arrayContaining([
        'sigma:11111111-2222-4333-8444-555555555555 ci-deployer · Sigma filter "Pipeline runners" (rules.yml)',
        'iam-user-created ci-deployer · Sigma filter "Pipeline runners" (rules.yml)',
      ]),
    );
    // Rules the filter does not name, and events it does not match, are untouched.
    expect(shown).toContain('iam-admin-policy-attached ci-deployer');
    expect(
      shown.some((line) => line.endsWith('ops-admin') && line.startsWith('iam-user-created')),
    ).toBe(true);
    expect(
      findings.some((f) => f.principal === 'ops-admin' && f.sigma?.title === 'IAM user created'),
    ).toBe(true);
  });

  it("a tuning file's own Sigma filter names built-in rules by id and judges them on the columns", async () => {
    const { findings, index } = await run(pipelineWrites('ci-deployer', 'run-1', 3, RUNNER));
    const text = `filters:
  - title: pipeline grants
    filter:
      rules: [iam-admin-policy-attached]
      selection:
        userIdentity.arn|contains: assumed-role/ci-deployer/
      condition: not selection
`;
    const tuned = applyTuning(findings, index, compileTuning(parseTuningText(text, 'f.yml')));
    expect(tuned.suppressed.map((s) => [s.finding.ruleId, s.by])).toEqual([
      ['iam-admin-policy-attached', 'Sigma filter "pipeline grants" (f.yml)'],
    ]);
    expect(tuned.findings.length).toBe(findings.length - 1);
  });

  it('known egress networks make "new place" findings about them ordinary, not IAM changes', async () => {
    const { findings, index } = await run(pipelineWrites('ops-admin', 'bob', 3, '198.51.100.7'));
    const tuning = compileTuning(parseTuningText(TUNING, 't.yml'));
    const fake = findings.map((f) => ({ ...f, ruleId: 'new-address-first-action-iam-write' }));
    expect(applyTuning(fake, index, tuning).findings).toEqual([]);
    expect(applyTuning(fake, index, tuning).suppressed[0]!.by).toBe('known network corporate VPN');
    // An admin grant from the VPN is still an admin grant.
    expect(applyTuning(findings, index, tuning).findings).toEqual(findings);
  });
});

describe('tuning files', () => {
  const refusal = (text: string) => {
    try {
      parseTuningText(text, 'bad.yml');
    } catch (error) {
      expect(error).toBeInstanceOf(TuningError);
      return (error as Error).message;
    }
    throw new Error('not refused');
  };

  it('a bad file is refused in one line naming the file, the entry and why', async () => {
    expect(refusal('networks:\n  - cidr: 10.0.0.0/33\n')).toBe(
      'bad.yml: networks[0]: cidr "10.0.0.0/33" is not an address or CIDR',
    );
    expect(refusal('roles:\n  - {principal: ci, role: robot, expects: [iam-write]}\n')).toBe(
      'bad.yml: roles[0]: role should be one of ci, iac, scanner',
    );
    expect(
      refusal('suppressions:\n  - {rule: discovery-burst, reason: r, untill: 2025-01-01}\n'),
    ).toMatch(/^bad\.yml: suppressions\[0\]: unknown key "untill"/);
    expect(refusal('suppressions:\n  - {rule: discovery-burst}\n')).toBe(
      'bad.yml: suppressions[0]: reason should be text',
    );
    expect(refusal('suppressions:\n  - {rule: discovery-brust, reason: typo}\n')).toBe(
      'bad.yml: suppressions[0]: rule "discovery-brust" is not a built-in rule id, sigma:<id> or *',
    );
    expect(refusal('suppresions: []\n')).toMatch(/^bad\.yml: "suppresions": unknown section/);
    expect(refusal('networks: [\n')).toMatch(/^bad\.yml: file: YAML: /);
    expect(refusal('filters:\n  - {title: f, filter: {rules: any, selection: {a: b}}}\n')).toBe(
      'bad.yml: filters[0]: filter condition must be one string',
    );
    expect(refusal(`networks:\n${'  - {cidr: 10.0.0.1}\n'.repeat(20_000)}`)).toMatch(
      /limit|more than/,
    );
    const tree = tempTree('tuning-file');
    trees.push(tree);
    await expect(loadTuningFiles([`${tree.root}/missing.yml`])).rejects.toThrow(
      /missing\.yml: cannot read: /,
    );
    // JSON is YAML: both are read.
    expect(parseTuningText('{"accounts": [{"account": "444455556666"}]}', 'a.json')).toHaveLength(
      1,
    );
  });
});
