import { readFileSync } from 'node:fs';
import { parseCli, UsageError, type CliOptions } from './args.js';
import { COMMANDS_HELP, helpFor, helpRequest, USAGE } from './help-text.js';
import { casePathFrom, casesCommand } from './cases-command.js';
import { parseContainArgs } from './contain-args.js';
import { demoCommand } from './demo-command.js';
import { exitProcess } from './exit-process.js';
import { eventsCommand } from './events-command.js';
import { findingsCommand } from './findings-command.js';
import { principalCommand } from './principal-command.js';
import { reportCommand } from './report-command.js';
import { processIo, type CliIo } from './io.js';
import { NoEventsError } from './load-index.js';
import { statsCommand } from './stats-command.js';
import { setPresenterMode } from '../trail/presenter-mask.js';
import { quietSdkWarnings } from '../aws/quiet-warnings.js';
import { setLimits } from '../trail/limits.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function run(options: CliOptions, io: CliIo): Promise<number> {
  // Before any work on input: every bound below reads limits().
  setLimits(options.limits);
  // Presenter mode masks ids in everything written from here on, screen and exports alike.
  setPresenterMode(options.redact);
  // `--case 1` or `--case NAME`: an entry of `trailhound cases`, from here on a path.
  options.casePath = casePathFrom(options.casePath);
  switch (options.command) {
    case 'help':
      await io.write(`${USAGE}\n`);
      return 0;
    case 'version':
      await io.write(`${version()}\n`);
      return 0;
    case 'events':
      return eventsCommand(options, io);
    case 'stats':
      return statsCommand(options, io);
    case 'findings':
      return findingsCommand(options, io);
    case 'principal':
      return principalCommand(options, io);
    case 'report':
      return reportCommand(options, io);
    case 'demo':
      return demoCommand(options, io);
    case 'cases':
      return casesCommand(options, io);
    case 'tui': {
      // Ink, React and the AWS SDK take a second to load: only the TUI and contain pay for them.
      const code = await (await import('./tui.js')).runTui(options);
      // The screen is gone: a thread still reading (or stuck) must not keep the process alive.
      exitProcess(code);
    }
  }
}

function containOptions(argv: string[]) {
  const options = parseContainArgs(argv);
  setLimits(options.limits);
  return { ...options, casePath: casePathFrom(options.casePath) };
}

/** Every failure ends as one line on stderr and an exit code; never a stack trace. */
export async function main(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (`trailhound events ... | head`) is the reader's choice, not a failure.
    if (error.code === 'EPIPE') process.exit(0);
  });
  // Before any AWS client exists, whoever builds it (live source, inventory, containment).
  quietSdkWarnings();
  const io = processIo();
  try {
    const argv = process.argv.slice(2);
    // Help is answered before any parser sees the rest, so `contain --help` needs no PRINCIPAL.
    const help = helpRequest(argv);
    if (help) {
      const text = helpFor(help.topic);
      if (text === undefined)
        throw new UsageError(
          `no help on ${JSON.stringify(help.topic)}: subcommands are ${Object.keys(COMMANDS_HELP).join(', ')}`,
        );
      await io.write(`${text}\n`);
      process.exitCode = 0;
      return;
    }
    // contain has options of its own (contain-args.ts); every other command goes through parseCli.
    process.exitCode =
      argv[0] === 'contain'
        ? await (
            await import('./contain-command.js')
          ).containCommand(containOptions(argv.slice(1)), io)
        : await run(parseCli(argv), io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof NoEventsError) {
      for (const line of error.lines) process.stderr.write(`trailhound: ${line}\n`);
      process.exitCode = 1;
    } else if (error instanceof UsageError) {
      process.stderr.write(`trailhound: ${message} (see trailhound --help)\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`trailhound: ${message}\n`);
      process.exitCode = 1;
    }
  }
}
