import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/records.js';

const trees: { remove: () => void }[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

/** The demo's estate as its owner would describe it: the office, the scanner, the pipeline. */
const DEMO_TUNING = `networks:
  - {cidr: 203.0.113.0/24, label: office}
roles:
  - principal: SecurityAudit
    role: scanner
    expects: [enumeration]
    networks: [198.51.100.200/32]
  - {principal: ci-deployer, role: ci, expects: [deploy], networks: [0.0.0.0/0]}
`;

describe('trailhound findings --tuning', { timeout: 60_000 }, () => {
  it("hides the scanner's, the pipeline's and the office's ordinary findings, says how many, keeps the intrusion", async () => {
    const tree = tempTree('tuning-cli');
    trees.push(tree);
    const file = tree.write('tuning.yml', DEMO_TUNING);
    const run = await runCli(['findings', DEMO_DATA_FILE, '--tuning', file]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^CRITICAL .* KeyHunter · chain-login-discovery-access$/);
    expect(run.stdout).not.toMatch(/· (SecurityAudit|ci-deployer) ·/);
    // A place rule from the office is ordinary; unusual hours there is not a place claim.
    expect(run.stdout).not.toMatch(/· alice · (console-login-new-ip|s3-list-buckets-outside-aws)/);
    expect(run.stdout).toMatch(/· alice · unusual-hours/);
    expect(run.stdout).toMatch(/^4 finding\(s\) suppressed by tuning \(--format json lists them/m);
    expect(run.stdout).toContain(
      `  tuning: ${file} networks[0]: known network 203.0.113.0/24 (office)`,
    );
  });

  it('a malformed tuning file stops the command with one line naming the file, entry and reason', async () => {
    const tree = tempTree('tuning-cli');
    trees.push(tree);
    const file = tree.write(
      'bad.yml',
      'roles:\n  - {principal: ci, role: ci, expects: [deploys]}\n',
    );
    const run = await runCli(['findings', DEMO_DATA_FILE, '--tuning', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `trailhound: tuning not loaded: ${file}: roles[0]: expects "deploys": one of iam-write, enumeration, deploy, assume-role, secrets-read, data-read, or a rule id`,
    ]);
  });
});
