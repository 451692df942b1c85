/**
 * Checks one documented command (see doc-commands.ts for how they are found) in a scratch folder
 * that looks like the project to it: `data/` is the project's data (the demo case, the Sigma
 * rule), `case.json` a case on the demo with KeyHunter and 102.88.109.159 marked, as the README's
 * tour leaves it. HOME and the XDG folders point inside the scratch folder and AWS can be reached
 * by no command: the ones that need it are only parsed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli } from '../../source/cli/args.js';
import { parseContainArgs } from '../../source/cli/contain-args.js';
import { createCase } from '../../source/case/index.js';
import { DEMO_DATA_FILE } from '../../source/demo/index.js';
import type { CliRun } from '../helpers/cli.js';
import { missingFromOutput, type DocCommand } from './doc-commands.js';

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));

export interface Sandbox {
  cwd: string;
  env: NodeJS.ProcessEnv;
  remove: () => void;
}

export function makeSandbox(): Sandbox {
  const cwd = mkdtempSync(join(tmpdir(), 'trailhound-docs-'));
  symlinkSync(join(PROJECT, 'data'), join(cwd, 'data'));
  const home = join(cwd, '.home');
  mkdirSync(home);
  const store = createCase(join(cwd, 'case.json'), {
    title: 'KeyHunter',
    sources: [{ kind: 'path', value: DEMO_DATA_FILE }],
  });
  store.update(
    (draft, stamp) => {
      draft.suspects.push(
        { kind: 'principal', value: 'KeyHunter', markedAt: stamp.at, note: '' },
        { kind: 'ip', value: '102.88.109.159', markedAt: stamp.at, note: '' },
      );
    },
    { action: 'marked suspect', detail: 'principal KeyHunter, ip 102.88.109.159' },
  );
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_DATA_HOME: join(home, 'data'),
    NO_COLOR: '1',
    // Belt and braces: nothing here may find credentials or instance metadata.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
    AWS_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
  };
  return { cwd, env, remove: () => rmSync(cwd, { recursive: true, force: true }) };
}

/** What `trailhound --help` offers: its commands and its flags. */
export interface Usage {
  commands: Set<string>;
  flags: Set<string>;
}

export function usageFrom(help: string): Usage {
  const commands = new Set<string>();
  for (const match of help.matchAll(/^\s*trailhound ([a-z]+(?:\|[a-z]+)*)\b/gm))
    for (const name of match[1]!.split('|')) commands.add(name);
  const flags = new Set(help.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? []);
  return { commands, flags };
}

/** Why the command does not do what its doc says, or undefined when it does. */
export async function checkCommand(
  command: DocCommand,
  sandbox: Sandbox,
  usage: Usage,
  run: (args: string[]) => Promise<CliRun>,
): Promise<string | undefined> {
  const head = `${command.where}: trailhound ${command.args.join(' ')}`;
  switch (command.check) {
    case 'synopsis':
      return synopsisProblem(command, usage).map((problem) => `${head}\n  ${problem}`)[0];
    case 'parse': {
      const problem = parseProblem(command, sandbox);
      return problem === undefined ? undefined : `${head}\n  ${problem}`;
    }
    case 'run': {
      const result = await run(command.args);
      const problems: string[] = [];
      if (result.code !== command.exit)
        problems.push(`exited ${String(result.code)}, the doc says ${command.exit}`);
      for (const line of missingFromOutput(command.prints, result.stdout + result.stderr))
        problems.push(`does not print: ${line}`);
      if (problems.length === 0) return undefined;
      const stderr = result.stderr.trim() || '(empty)';
      return `${head}\n  ${problems.join('\n  ')}\n  stderr: ${stderr}`;
    }
  }
}

/** A usage synopsis: its command must exist and every flag it shows must be in the usage. */
function synopsisProblem(command: DocCommand, usage: Usage): string[] {
  const problems: string[] = [];
  const first = command.args[0] ?? '';
  // A command word (`events`, `events|stats`); a path or a placeholder is a TUI SOURCE.
  if (/^[a-z]+(\|[a-z]+)*$/.test(first))
    for (const name of first.split('|'))
      if (!usage.commands.has(name)) problems.push(`no command "${name}" in trailhound --help`);
  for (const arg of command.args)
    for (const flag of arg.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? [])
      if (arg.startsWith('-') || arg.startsWith('[') || arg.includes('|'))
        if (!usage.flags.has(flag)) problems.push(`no option ${flag} in trailhound --help`);
  return problems;
}

/** Commands that need AWS or a terminal: the CLI's own parser must take them as written. */
function parseProblem(command: DocCommand, sandbox: Sandbox): string | undefined {
  try {
    if (command.args[0] === 'contain') {
      parseContainArgs(command.args.slice(1));
      return undefined;
    }
    const options = parseCli(command.args);
    // A bucket is not a path: it is only parsed, as --live is.
    const local = options.sources.filter((source) => source !== '-' && !/^s3:\/\//i.test(source));
    const paths = [...local, ...options.rules];
    const absent = paths.find((path) => !existsSync(resolve(sandbox.cwd, path)));
    return absent === undefined ? undefined : `no such file or directory: ${absent}`;
  } catch (error) {
    return `usage error: ${error instanceof Error ? error.message : String(error)}`;
  }
}
