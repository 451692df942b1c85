import { describe, expect, it } from 'vitest';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

interface Provenance {
  origin: string;
  ruleId: string;
  title: string;
  author?: string;
  references?: string[];
}

interface FindingJson {
  ruleId: string;
  origin: string;
  principal: string;
  eventIds: string[];
  provenance: Provenance[];
}

async function findingsJson(source: string): Promise<FindingJson[]> {
  const run = await runCli([
    'findings',
    source,
    '--rules',
    fixture('sigma-cloudtrail'),
    '--format',
    'json',
  ]);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { findings: FindingJson[] }).findings;
}

/**
 * Stratus detonations where a SigmaHQ rule and a built-in rule see the very same events: one
 * finding carrying both provenances, the Sigma rule's title, author and references kept.
 */
const SAME_EVENTS: [technique: string, builtIn: string, sigmaTitle: string][] = [
  ['aws.defense-evasion.vpc-remove-flow-logs', 'flow-logs-deleted', 'AWS VPC Flow Logs Deleted'],
  [
    'aws.initial-access.console-login-without-mfa',
    'console-login-without-mfa',
    'AWS Successful Console Login Without MFA',
  ],
  [
    'aws.defense-evasion.cloudtrail-stop',
    'cloudtrail-stop-logging',
    'AWS CloudTrail Important Change',
  ],
];

describe(
  'trailhound findings: a Sigma rule that says what a built-in says',
  { timeout: 120_000 },
  () => {
    for (const [technique, builtIn, sigmaTitle] of SAME_EVENTS)
      it(`${technique}: one ${builtIn} finding with the Sigma rule "${sigmaTitle}" beside it`, async () => {
        const findings = await findingsJson(fixture('stratus', `${technique}.json`));
        const merged = findings.filter((f) => f.ruleId === builtIn);
        expect(merged).toHaveLength(1);
        const [own, sigma] = merged[0]!.provenance;
        expect(own).toMatchObject({ origin: 'built-in', ruleId: builtIn });
        expect(sigma).toMatchObject({ origin: 'sigma', title: sigmaTitle });
        expect(sigma!.ruleId).toMatch(/^sigma:/);
        expect(sigma!.author).toBeTruthy();
        expect(sigma!.references!.length).toBeGreaterThan(0);
        // No second finding of that Sigma rule over the same events.
        const same = new Set(merged[0]!.eventIds);
        expect(
          findings.filter(
            (f) =>
              f.origin === 'sigma' &&
              f.provenance.some((p) => p.title === sigmaTitle) &&
              f.eventIds.every((id) => same.has(id)),
          ),
        ).toEqual([]);
      });
  },
);

describe('trailhound findings counts', { timeout: 60_000 }, () => {
  it('the table ends with the count by severity as listed', async () => {
    const json = await runCli(['findings', DEMO_DATA_FILE, '--format', 'json']);
    const listed = (JSON.parse(json.stdout) as { findings: { severity: string }[] }).findings;
    const of = (severity: string) => listed.filter((f) => f.severity === severity).length;
    expect([of('critical'), of('high')]).toEqual([1, 7]);
    const run = await runCli(['findings', DEMO_DATA_FILE]);
    expect(run.stdout).toContain(
      `\n${listed.length} finding(s) (1 critical, 7 high); techniques per`,
    );
  });
});

describe('trailhound principal', { timeout: 60_000 }, () => {
  it('says how many findings there are where it used to say "no findings" before listing them', async () => {
    const run = await runCli(['principal', 'KeyHunter', DEMO_DATA_FILE]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const heading = lines.find((line) => /^FINDINGS \(\d+\)/.test(line));
    expect(heading).toBeDefined();
    expect(Number(/\((\d+)\)/.exec(heading!)![1])).toBeGreaterThan(0);
    expect(run.stdout).not.toMatch(/no findings/);
    expect(lines[1]).toMatch(/· risk #1 of \d+ \(score \d+\)$/);
  });

  it("a role's profile lists the findings about the role, a session's only its own", async () => {
    const role = await runCli(['principal', 'SecurityAudit', DEMO_DATA_FILE]);
    expect(role.stdout).toMatch(/^FINDINGS \(2\)$/m);
    expect(role.stdout).toMatch(/\[discovery-burst\]/);
    const session = await runCli(['principal', 'SecurityAudit/scanner-2025-03-12', DEMO_DATA_FILE]);
    expect(session.stdout).toMatch(/^FINDINGS \(2\)$/m);
    const quiet = await runCli(['principal', 'alice', DEMO_DATA_FILE, '--format', 'json']);
    const json = JSON.parse(quiet.stdout) as { findings: { ruleId: string }[] };
    expect(json.findings.length).toBeGreaterThan(0);
  });
});
