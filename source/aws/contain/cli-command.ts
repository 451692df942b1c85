import type { Service } from './types.js';

/**
 * The AWS CLI command line equivalent to an API call, so the analyst reads exactly what will be
 * done and a runbook can paste it. Operation and parameter names follow the CLI's own rule
 * (PascalCase to kebab-case, acronyms kept together); values are quoted for a POSIX shell.
 */
export function cliCommand(
  service: Service,
  operation: string,
  params: Record<string, unknown>,
  globals: CliGlobals = {},
): string {
  const words = ['aws', service, kebab(operation)];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') {
      words.push(value ? `--${kebab(name)}` : `--no-${kebab(name)}`);
      continue;
    }
    words.push(`--${kebab(name)}`, shellQuote(cliValue(value)));
  }
  if (globals.region) words.push('--region', shellQuote(globals.region));
  if (globals.profile) words.push('--profile', shellQuote(globals.profile));
  if (globals.endpointUrl) words.push('--endpoint-url', shellQuote(globals.endpointUrl));
  // The AWS CLI has no account flag: the account goes in a shell comment, so the line still
  // pastes and runs (with credentials for that account) and nobody mistakes where it acts.
  if (globals.account) words.push(accountComment(globals.account, globals.role));
  return words.join(' ');
}

export interface CliGlobals {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  /**
   * The account the call acts in, named on every line when more than one account is in play
   * (containment through a role, a live session over --accounts).
   */
  account?: string;
  /** The role assumed in that account, if any. */
  role?: string;
}

/** `# account 111111111111 (role Responder)`: digits and a role name only, nothing to escape. */
export function accountComment(account: string, role?: string): string {
  const safeRole = role && /^[\w+=,.@-]+$/.test(role) ? ` (role ${role})` : '';
  return `# account ${account.replace(/\D/g, '')}${safeRole}`;
}

/** `DeactivateMFADevice` → `deactivate-mfa-device`, `S3BucketName` → `s3-bucket-name`. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

function cliValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

const SAFE = /^[A-Za-z0-9@%+=:,./_-]+$/;

/**
 * A word for a POSIX shell: left bare when it holds only characters no shell treats specially,
 * else single-quoted (inside single quotes nothing is special; a quote is written `'\''`).
 */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
