import { DEFAULT_LIMITS, formatLimit, LIMIT_SPECS } from '../trail/limits.js';

/**
 * Every word of `--help`: each subcommand's usage, options and example once, here; the general
 * usage is assembled from them, so `trailhound --help` and `trailhound events --help` cannot
 * disagree. The parsers (args.ts, contain-args.ts, live-args.ts) own what the options mean.
 */

/** Each option described once; a subcommand lists the ones it takes by name. */
const OPTIONS = {
  filter: "--filter Q    query, e.g. 'user:KeyHunter ip:102.88.* -error:* after:24h'",
  now: "--now T       relative times (after:24h, the playbook's windows) count back from T\n              (ISO UTC) instead of the trail's newest event (the clock under --live)",
  case: '--case CASE   the case to open or create: a file, or a number or name from `trailhound cases`\n              (default: a new one under the XDG state dir)',
  guided: '--guided      start in guided mode: one playbook step at a time',
  redact:
    '--redact      presenter mode: mask account ids, access key ids and IPs on screen and in exports',
  rules: '--rules DIR   Sigma rules (files or directories; repeatable) for findings and the TUI',
  baselineUntil:
    "--baseline-until T\n              what came before T (ISO UTC, or 7d: before the trail's end) is history:\n              nothing in it is judged new",
  baseline:
    '--baseline S  an earlier export (files or directories; repeatable) used only to\n              learn what is usual: never shown, never cited (the case keeps both)',
  tuning:
    '--tuning F    tuning (YAML/JSON; repeatable): known networks, CI/IaC/scanner roles,\n              expected accounts, suppressions, Sigma filters (the case keeps its own)',
  live: "--live        read the account through LookupEvents (us-east-1 always included);\n              --since (default 7d, at most 90d) / --until, --lookup user:|event:|key:|\n              source:|resource:VALUE sent to the server (else the filter's most selective)",
  connect:
    "--profile P --region R --regions a,b | --all-regions --endpoint-url URL\n              the AWS CLI's connection options (with --live or an s3:// SOURCE)",
  s3: '--since T --until T   an s3://BUCKET[/PREFIX] SOURCE reads only this window\n              (default 7d); --accounts A,B narrows it; --s3-concurrency N (16),\n              --cache-max SIZE | --no-cache, --yes (no question before a big pull)',
  accounts:
    '--accounts A,B|all --role-name R\n              (with --live) read each account through role R (STS AssumeRole)',
  readOnly:
    '--read-only   (TUI --live) no call that changes AWS can be made; actions show disabled',
  dryRun: '--dry-run     (TUI --live) containment shows its plans and runs nothing',
  follow: '--follow      (TUI --live) follow mode from the start: poll for new events',
  poll: "--poll N      (TUI --live) seconds between follow mode's polls (default 30)",
  strict:
    '--strict      (events, stats, findings, principal) exit 1 when any file or record\n              could not be read',
  color: '--no-color    no colors (also NO_COLOR=1)',
  workers: '--workers N   parse threads (default: one per core)',
  limit:
    '--limit N=V   change one bound on work done for the input (repeatable), e.g.\n              inflated-max=8GB, depth=256, request-timeout=2m (trailhound help limits)',
} as const;

type OptionName = keyof typeof OPTIONS;

export interface CommandHelp {
  /** One line: what the command does. */
  summary: string;
  /** Usage lines, each starting `trailhound`. */
  usage: string[];
  /** Options by name (from OPTIONS), then any of its own, already formatted. */
  options: (OptionName | string)[];
  /** Example command lines, runnable against the bundled demo where they read a trail. */
  examples: string[];
  /** What its exit codes mean, when not the trail-reading commands' usual ones. */
  exitCodes?: string;
}

const DEMO = 'data/demo-case.json.gz';

