/**
 * Every `trailhound` command in the README and docs/ does what the page says, so the docs cannot
 * drift from the CLI. The conventions a page follows are in docs/tests.md and doc-commands.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { checkCommand, makeSandbox, PROJECT, usageFrom, type Usage } from './check-command.js';
import { docPages, extractCommands } from './doc-commands.js';

const pages = docPages(PROJECT).map(([file, text]) => ({
  file,
  text,
  commands: extractCommands(text, file),
}));
// One scratch folder for all pages: a command shown twice runs once, and a page may write a
// tree (`demo --write`) that its next command reads.
const sandbox = makeSandbox();
let usage: Usage;

/** Two processes at a time: each loads the CLI and starts parse threads, on a 2-core machine. */
const POOL = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function inPool<T>(work: () => Promise<T>): Promise<T> {
  while (running >= POOL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const runs = new Map<string, Promise<CliRun>>();
function run(args: string[]): Promise<CliRun> {
  const key = JSON.stringify(args);
  let result = runs.get(key);
  if (!result) {
    result = inPool(() => runCli(args, { cwd: sandbox.cwd, env: sandbox.env }));
    runs.set(key, result);
  }
  return result;
}

beforeAll(async () => {
  const help = await run(['--help']);
  expect(help.code).toBe(0);
  usage = usageFrom(help.stdout);
});
afterAll(() => sandbox.remove());

describe('the commands shown in the README and docs/', { timeout: 300_000 }, () => {
  it('are found: the README tour, and examples of every kind across the pages', () => {
    const all = pages.flatMap((page) => page.commands);
    const readme = pages.find((page) => page.file === 'README.md')!;
    expect(readme.text).toContain('npm install && npm start');
    expect(readme.text).toContain('npm test');
    expect(readme.commands.filter((c) => c.check === 'run').length).toBeGreaterThanOrEqual(3);
    for (const check of ['run', 'parse', 'synopsis'] as const)
      expect(all.filter((c) => c.check === check).length, check).toBeGreaterThanOrEqual(5);
    expect(all.some((c) => c.exit !== 0)).toBe(true);
    expect(all.some((c) => c.prints.length > 0)).toBe(true);
  });

  // A page's commands in order; pages side by side, their processes limited by the pool.
  it.concurrent.each(pages.filter((page) => page.commands.length > 0))(
    '$file',
    async ({ commands }) => {
      const failures: string[] = [];
      for (const command of commands) {
        const failure = await checkCommand(command, sandbox, usage, run);
        if (failure !== undefined) failures.push(failure);
      }
      expect(failures.join('\n\n')).toBe('');
    },
  );
});
