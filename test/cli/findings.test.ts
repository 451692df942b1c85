import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

interface FindingJson {
  ruleId: string;
  title: string;
  severity: string;
  origin: string;
  techniques: string[];
  principal: string;
  first: string;
  last: string;
  summary: string;
  eventIds: string[];
  sigma?: { title: string; author: string; references: string[]; level: string; file: string };
}

/** The demo's records by eventID, to check evidence ids against the log itself. */
function demoRecords(): Map<string, Record<string, unknown>> {
  const parsed = JSON.parse(gunzipSync(readFileSync(DEMO_DATA_FILE)).toString('utf8')) as {
    Records: Record<string, unknown>[];
  };
  return new Map(parsed.Records.map((record) => [String(record.eventID), record]));
}

describe('trailhound findings', { timeout: 60_000 }, () => {
  it('json names rule, severity, techniques, principal, times and the evidence eventIDs', async () => {
    const run = await runCli(['findings', DEMO_DATA_FILE, '--format', 'json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      attack: string;
      ipData: string;
      findings: FindingJson[];
    };
    expect(out.attack).toMatch(/^ATT&CK v\d+/);
    expect(out.ipData).toMatch(/DB-IP city \d{4}-\d\d-\d\d, ASN \d{4}-\d\d-\d\d/);
    const chain = out.findings.find(
      (f) => f.ruleId === 'chain-login-discovery-access' && f.principal === 'KeyHunter',
    )!;
    expect(chain.severity).toBe('critical');
    expect(chain.origin).toBe('correlation');
    expect(chain.techniques).toContain('T1078.004');
    expect(chain.first).toBe('2025-03-13T14:02:38.000Z');
    const records = demoRecords();
    const names = chain.eventIds.map((id) => String(records.get(id)?.eventName));
    expect(names[0]).toBe('ConsoleLogin');
    expect(names).toContain('ListBuckets');
    expect(names).toContain('GetObject');
    // Most severe first.
    const ranks = ['critical', 'high', 'medium', 'low', 'info'];
    const order = out.findings.map((f) => ranks.indexOf(f.severity));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('the table shows each finding with its techniques, for a person reading a terminal', async () => {
    const run = await runCli([
      'findings',
      fixture('stratus', 'aws.defense-evasion.cloudtrail-stop.json'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^HIGH +\S+ \S+ {2}\S.* · \S+ · cloudtrail-stop-logging$/m);
    expect(run.stdout).toContain('T1562.008 Impair Defenses: Disable or Modify Cloud Logs');
    expect(run.stdout).toMatch(/1 finding\(s\) \(1 high\); techniques per ATT&CK v\d+/);
  });

  it('Sigma rules load with --rules; one that cannot is named on stderr with its reason', async () => {
    const run = await runCli([
      'findings',
      fixture('stratus', 'aws.initial-access.console-login-without-mfa.json'),
      '--rules',
      fixture('sigma-cloudtrail'),
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { findings: FindingJson[] };
    // The Sigma rule saw the very events the built-in rule did: it rides on that finding.
    const sigma = out.findings.find(
      (f) => f.ruleId === 'console-login-without-mfa' && /without MFA/i.test(f.sigma?.title ?? ''),
    );
    expect(sigma?.sigma?.author).toBeTruthy();
    expect(sigma?.sigma?.file).toMatch(/aws_cloudtrail_console_login_success_without_mfa\.yml$/);
    for (const line of run.stderr.split('\n').filter(Boolean))
      expect(line).toMatch(/^trailhound: sigma rule not loaded: .+\.yml.*: .+/);
  });

  it('a missing rules path is a clear one-line error, not a stack trace', async () => {
    const run = await runCli(['findings', DEMO_DATA_FILE, '--rules', '/nonexistent/rules']);
    expect(run.stderr).toMatch(/^trailhound: sigma rule not loaded: \/nonexistent\/rules: .+\n/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('trailhound principal', { timeout: 60_000 }, () => {
  it('text shows the profile: identity, addresses with place, console logins with MFA, findings', async () => {
    const run = await runCli(['principal', 'KeyHunter', DEMO_DATA_FILE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('KeyHunter  IAMUser  arn:aws:iam::111122223333:user/KeyHunter');
    expect(run.stdout).toMatch(/102\.88\.109\.159 +NEW +29 ev 10 err .*NG .*AS29465/);
    expect(run.stdout).toMatch(/03-13 14:02 {2}102\.88\.109\.159 +FAILED Failed authentication/);
    expect(run.stdout).toMatch(/03-13 14:02 {2}102\.88\.109\.159 +success {2}MFA no/);
    expect(run.stdout).toMatch(/CRIT 03-13 14:02 {2}KeyHunter signed in from new address/);
    expect(run.stdout).toMatch(/CreateUser +aws_consoler/);
  });

  it('json carries the lists and the findings', async () => {
    const run = await runCli(['principal', 'KeyHunter', DEMO_DATA_FILE, '--format', 'json']);
    expect(run.code).toBe(0);
    const profile = JSON.parse(run.stdout) as {
      name: string;
      events: number;
      sourceIps: {
        value: string;
        baseline: { mark: string; newForAccount: boolean; firstStanding: string } | null;
        facts: { country?: string };
      }[];
      baseline: { hasBaseline: boolean; span: { first: string; last: string; days: number } };
      consoleLogins: { sourceIp: string; failed: boolean; mfa: string | null }[];
      findings: { ruleId: string }[];
    };
    expect(profile.name).toBe('KeyHunter');
    expect(profile.events).toBe(51);
    const attacker = profile.sourceIps.find((ip) => ip.value === '102.88.109.159')!;
    // Judged as the detections judge it: new for KeyHunter and for the whole account.
    expect(attacker.baseline).toMatchObject({
      mark: 'new-for-account',
      firstStanding: 'new',
      newForAccount: true,
    });
    const usual = profile.sourceIps.find((ip) => ip.value === '198.51.100.23')!;
    expect(usual.baseline?.mark).toBe('established');
    expect(profile.baseline).toMatchObject({
      hasBaseline: true,
      span: { first: '2025-03-10T08:11:25.000Z', last: '2025-03-12T23:59:59.999Z', days: 3 },
    });
    expect(attacker.facts.country).toBe('NG');
    expect(profile.consoleLogins.filter((l) => !l.failed).map((l) => l.mfa)).toContain('no');
    expect(profile.findings.map((f) => f.ruleId)).toContain('console-login-without-mfa');
  });

  it('an unknown principal is a usage error that suggests the near names', async () => {
    const run = await runCli(['principal', 'keyhunt', DEMO_DATA_FILE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^trailhound: no principal keyhunt in these sources; did you mean KeyHunter/,
    );
  });
});
