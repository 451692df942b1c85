import type { NavTarget } from './types.js';

/** What `:` understands, for the help and for "unknown command" messages. */
export const COMMAND_HELP = [
  ':user NAME   principal profile (also :principal, :role)',
  ':ip ADDRESS  IP profile        :key AKIA…  access-key profile',
  ':findings    the findings list   :checklist (c)   :guide  one step at a time',
  ':case        the case file, report and sources, paths in full',
];

/** Parses a `:` command line into where it leads, or says what is wrong. */
export function parseCommand(text: string): NavTarget | { error: string } {
  const trimmed = text.trim().replace(/^:/, '');
  const space = trimmed.search(/\s/);
  const verb = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const argument = (space < 0 ? '' : trimmed.slice(space + 1)).trim().replace(/^"(.*)"$/, '$1');
  const needs = (what: string) => ({ error: `:${verb} needs ${what}` });
  switch (verb) {
    case 'user':
    case 'u':
    case 'principal':
    case 'role':
      return argument ? { kind: 'principal', name: argument } : needs('a name');
    case 'ip':
      return argument ? { kind: 'ip', ip: argument } : needs('an address');
    case 'key':
    case 'k':
      return argument ? { kind: 'key', key: argument } : needs('an access key id');
    case 'findings':
    case 'f':
      return { kind: 'findings' };
    case 'checklist':
    case 'c':
      return { kind: 'checklist' };
    case 'guide':
    case 'g':
      return { kind: 'guide' };
    case 'case':
      return { kind: 'case' };
    case 'w':
    case 'write':
      return { kind: 'write' };
    case '':
      return { error: 'type a command: user NAME, ip ADDRESS, key AKIA…, findings' };
    default:
      return {
        error: `unknown command :${verb} (try :user NAME, :ip ADDRESS, :key AKIA…, :findings)`,
      };
  }
}