export const COMMANDS_HELP = {
  events: {
    summary: 'matching events in time order, as a table, JSON lines or CSV',
    usage: [
      'trailhound events SOURCE... [--filter Q] [--format table|jsonl|csv]',
      'trailhound events --live [--since 7d] [--until T] [--lookup A:V] [--filter Q]',
    ],
    options: [
      'filter',
      'now',
      '--format F    table (default), jsonl (the original records), csv',
      'live',
      'connect',
      's3',
      'accounts',
      'strict',
      'workers',
      'limit',
    ],
    examples: [`trailhound events ${DEMO} --filter 'user:KeyHunter event:Get*'`],
  },
  stats: {
    summary: 'what was read, what failed and why, and the trail at a glance',
    usage: ['trailhound stats SOURCE... [--filter Q] [--format text|json]'],
    options: [
      'filter',
      'baselineUntil',
      'baseline',
      'now',
      '--format F    text (default) or json',
      'live',
      'connect',
      's3',
      'accounts',
      'strict',
      'workers',
      'limit',
    ],
    examples: [`trailhound stats ${DEMO}`],
  },
  findings: {
    summary: 'every detection over the sources (built-in rules and Sigma rules)',
    usage: ['trailhound findings SOURCE... [--rules DIR] [--baseline OLD] [--format table|json]'],
    options: [
      'rules',
      'baselineUntil',
      'baseline',
      'tuning',
      'now',
      '--format F    table (default) or json',
      'live',
      'connect',
      's3',
      'accounts',
      'strict',
      'workers',
      'limit',
    ],
    examples: [`trailhound findings ${DEMO} --format json`],
  },
  principal: {
    summary: 'the profile of one principal (NAME, or ACCOUNT/NAME), as the TUI shows it',
    usage: ['trailhound principal NAME SOURCE... [--rules DIR] [--format text|json]'],
    options: [
      'rules',
      'baselineUntil',
      'baseline',
      'tuning',
      'now',
      '--format F    text (default) or json',
      'live',
      'connect',
      's3',
      'accounts',
      'strict',
      'limit',
    ],
    examples: [`trailhound principal KeyHunter ${DEMO}`],
  },
  report: {
    summary: 'the incident report of a case',
    usage: ['trailhound report --case CASE [--format md|txt|json|html] [--out PATH]'],
    options: [
      'case',
      'tuning',
      '--format F    md (default), txt (plain text, 80 columns), json or html',
      '--out PATH    where the report goes (default: stdout)',
    ],
    examples: ['trailhound report --case 1 --format md --out incident.md'],
  },
  cases: {
    summary: 'recent cases, newest first: a number or name here opens it with --case',
    usage: ['trailhound cases [--format text|json]'],
    options: ['--format F    text (default) or json'],
    examples: ['trailhound cases', 'trailhound --case 1'],
  },
  contain: {
    exitCodes:
      'exit codes: 0 done and verified (or a dry run), 1 a call failed or a change did not hold,\n' +
      '2 usage errors, or no confirmation (off a terminal without --yes)',
    summary:
      'plan (as AWS CLI lines), confirm, run and verify containment of a user, role/NAME, function/NAME or ARN',
    usage: [
      'trailhound contain PRINCIPAL --action A,B,... [--dry-run] [--yes] [--read-only]',
      '      [--case CASE] [--evidence DIR] [--keys ID,...] [--force]',
      '      [--trail-name N --bucket B]',
      '      [--profile P] [--region R] [--endpoint-url URL]',
    ],
    options: [
      '--action A,B  preserve, deactivate-keys, quarantine, quarantine-inline,\n              revoke-sessions, remove-console, reset-password, stop-function,\n              create-trail (--trail-name N --bucket B), delete-keys, delete-user,\n              delete-role, reactivate-keys, unquarantine, unrevoke-sessions',
      '--dry-run     show the plan, run nothing',
      '--yes         run without the confirmation prompt (needed off a terminal)',
      '--read-only   refuse every call that changes AWS (preserve still runs)',
      "--case CASE   record the calls and their results in the case's audit log",
      "--evidence D  where preserve writes the principal's state (default: beside the case,\n              else ./trailhound-evidence)",
      '--keys ID,... only these access keys',
      '--force       delete-keys deletes active keys too (AWS advises deactivating first)',
      "--profile P --region R --endpoint-url URL   the AWS CLI's connection options",
      'limit',
    ],
    examples: [
      'trailhound contain KeyHunter --action preserve,deactivate-keys,quarantine --dry-run',
    ],
  },
  demo: {
    summary: 'write the demo case as an S3 delivery tree, to try the file path',
    usage: ['trailhound demo --write DIR'],
    options: ['--write DIR   where the tree goes'],
    examples: ['trailhound demo --write /tmp/demo-trail && trailhound stats /tmp/demo-trail'],
  },
  help: {
    summary: "this help, or one subcommand's",
    usage: ['trailhound help [SUBCOMMAND]', 'trailhound SUBCOMMAND --help'],
    options: [],
    examples: ['trailhound help contain'],
  },
} satisfies Record<string, CommandHelp>;

