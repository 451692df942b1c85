/**
 * Options for sources that are not local files: an `s3://` bucket and the live account
 * (`--live`), alone or together. The window (`--since`/`--until`), `--regions`, `--accounts` and
 * the AWS CLI's connection flags mean the same thing for both; the pull's own knobs
 * (`--s3-concurrency`, `--cache-max`, `--no-cache`, `--yes`) only for a bucket.
 */
import { DEFAULT_S3_CONCURRENCY } from '../ingest/s3/types.js';
import type { LiveCliOptions } from './live-args.js';

export const REMOTE_ARG_SPECS = {
  accounts: { type: 'string' },
  'role-name': { type: 'string' },
  's3-concurrency': { type: 'string' },
  'cache-max': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
} as const;

interface RemoteValues {
  accounts?: string;
  'role-name'?: string;
  's3-concurrency'?: string;
  'cache-max'?: string;
  'no-cache'?: boolean;
  yes?: boolean;
}

export interface RemoteCliOptions {
  /**
   * The window and connection of an s3:// SOURCE (`--since`/`--until`, default 7d; `--regions`,
   * `--profile`, `--region`, `--endpoint-url`): the same values as `live` under --live;
   * undefined when no SOURCE is a bucket. `lookup` is never set here.
   */
  window: LiveCliOptions | undefined;
  /** `--accounts A,B` or `all` (organization-wide: from the bucket's listing or ListAccounts). */
  accounts: readonly string[] | 'all' | undefined;
  /** `--role-name R`: assumed in each member account under --live --accounts. */
  roleName: string | undefined;
  /** GetObject requests in flight at most. */
  s3Concurrency: number;
  /** `--cache-max` in bytes; undefined: no bound. */
  cacheMax: number | undefined;
  /** False under --no-cache: objects go to a private temp folder removed on exit. */
  cache: boolean;
  /** `--yes`: no question before a big pull (scripts). */
  yes: boolean;
}

const S3_URI = /^s3:\/\//i;
const ACCOUNT = /^\d{12}$/;

/** Whether a SOURCE names a bucket rather than a local path. */
export function isS3Source(source: string): boolean {
  return S3_URI.test(source);
}

/** Whether any SOURCE is remote: the window and connection flags then apply without --live. */
export function hasRemoteSource(sources: readonly string[]): boolean {
  return sources.some(isS3Source);
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|k|m|g|t)?$/i;
const UNIT: Record<string, number> = { b: 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12 };

/** `500MB`, `2G`, `1.5tb`, or plain bytes. */
export function parseSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase().charAt(0);
  const bytes = Number(match[1]) * UNIT[unit]!;
  return Number.isFinite(bytes) && bytes > 0 ? Math.round(bytes) : undefined;
}

export function remoteOptionsFrom(
  values: RemoteValues,
  sources: readonly string[],
  live: boolean,
  usage: (message: string) => Error,
  window: () => LiveCliOptions,
): RemoteCliOptions {
  const remote = live || hasRemoteSource(sources);
  const bucket = hasRemoteSource(sources);
  for (const flag of ['accounts', 's3-concurrency', 'cache-max', 'no-cache'] as const) {
    const given = values[flag] !== undefined && values[flag] !== false;
    if (given && !(flag === 'accounts' ? remote : bucket))
      throw usage(
        flag === 'accounts'
          ? '--accounts needs --live or an s3:// SOURCE'
          : `--${flag} needs an s3:// SOURCE`,
      );
  }
  if (values['role-name'] !== undefined && !(live && values.accounts !== undefined))
    throw usage('--role-name goes with --live --accounts (the role assumed in each account)');
  // Under --live each account is read through a role assumed in it: without the role's name
  // there is no way in (the caller's own account alone needs no --accounts).
  if (live && values.accounts !== undefined && values['role-name'] === undefined)
    throw usage(
      '--live --accounts needs --role-name ROLE: the role assumed in each account to read it (e.g. --role-name OrganizationAccountAccessRole)',
    );
  if (values['role-name'] !== undefined && !/^[\w+=,.@-]{1,64}$/.test(values['role-name']))
    throw usage('--role-name takes a role name (letters, digits and +=,.@_-, at most 64)');
  let accounts: readonly string[] | 'all' | undefined;
  if (values.accounts !== undefined) {
    const list = values.accounts
      .split(',')
      .map((account) => account.trim())
      .filter(Boolean);
    if (list.length === 1 && list[0]!.toLowerCase() === 'all') accounts = 'all';
    else {
      const bad = list.find((account) => !ACCOUNT.test(account));
      if (list.length === 0 || bad !== undefined)
        throw usage(`--accounts takes 12-digit account ids separated by commas, or all`);
      accounts = [...new Set(list)];
    }
  }
  let s3Concurrency = DEFAULT_S3_CONCURRENCY;
  if (values['s3-concurrency'] !== undefined) {
    s3Concurrency = Number(values['s3-concurrency']);
    if (!Number.isInteger(s3Concurrency) || s3Concurrency < 1 || s3Concurrency > 256)
      throw usage('--s3-concurrency takes a whole number from 1 to 256');
  }
  let cacheMax: number | undefined;
  if (values['cache-max'] !== undefined) {
    cacheMax = parseSize(values['cache-max']);
    if (cacheMax === undefined) throw usage('--cache-max takes a size like 500MB, 2GB or 1TB');
  }
  if (values['no-cache'] && cacheMax !== undefined)
    throw usage('--cache-max and --no-cache: give one or the other');
  return {
    window: bucket ? window() : undefined,
    accounts,
    roleName: values['role-name'],
    s3Concurrency,
    cacheMax,
    cache: !values['no-cache'],
    yes: values.yes ?? false,
  };
}
