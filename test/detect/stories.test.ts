import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { detectIn } from '../helpers/detect.js';

const DEMO = fileURLToPath(new URL('../../data/demo-case.json.gz', import.meta.url));

describe('the flaws2.cloud attack', () => {
  it('flags the stolen Lambda and ECS role credentials used from outside AWS', async () => {
    const run = await detectIn([fixture('flaws2')]);
    const stolen = run.findings.filter((f) => f.ruleId === 'instance-credentials-outside-aws');
    // One finding per role (the actor), its session named.
    expect(stolen.map((f) => [f.principal, f.sessions ?? []]).sort()).toEqual([
      ['level1', ['level1']],
      ['level3', ['d190d14a-2404-45d6-9113-4eda22d7f2c7']],
    ]);
    for (const finding of stolen) {
      expect(finding.severity).toBe('high');
      expect(finding.summary).toContain('104.102.221.250');
      // Every evidence row comes from the attacker, none from the function's own AWS address.
      for (const row of finding.rows)
        expect(run.index.value(row, 'sourceIp')).toBe('104.102.221.250');
    }
  });

  it('flags the anonymous reads of the public bucket', async () => {
    const run = await detectIn([fixture('flaws2')]);
    const anonymous = run.findings.find((f) => f.ruleId === 's3-anonymous-access');
    expect(anonymous?.principal).toBe('ANONYMOUS_PRINCIPAL');
    expect(anonymous!.rows.length).toBeGreaterThanOrEqual(20);
    expect(anonymous!.summary).toMatch(/anonymous requests to .*flaws2/);
  });
});

describe('the demo case (KeyHunter)', () => {
  it('surfaces the whole chain as findings and as one correlation', async () => {
    const run = await detectIn([DEMO]);
    const forKeyHunter = run.findings.filter((f) => f.principal === 'KeyHunter');
    const ids = new Set(forKeyHunter.map((f) => f.ruleId));
    for (const id of [
      'console-login-new-ip',
      'console-login-without-mfa',
      'access-denied-burst',
      's3-list-buckets-outside-aws',
      'chain-login-discovery-access',
    ]) {
      expect(ids, [...ids].join(', ')).toContain(id);
    }
    const chain = forKeyHunter.filter((f) => f.ruleId === 'chain-login-discovery-access');
    expect(chain).toHaveLength(1);
    expect(chain[0]!.severity).toBe('critical');
    const names = chain[0]!.rows.map((row) => run.index.value(row, 'eventName'));
    expect(names[0]).toBe('ConsoleLogin');
    expect(names).toContain('ListBuckets');
    expect(names).toContain('GetObject');
    expect(chain[0]!.summary).toContain('102.88.109.159');
    const newIp = forKeyHunter.find((f) => f.ruleId === 'console-login-new-ip')!;
    expect(newIp.summary).toContain('102.88.109.159');
    expect(newIp.summary).toContain('NG');
  });

  it('finds the guide’s rogue user and the Lambda change in the demo', async () => {
    const run = await detectIn([DEMO]);
    const ids = run.findings.map((f) => `${f.ruleId}:${f.summary}`);
    expect(
      ids.some((id) => id.startsWith('iam-rogue-user-created:') && id.includes('aws_consoler')),
    ).toBe(true);
    expect(run.findings.some((f) => f.ruleId === 'lambda-function-modified')).toBe(true);
  });
});
