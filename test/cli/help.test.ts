import { describe, expect, it } from 'vitest';
import { COMMANDS_HELP } from '../../source/cli/help-text.js';
import { runCli } from '../helpers/cli.js';

const TOPICS = Object.keys(COMMANDS_HELP);
const DEMO = 'data/demo-case.json.gz';

describe.concurrent(
  'every subcommand answers --help with its own usage',
  { timeout: 60_000 },
  () => {
    const asks = TOPICS.flatMap((topic) => [
      [topic, [topic, '--help']],
      [topic, [topic, '-h']],
      [topic, ['help', topic]],
    ]) as [string, string[]][];
    it.each(asks)('%s: %j', async (topic, args) => {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const out = run.stdout;
      expect(out.startsWith(`trailhound ${topic}: `)).toBe(true);
      expect(out).toMatch(new RegExp(`\\nusage:\\n  trailhound ${topic}`));
      expect(out).toMatch(/\nexamples?:\n  trailhound /);
      if (topic !== 'help') expect(out).toMatch(/\noptions:\n  --/);
      // Its own help, not the general one.
      expect(out).not.toContain('open the TUI');
    });

    it('contain --help is help, not "Unknown option" (even with other options before it)', async () => {
      const run = await runCli(['contain', 'KeyHunter', '--bogus', '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('--action A,B');
      expect(run.stdout).toContain('trailhound contain PRINCIPAL --action A,B,...');
    });

    it('help on something that is not a subcommand is a usage error', async () => {
      const run = await runCli(['help', 'bogus']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^trailhound: no help on "bogus": subcommands are events, stats/);
    });

    it('the general usage lists every subcommand', async () => {
      const run = await runCli(['help']);
      for (const topic of TOPICS) expect(run.stdout).toContain(`  trailhound ${topic}`);
    });
  },
);

describe.concurrent('the examples that read the demo run as shown', { timeout: 120_000 }, () => {
  const examples = Object.values(COMMANDS_HELP)
    .flatMap((help) => help.examples)
    .filter((line) => line.includes(DEMO));
  it.each(examples)('%s', async (line) => {
    const args = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
    const run = await runCli(args.slice(1));
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
  });
});