export type HelpTopic = keyof typeof COMMANDS_HELP;

export function isHelpTopic(name: string | undefined): name is HelpTopic {
  return name !== undefined && Object.hasOwn(COMMANDS_HELP, name);
}

const option = (name: string) =>
  `  ${name in OPTIONS ? OPTIONS[name as OptionName] : name}`.replaceAll('\n', '\n  ');

const EXIT_CODES =
  'exit codes: 0 ok, 1 no source gave an event, or input errors under --strict, 2 usage errors';

/** The help asked for: the general usage, or one subcommand's; undefined for an unknown topic. */
export function helpFor(topic: string | undefined): string | undefined {
  if (topic === undefined) return USAGE;
  if (topic === 'limits') return LIMITS_HELP;
  return isHelpTopic(topic) ? commandHelp(topic) : undefined;
}

/** `trailhound SUBCOMMAND --help`: its usage, options and example. */
export function commandHelp(topic: HelpTopic): string {
  const help: CommandHelp = COMMANDS_HELP[topic];
  return [
    `trailhound ${topic}: ${help.summary}`,
    '',
    'usage:',
    ...help.usage.map((line) => `  ${line}`),
    ...(help.options.length > 0 ? ['', 'options:', ...help.options.map(option)] : []),
    '',
    help.examples.length > 1 ? 'examples:' : 'example:',
    ...help.examples.map((line) => `  ${line}`),
    '',
    help.exitCodes ?? EXIT_CODES,
  ].join('\n');
}

/** `trailhound --help`: the TUI's usage and options, and every subcommand's usage lines. */
export const USAGE = [
  'trailhound: investigate a compromised AWS identity from CloudTrail',
  '',
  'usage:',
  '  trailhound [SOURCE...] [--filter Q] [--case CASE]   open the TUI (no SOURCE: the bundled demo case)',
  '  trailhound --live [--since 7d] [--follow] [--poll 30] [--read-only | --dry-run] [--case CASE]',
  '                                               the TUI on the account itself: C contains,',
  '                                               f follows new events',
  ...Object.values(COMMANDS_HELP).flatMap((help: CommandHelp) =>
    help.usage.map((line) => `  ${line}`),
  ),
  '',
  'SOURCE: files or directories (S3 delivery trees, .json.gz, .json, JSON lines,',
  'aws cloudtrail lookup-events output), or - for standard input.',
  '',
  'options (the TUI; each subcommand lists its own under trailhound help SUBCOMMAND):',
  ...(
    [
      'filter',
      'now',
      'case',
      'guided',
      'redact',
      'rules',
      'baselineUntil',
      'baseline',
      'tuning',
      'live',
      'connect',
      's3',
      'accounts',
      'readOnly',
      'dryRun',
      'follow',
      'poll',
      'strict',
      'color',
      'workers',
      'limit',
    ] as const
  ).map(option),
  '  -h, --help    this help;  -v, --version  the version',
  '',
  `subcommands: ${Object.keys(COMMANDS_HELP).join(', ')} (trailhound help SUBCOMMAND)`,
  EXIT_CODES,
].join('\n');

/**
 * What help the command line asks for, if any: `help [TOPIC]`, or `--help` / `-h` anywhere
 * before `--` (a subcommand's when one is named first). Undefined topic: the general usage.
 */
export function helpRequest(argv: readonly string[]): { topic: string | undefined } | undefined {
  const first = argv[0];
  // `help --help` asks for help on help.
  if (first === 'help') return { topic: argv[1]?.startsWith('-') ? 'help' : argv[1] };
  const end = argv.indexOf('--');
  const flags = end < 0 ? argv : argv.slice(0, end);
  if (!flags.includes('--help') && !flags.includes('-h')) return undefined;
  return { topic: isHelpTopic(first) ? first : undefined };
}

/** `trailhound help limits`: every bound, its default and what it stops. */
export const LIMITS_HELP = [
  'trailhound limits: bounds on the work done for input someone else wrote',
  '',
  'change one with --limit NAME=VALUE (repeatable); sizes take B, KB, MB, GB (binary),',
  'durations ms, s, m, h.',
  '',
  ...LIMIT_SPECS.map(
    (spec) =>
      `  ${spec.name.padEnd(17)}${formatLimit(spec.unit, DEFAULT_LIMITS[spec.key]).padEnd(10)}${spec.what}`,
  ),
].join('\n');
