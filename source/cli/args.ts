import { parseArgs } from 'node:util';
import { LIVE_ARG_SPECS, liveOptionsFrom, remoteWindow, type LiveCliOptions } from './live-args.js';
import { REMOTE_ARG_SPECS, remoteOptionsFrom, type RemoteCliOptions } from './remote-args.js';
import { NOW_COMMANDS, nowFrom } from './now-arg.js';
import { limitsFrom } from './limit-arg.js';
import { BASELINE_ARG_SPECS, baselineFrom, type BaselineCliOptions } from './baseline-args.js';
import { joinNegativeValues, parseArgsMessage } from './dash-values.js';
import type { Limits } from '../trail/limits.js';

/** A mistake on the command line: one line to stderr, exit 2. */
export class UsageError extends Error {}

export type Command =
  | 'tui'
  | 'events'
  | 'stats'
  | 'findings'
  | 'principal'
  | 'report'
  | 'demo'
  | 'cases'
  | 'help'
  | 'version';

export interface CliOptions {
  command: Command;
  sources: string[];
  filter: string | undefined;
  format: string | undefined;
  strict: boolean;
  write: string | undefined;
  color: boolean | undefined;
  workers: number | undefined;
  /** Sigma rule files or directories (--rules, repeatable). */
  rules: string[];
  /** The principal `trailhound principal NAME` profiles. */
  principal: string | undefined;
  /** The case file to open or create (--case). */
  casePath: string | undefined;
  /** Start in guided mode (--guided). */
  guided: boolean;
  /** Presenter mode: mask account ids, key ids and IPs (--redact). */
  redact: boolean;
  /** Where `report` writes (--out); stdout when absent. */
  out: string | undefined;
  /** `--live`: read the account through LookupEvents instead of SOURCE files. */
  live: LiveCliOptions | undefined;
  /**
   * s3:// sources' window and pull options, and `--accounts`/`--role-name` (with --live too).
   * Always present; `remote.window` is set when a SOURCE is a bucket.
   */
  remote: RemoteCliOptions;
  /** The TUI under --live: no call that changes AWS can be made (--read-only). */
  readOnly: boolean;
  /** The TUI under --live: containment shows plans and runs nothing (--dry-run). */
  dryRun: boolean;
  /** The TUI under --live: follow mode from the start (--follow). */
  follow: boolean;
  /** Seconds between follow mode's polls (--poll). */
  pollSeconds: number;
  /** `--now T` (epoch ms): relative times count from it, not the trail's end or the clock. */
  now: number | undefined;
  /** `--limit NAME=VALUE` (repeatable): bounds changed from their defaults. */
  limits: Partial<Limits>;
  /** `--baseline-until T` and `--baseline SOURCE` (repeatable): history the detections learn from. */
  baseline: BaselineCliOptions;
  /** `--tuning FILE` (repeatable): known networks, roles, accounts, suppressions, filters. */
  tuning: string[];
}

const COMMANDS = new Set(['events', 'stats', 'findings', 'principal', 'report', 'demo', 'cases']);
const FORMATS: Record<string, string[]> = {
  events: ['table', 'jsonl', 'csv'],
  stats: ['text', 'json'],
  findings: ['table', 'json'],
  principal: ['text', 'json'],
  report: ['md', 'txt', 'json', 'html'],
  cases: ['text', 'json'],
};
/** Commands that read a trail and so need at least one SOURCE. */
const READS_SOURCES = new Set<Command>(['events', 'stats', 'findings', 'principal']);

// The usage text of every command lives in help-text.ts.

