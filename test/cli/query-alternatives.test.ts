import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DEMO = fileURLToPath(new URL('../../data/demo-case.json.gz', import.meta.url));

/** The event-name column of `events`' table, one per row. */
const names = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.slice(22 + 34).split(/\s+/)[0]);

describe('--filter with alternatives, on the demo case', { timeout: 60_000 }, () => {
  it('events prints every kind an OR or a comma list names', async () => {
    const creates = ['CreateUser', 'CreateLoginProfile', 'CreateAccessKey', 'CreateRole'];
    const both = [...creates, 'AttachUserPolicy', 'AttachRolePolicy'];
    for (const filter of [
      'event:Create* OR event:Attach*',
      'event:Create*,Attach*',
      '(event:Create* OR event:Attach*) -error:*',
    ]) {
      const run = await runCli(['events', DEMO, '--filter', filter]);
      expect(run.stderr, filter).toBe('');
      expect(run.code, filter).toBe(0);
      expect(names(run.stdout).sort(), filter).toEqual([...both].sort());
    }
    // The demo has no Delete*: the OR still finds the creates (it found nothing before).
    const run = await runCli(['events', DEMO, '--filter', 'event:Create* OR event:Delete*']);
    expect(names(run.stdout).sort()).toEqual([...creates].sort());
  });

  it('stats counts what the OR matches', async () => {
    const run = await runCli(['stats', DEMO, '--filter', 'event:Create* OR event:Attach*']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(6 match the filter)');
  });

  it('a dangling OR or an unbalanced parenthesis is a usage error that names it', async () => {
    const dangling = await runCli(['events', DEMO, '--filter', 'event:Create* OR']);
    expect(dangling.code).toBe(2);
    expect(dangling.stdout).toBe('');
    expect(dangling.stderr).toContain('--filter: OR needs a term on each side');
    const unclosed = await runCli(['events', DEMO, '--filter', 'user:KeyHunter (event:A OR b']);
    expect(unclosed.code).toBe(2);
    expect(unclosed.stderr).toContain('unclosed "(" in "(event:A OR b"');
  });
});
