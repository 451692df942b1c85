import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../source/cli/args.js';
import { findingsCommand } from '../../source/cli/findings-command.js';
import { principalCommand } from '../../source/cli/principal-command.js';
import { statsCommand } from '../../source/cli/stats-command.js';
import { ORG, ORG_COUNTS, orgRecords } from '../helpers/org-records.js';
import { recordsJson, tempTree } from '../helpers/records.js';

/**
 * stats, findings and principal over an organization trail of our own making (3 accounts),
 * run in this process (parsing on this thread) to keep the suite quick.
 */

const COMMANDS = {
  stats: statsCommand,
  findings: findingsCommand,
  principal: principalCommand,
} as const;

async function runCli(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const options = parseCli([...args, '--workers', '0']);
  let stdout = '';
  let stderr = '';
  const errors = new PassThrough();
  errors.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const io = {
    stdin: new PassThrough(),
    stderr: errors,
    write: (text: string) => void (stdout += text),
  };
  try {
    const code = await COMMANDS[options.command as keyof typeof COMMANDS](options, io);
    return { code, stdout, stderr };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, stdout, stderr: `${stderr}trailhound: ${error.message}\n` };
  }
}

const tree = tempTree('cli-accounts');
afterAll(() => tree.remove());
const org = tree.write('org.json', recordsJson(orgRecords()));
const onlyA = tree.write(
  'a.json',
  recordsJson(orgRecords().filter((record) => record.recipientAccountId === ORG.A)),
);

interface Finding {
  principal: string;
  account?: string;
  ruleId: string;
}

describe('several accounts on the command line', { timeout: 60_000 }, () => {
  it('stats: events, principals and errors per account, in JSON and text', async () => {
    const json = await runCli(['stats', org, '--format', 'json']);
    expect(json.code).toBe(0);
    const stats = JSON.parse(json.stdout) as {
      accounts: unknown[];
      topPrincipals: { value: string; count: number }[];
    };
    expect(stats.accounts).toEqual(
      [ORG.A, ORG.B, ORG.C].map((account) => ({ account, ...ORG_COUNTS[account] })),
    );
    // Two people named KeyHunter are counted apart.
    expect(stats.topPrincipals.slice(0, 2)).toEqual([
      { value: `${ORG.A}/KeyHunter`, count: 6 },
      { value: `${ORG.B}/KeyHunter`, count: 4 },
    ]);
    const text = await runCli(['stats', org]);
    expect(text.stdout).toContain(
      [
        'accounts (3):',
        `  ${ORG.A}         6 events      1 principals       1 errors`,
        `  ${ORG.B}         4 events      1 principals       2 errors`,
        `  ${ORG.C}         3 events      2 principals       0 errors`,
      ].join('\n'),
    );
  });

  it('findings carry the account; the two KeyHunters are two principals', async () => {
    const run = await runCli(['findings', org, '--format', 'json']);
    expect(run.code).toBe(0);
    const { findings } = JSON.parse(run.stdout) as { findings: Finding[] };
    const listing = findings.filter((f) => f.ruleId === 's3-list-buckets-outside-aws');
    expect(listing.map((f) => [f.principal, f.account]).sort()).toEqual([
      [`${ORG.A}/KeyHunter`, ORG.A],
      [`${ORG.B}/KeyHunter`, ORG.B],
    ]);
    for (const finding of findings) expect(finding.account).toMatch(/^\d{12}$/);
  });

  it('principal: a bare name two accounts hold is ambiguous; ACCOUNT/NAME resolves', async () => {
    const bare = await runCli(['principal', 'KeyHunter', org]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain(
      `KeyHunter is 2 principals, one per account: ${ORG.A}/KeyHunter, ${ORG.B}/KeyHunter; name one`,
    );
    const one = await runCli(['principal', `${ORG.B}/KeyHunter`, org, '--format', 'json']);
    expect(one.code).toBe(0);
    const profile = JSON.parse(one.stdout) as {
      name: string;
      events: number;
      errors: number;
      accounts: string[];
      findings: { ruleId: string }[];
    };
    expect(profile).toMatchObject({ name: `${ORG.B}/KeyHunter`, events: 4, errors: 2 });
    expect(profile.accounts).toEqual([ORG.B]);
    expect(profile.findings.map((f) => f.ruleId)).toEqual(['s3-list-buckets-outside-aws']);
  });

  it('one account reads as it always did: no accounts, bare names', async () => {
    const stats = await runCli(['stats', onlyA, '--format', 'json']);
    const parsed = JSON.parse(stats.stdout) as Record<string, unknown>;
    expect(parsed).not.toHaveProperty('accounts');
    expect(parsed.topPrincipals).toEqual([{ value: 'KeyHunter', count: 6 }]);
    const run = await runCli(['findings', onlyA, '--format', 'json']);
    const { findings } = JSON.parse(run.stdout) as { findings: Finding[] };
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding).not.toHaveProperty('account');
      expect(finding.principal).toBe('KeyHunter');
    }
  });
});