const OPTIONS = {
  filter: { type: 'string' },
  format: { type: 'string' },
  strict: { type: 'boolean', default: false },
  write: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  workers: { type: 'string' },
  rules: { type: 'string', multiple: true },
  tuning: { type: 'string', multiple: true },
  case: { type: 'string' },
  guided: { type: 'boolean', default: false },
  redact: { type: 'boolean', default: false },
  out: { type: 'string' },
  ...LIVE_ARG_SPECS,
  ...REMOTE_ARG_SPECS,
  ...BASELINE_ARG_SPECS,
  'read-only': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  follow: { type: 'boolean', default: false },
  poll: { type: 'string' },
  now: { type: 'string' },
  limit: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      // `--workers -1` reaches --workers' own check instead of "argument is ambiguous".
      args: joinNegativeValues(argv, OPTIONS),
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
  const { values, positionals } = parsed;
  const first = positionals[0];
  const command: Command = values.help
    ? 'help'
    : values.version
      ? 'version'
      : first !== undefined && COMMANDS.has(first)
        ? (first as Command)
        : 'tui';
  const sources =
    command === 'tui' ? positionals : positionals.slice(command === 'principal' ? 2 : 1);
  const principal = command === 'principal' ? positionals[1] : undefined;
  if (command === 'principal' && !principal)
    throw new UsageError('principal needs a NAME, then at least one SOURCE');
  const allowed = FORMATS[command];
  if (values.format !== undefined && !allowed?.includes(values.format)) {
    throw new UsageError(
      allowed
        ? `--format must be one of ${allowed.join(', ')}`
        : `--format does not apply to ${command === 'tui' ? 'the TUI' : command}`,
    );
  }
  const usage = (message: string) => new UsageError(message);
  if (values.now !== undefined && !NOW_COMMANDS.has(command))
    throw usage('--now applies to the TUI, events, stats, findings and principal');
  const now = values.now === undefined ? undefined : nowFrom(values.now, usage);
  // Under --live, --since and --until count back from --now as well.
  const live = liveOptionsFrom(values, command, sources, usage, now ?? Date.now());
  const remote = remoteOptionsFrom(values, sources, live !== undefined, usage, () =>
    // Under --live the bucket reads the same window the account does.
    live ? { ...live, lookup: undefined } : remoteWindow(values, usage, now ?? Date.now()),
  );
  if (READS_SOURCES.has(command) && sources.length === 0 && !live) {
    throw new UsageError(
      `${command} needs at least one SOURCE (a file, a directory, or - for stdin)`,
    );
  }
  for (const flag of ['read-only', 'dry-run', 'follow'] as const) {
    if (values[flag] && !(command === 'tui' && live))
      throw new UsageError(
        `--${flag} applies to the TUI under --live${flag === 'follow' ? '' : ' (and to contain)'}`,
      );
  }
  let pollSeconds = 30;
  if (values.poll !== undefined) {
    if (!(command === 'tui' && live))
      throw new UsageError('--poll applies to the TUI under --live');
    pollSeconds = Number(values.poll.replace(/s$/, ''));
    // LookupEvents allows 2 requests a second per region; polling faster than 5 s gains nothing.
    if (!Number.isInteger(pollSeconds) || pollSeconds < 5 || pollSeconds > 3600)
      throw new UsageError('--poll takes whole seconds from 5 to 3600 (e.g. 30 or 30s)');
  }
  if (command === 'cases' && sources.length > 0)
    throw new UsageError('cases takes no SOURCE: it lists the cases folder');
  if (command === 'demo' && !values.write) throw new UsageError('demo needs --write DIR');
  if (command === 'report' && !values.case) throw new UsageError('report needs --case FILE');
  if (values.tuning && !['tui', 'findings', 'principal', 'report'].includes(command))
    throw usage('--tuning applies to the TUI, findings, principal and report');
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 64)
      throw new UsageError('--workers takes a whole number from 0 to 64');
  }
  return {
    command,
    sources,
    filter: values.filter,
    format: values.format,
    strict: values.strict ?? false,
    write: values.write,
    color: values['no-color'] ? false : values.color,
    workers,
    rules: values.rules ?? [],
    principal,
    casePath: values.case,
    guided: values.guided ?? false,
    redact: values.redact ?? false,
    out: values.out,
    live,
    remote,
    readOnly: values['read-only'] ?? false,
    dryRun: values['dry-run'] ?? false,
    follow: values.follow ?? false,
    pollSeconds,
    now,
    limits: limitsFrom(values.limit ?? [], usage),
    baseline: baselineFrom(values, command, usage),
    tuning: values.tuning ?? [],
  };
}
