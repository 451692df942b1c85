import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';
import { lines } from './fixture-records.js';

const STRATUS = fixture('stratus');
const MISSING = path.join(STRATUS, 'no-such-file.json');
const STACK_LINE = /^\s+at /m;

describe.concurrent(
  'usage errors: exit 2, one line on stderr, nothing on stdout',
  { timeout: 60_000 },
  () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown option', ['events', STRATUS, '--bogus'], /Unknown option '--bogus'/],
      ['--format xml', ['events', STRATUS, '--format', 'xml'], /--format must be one of table/],
      ['a stats format on events', ['events', STRATUS, '--format', 'json'], /--format must be/],
      ['an events format on stats', ['stats', STRATUS, '--format', 'csv'], /one of text, json/],
      ['events without sources', ['events'], /events needs at least one SOURCE/],
      ['stats without sources', ['stats', '--format', 'json'], /stats needs at least one SOURCE/],
      [
        'a bad filter field',
        ['events', STRATUS, '--filter', 'usr:x'],
        /--filter: unknown field "usr"/,
      ],
      // The filter is checked before anything is read: no complaint about the missing file.
      ['a bad filter and a missing file', ['events', MISSING, '--filter', 'usr:x'], /--filter/],
      ['demo without --write', ['demo'], /demo needs --write DIR/],
      [
        'a bad --workers',
        ['stats', STRATUS, '--workers', 'many'],
        /--workers takes a whole number/,
      ],
      ['a --format for the TUI', ['--format', 'csv'], /--format does not apply to the TUI/],
      ['the TUI without a terminal', [], /the TUI needs a terminal/],
    ];
    it.each(cases)('%s', async (_name, args, message) => {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const errors = lines(run.stderr);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^trailhound: /);
      expect(errors[0]).toMatch(message);
      expect(run.stderr).not.toMatch(STACK_LINE);
    });
  },
);

describe('a source that does not exist', { timeout: 60_000 }, () => {
  it('is reported on stderr by events; exit 0, or 1 with --strict', async () => {
    const run = await runCli(['events', MISSING, STRATUS, '--filter', 'event:CreateUser']);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    expect(run.stdout).toContain('CreateUser');
    expect(lines(run.stderr)).toEqual([`trailhound: ${MISSING}: no such file or directory`]);
    const strict = await runCli(['events', MISSING, STRATUS, '--strict']);
    expect(strict.code).toBe(1);
    expect(lines(strict.stdout)).toHaveLength(310);
    expect(strict.stderr).not.toMatch(STACK_LINE);
  });

  it('alone, stops stats: the reason on stderr, nothing on stdout, exit 1', async () => {
    const run = await runCli(['stats', MISSING]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([`trailhound: ${MISSING}: no such file or directory`]);
  });
});

describe('--help and --version', { timeout: 60_000 }, () => {
  it.each(['--help', '-h', 'help'])('%s prints the usage', async (args) => {
    const run = await runCli(args.split(' '));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^trailhound: /);
    expect(run.stdout).toContain('usage:');
    expect(run.stdout).toContain(
      'trailhound events SOURCE... [--filter Q] [--format table|jsonl|csv]',
    );
    expect(run.stdout).toContain(
      'exit codes: 0 ok, 1 no source gave an event, or input errors under --strict, 2 usage errors',
    );
  });

  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    const pkg = JSON.parse(
      fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
    expect(run.stderr).toBe('');
  });
});

describe('a reader that closes the pipe early', { timeout: 60_000 }, () => {
  it.each(['jsonl', 'table'])(
    'ends events --format %s quietly: no EPIPE, no stack',
    async (format) => {
      const demo = fileURLToPath(new URL('../../data/demo-case.json.gz', import.meta.url));
      const child = spawn(process.execPath, [CLI, 'events', demo, '--format', format], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let received = 0;
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.stdout.once('data', (chunk: Buffer) => {
        received = chunk.length;
        child.stdout.destroy();
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(received).toBeGreaterThan(0);
      expect(stderr).not.toMatch(/EPIPE/);
      expect(stderr).not.toMatch(STACK_LINE);
      expect(code).toBe(0);
    },
  );
});
