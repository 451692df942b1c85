import type { NavTarget } from './types.js';

/** What a `:` command does with its argument: where it leads, or what is wrong. */
type Parse = (argument: string) => NavTarget | { error: string };

interface CommandSpec {
  /** The name first, then its short forms. */
  names: string[];
  /** What it takes, as the help shows it ('' for nothing). */
  argument: string;
  help: string;
  parse: Parse;
}

const needs =
  (what: string, make: (argument: string) => NavTarget): Parse =>
  (argument) =>
    argument ? make(argument) : { error: `needs ${what}` };

/**
 * Every `:` command, once: the parser reads this table and the help (`?`) lists it, so a
 * command cannot exist without being listed.
 */
export const COMMANDS: readonly CommandSpec[] = [
  {
    names: ['user', 'u', 'principal', 'role'],
    argument: 'NAME',
    help: 'principal profile',
    parse: needs('a name', (name) => ({ kind: 'principal', name })),
  },
  {
    names: ['ip'],
    argument: 'ADDRESS',
    help: 'IP profile',
    parse: needs('an address', (ip) => ({ kind: 'ip', ip })),
  },
  {
    names: ['key', 'k'],
    argument: 'AKIA…',
    help: 'access-key profile',
    parse: needs('an access key id', (key) => ({ kind: 'key', key })),
  },
  {
    names: ['findings', 'f'],
    argument: '',
    help: 'the findings list',
    parse: () => ({ kind: 'findings' }),
  },
  {
    names: ['checklist', 'c'],
    argument: '',
    help: 'the triage checklist',
    parse: () => ({ kind: 'checklist' }),
  },
  {
    names: ['guide', 'g'],
    argument: '',
    help: 'guided mode: one step at a time',
    parse: () => ({ kind: 'guide' }),
  },
  {
    names: ['case'],
    argument: '',
    help: 'the case file, report and sources, paths in full',
    parse: () => ({ kind: 'case' }),
  },
  {
    names: ['w', 'write'],
    argument: '[PATH]',
    help: 'write the report (.md .txt .json .html)',
    parse: (path) => (path ? { kind: 'write', path } : { kind: 'write' }),
  },
  {
    names: ['help', 'h'],
    argument: '',
    help: 'the keys and commands (as ?)',
    parse: () => ({ kind: 'help' }),
  },
  { names: ['q', 'quit'], argument: '', help: 'quit', parse: () => ({ kind: 'quit' }) },
];

const usage = (spec: CommandSpec) => `:${spec.names[0]}${spec.argument ? ` ${spec.argument}` : ''}`;

/** What `:` understands, one line a command, for the help overlay. */
export const COMMAND_HELP: string[] = COMMANDS.map((spec) => {
  const also = spec.names.slice(1).map((name) => `:${name}`);
  return `${usage(spec).padEnd(13)} ${spec.help}${also.length > 0 ? ` (also ${also.join(' ')})` : ''}`;
});

const HINT = 'try :user NAME, :ip ADDRESS, :findings, :w PATH, :help, :q';

/** Parses a `:` command line into where it leads, or says what is wrong. */
export function parseCommand(text: string): NavTarget | { error: string } {
  const trimmed = text.trim().replace(/^:/, '');
  const space = trimmed.search(/\s/);
  const verb = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const argument = (space < 0 ? '' : trimmed.slice(space + 1)).trim().replace(/^"(.*)"$/, '$1');
  if (verb === '') return { error: `type a command: ${HINT}` };
  const spec = COMMANDS.find((candidate) => candidate.names.includes(verb));
  if (!spec) return { error: `unknown command :${verb} (${HINT})` };
  const parsed = spec.parse(argument);
  return 'error' in parsed ? { error: `:${verb} ${parsed.error}` } : parsed;
}
