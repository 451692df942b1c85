/**
 * The docs' command check can fail: planted bad examples of each kind are reported with the
 * command and its stderr, and the conventions of docs/tests.md are the ones the extractor applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { checkCommand, makeSandbox, usageFrom, type Usage } from './check-command.js';
import { extractCommands, shellWords } from './doc-commands.js';

const sandbox = makeSandbox();
afterAll(() => sandbox.remove());
const run = (args: string[]) => runCli(args, { cwd: sandbox.cwd, env: sandbox.env });
let usage: Usage;
beforeAll(async () => {
  usage = usageFrom((await run(['--help'])).stdout);
});

const PAGE = [
  'Run `trailhound stats data/demo-case.json.gz`, or `trailhound stats SOURCE...`;',
  '`trailhound contain` names the command.',
  '',
  '```text',
  'trailhound events SOURCE... [--filter Q]      matching events',
  '```',
  '',
  '```sh',
  "trailhound events data/demo-case.json.gz --filter 'user:KeyHunter ip:1.2.3.4' \\",
  '  --format csv   # exit 2',
  '```',
  '',
  '```sh',
  'trailhound --version',
  '```',
  '',
  '```text',
  '0.1.0',
  '…',
  '```',
  '',
  '```sh',
  'trailhound --live --since 7d',
  'trailhound contain KeyHunter --action deactivate-keys',
  '```',
].join('\n');

describe('finding the commands in a page', () => {
  it('applies the conventions: run, parse, synopsis, exit codes, what it prints', () => {
    const found = extractCommands(PAGE, 'page.md').map(({ where, check, args, exit, prints }) => ({
      where,
      check,
      args,
      exit,
      prints,
    }));
    expect(found).toEqual([
      {
        where: 'page.md:1',
        check: 'run',
        args: ['stats', 'data/demo-case.json.gz'],
        exit: 0,
        prints: [],
      },
      { where: 'page.md:1', check: 'synopsis', args: ['stats', 'SOURCE...'], exit: 0, prints: [] },
      { where: 'page.md:2', check: 'synopsis', args: ['contain'], exit: 0, prints: [] },
      {
        where: 'page.md:5',
        check: 'synopsis',
        args: ['events', 'SOURCE...', '[--filter', 'Q]'],
        exit: 0,
        prints: [],
      },
      {
        where: 'page.md:9',
        check: 'run',
        args: [
          'events',
          'data/demo-case.json.gz',
          '--filter',
          'user:KeyHunter ip:1.2.3.4',
          '--format',
          'csv',
        ],
        exit: 2,
        prints: [],
      },
      { where: 'page.md:14', check: 'run', args: ['--version'], exit: 0, prints: ['0.1.0'] },
      {
        where: 'page.md:23',
        check: 'parse',
        args: ['--live', '--since', '7d'],
        exit: 0,
        prints: [],
      },
      {
        where: 'page.md:24',
        check: 'parse',
        args: ['contain', 'KeyHunter', '--action', 'deactivate-keys'],
        exit: 0,
        prints: [],
      },
    ]);
  });

  it('reads quotes, backslashes and comments as a shell does', () => {
    expect(shellWords(`a 'b c' "d \\"e\\"" f\\ g # h`)).toEqual({
      tokens: [
        { value: 'a', quoted: false },
        { value: 'b c', quoted: true },
        { value: 'd "e"', quoted: true },
        { value: 'f g', quoted: false },
      ],
      comment: 'h',
    });
  });

  it('refuses a placeholder in a sh block: an example there is run as written', () => {
    expect(() => extractCommands('```sh\ntrailhound stats SOURCE\n```', 'bad.md')).toThrow(
      'bad.md:2: a placeholder in a sh block',
    );
  });
});

describe(
  'a bad example fails the check, naming the command and its stderr',
  { timeout: 60_000 },
  () => {
    const only = (text: string) => extractCommands(text, 'planted.md')[0]!;

    it('an option the CLI does not have, run', async () => {
      const failure = await checkCommand(
        only('```sh\ntrailhound events data/demo-case.json.gz --colour\n```'),
        sandbox,
        usage,
        run,
      );
      expect(failure).toContain('planted.md:2: trailhound events data/demo-case.json.gz --colour');
      expect(failure).toContain('exited 2, the doc says 0');
      expect(failure).toMatch(/stderr: trailhound: Unknown option '--colour'/);
    });

    it('output the doc promises and the command does not print', async () => {
      const failure = await checkCommand(
        only('```sh\ntrailhound --version\n```\n\n```text\n9.9.9\n```'),
        sandbox,
        usage,
        run,
      );
      expect(failure).toContain('does not print: 9.9.9');
    });

    it('a live or contain example the parser refuses, and a synopsis with a missing flag', async () => {
      const live = await checkCommand(
        only('```sh\ntrailhound events --live --since yesterday\n```'),
        sandbox,
        usage,
        run,
      );
      expect(live).toContain('usage error: --since takes a time like');
      const contain = await checkCommand(
        only('```sh\ntrailhound contain KeyHunter --action unplug\n```'),
        sandbox,
        usage,
        run,
      );
      expect(contain).toContain('usage error: unknown action "unplug"');
      const tui = await checkCommand(only('`trailhound no-such-tree.json`'), sandbox, usage, run);
      expect(tui).toContain('no such file or directory: no-such-tree.json');
      const synopsis = await checkCommand(
        only('`trailhound stats SOURCE... [--colour]`'),
        sandbox,
        usage,
        run,
      );
      expect(synopsis).toContain('no option --colour in trailhound --help');
      const command = await checkCommand(only('`trailhound scan SOURCE`'), sandbox, usage, run);
      expect(command).toContain('no command "scan" in trailhound --help');
    });
  },
);
