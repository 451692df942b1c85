/**
 * How the live reader connects to accounts, for the CLI and the TUI alike: the caller's own
 * account (no `--accounts`), or each account of `--accounts A,B|all` through `--role-name R`.
 * Each account's role is assumed before reading starts, a bounded number at a time; an account
 * whose role is refused is one line naming the account, the role and what to do, and the others
 * are read.
 */
import {
  accountConnection,
  ACCOUNTS_IN_FLIGHT,
  boundedAll,
  organizationAccounts,
  type AccountConnection,
} from '../aws/accounts.js';
import { roleArn, partitionOf } from '../aws/assume-role.js';
import { callerIdentity, type AwsConnection, type CallerIdentity } from '../aws/connect.js';
import { describeAwsError } from '../aws/errors.js';
import type { BatchSink } from '../trail/batch.js';
import { sanitizeText } from '../trail/sanitize.js';
import { AccountsReader, LiveReader, type ServerLookup } from '../ingest/live/index.js';

export interface LiveSourceOptions {
  accounts: readonly string[] | 'all' | undefined;
  roleName: string | undefined;
  readOnly: boolean;
  lookup: ServerLookup | undefined;
  cacheDir: string;
  sink: BatchSink;
  stopOnError?: boolean;
  profile?: string;
  /** Known already (the TUI asks before the screen is taken); asked here otherwise. */
  caller?: CallerIdentity;
}

export interface LiveSource {
  reader: LiveReader | AccountsReader;
  /** The accounts read (under --accounts), each with its own clients; empty otherwise. */
  accounts: readonly AccountConnection[];
  /** One line per account left out, to say before reading. */
  skipped: readonly string[];
  close(): void;
}

/** Every account left out: the lines say why, the first is the error. */
export class NoAccountError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines[0] ?? 'no account to read');
  }
}

export async function openLiveSource(
  connection: AwsConnection,
  options: LiveSourceOptions,
): Promise<LiveSource> {
  const common = {
    ...(options.lookup ? { lookup: options.lookup } : {}),
    cacheDir: options.cacheDir,
    sink: options.sink,
    ...(options.stopOnError === undefined ? {} : { stopOnError: options.stopOnError }),
  };
  if (options.accounts === undefined || options.roleName === undefined) {
    const reader = await LiveReader.open({
      ...common,
      client: (region) => connection.cloudTrail(region),
      regions: connection.regions,
    });
    return { reader, accounts: [], skipped: [], close: () => undefined };
  }
  const roleName = options.roleName;
  const profile = options.profile === undefined ? {} : { profile: options.profile };
  const caller =
    options.caller ??
    (await callerIdentity(connection).catch((error: unknown) => {
      throw new Error(
        describeAwsError(error, {
          call: 'sts:GetCallerIdentity',
          region: connection.homeRegion,
          ...profile,
        }),
      );
    }));
  const ids = options.accounts === 'all' ? await listAll(connection, caller) : options.accounts;
  const opened = await boundedAll(ids, ACCOUNTS_IN_FLIGHT * 2, async (account) => {
    const reach = accountConnection(connection, account, {
      roleName,
      caller,
      readOnly: options.readOnly,
    });
    try {
      await reach.check();
      return { reach };
    } catch (error) {
      reach.destroy();
      return { line: skippedLine(account, roleName, caller, connection.homeRegion, error) };
    }
  });
  const accounts = opened.flatMap((entry) => (entry.reach ? [entry.reach] : []));
  const skipped = opened.flatMap((entry) => (entry.line ? [entry.line] : []));
  if (accounts.length === 0) throw new NoAccountError(skipped);
  const close = () => {
    for (const account of accounts) account.destroy();
  };
  try {
    const reader = await AccountsReader.open({
      ...common,
      regions: connection.regions,
      accounts: accounts.map((reach) => ({
        account: reach.account,
        client: (region: string) => reach.cloudTrail(region),
      })),
      inFlight: ACCOUNTS_IN_FLIGHT,
    });
    return { reader, accounts, skipped, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** `--accounts all`: the organization's ACTIVE accounts, asked with the caller's credentials. */
async function listAll(connection: AwsConnection, caller: CallerIdentity): Promise<string[]> {
  let accounts;
  try {
    accounts = await organizationAccounts(connection);
  } catch (error) {
    throw new Error(
      `${describeAwsError(error, {
        call: 'organizations:ListAccounts',
        region: connection.homeRegion,
        principal: caller.arn,
      })} --accounts all reads the organization's account list, which only the management account or a delegated administrator may: run it there, or name the accounts with --accounts A,B.`,
    );
  }
  if (accounts.length === 0) {
    throw new Error(
      `organizations:ListAccounts in ${connection.homeRegion}: the organization has no ACTIVE account (is this account in an organization?); name the accounts with --accounts A,B.`,
    );
  }
  return accounts.map((account) => account.id);
}

function skippedLine(
  account: string,
  roleName: string,
  caller: CallerIdentity,
  region: string,
  error: unknown,
): string {
  const arn = roleArn(account, roleName, partitionOf(caller.arn));
  const why = describeAwsError(error, { call: 'sts:AssumeRole', region, principal: caller.arn });
  return sanitizeText(
    `account ${account} skipped: ${why} The role ${arn} must exist in ${account} and trust ${caller.arn}; fix that, or leave ${account} out of --accounts.`,
  );
}

/** `account 111111111111: ` before a line about one account's region; nothing for one account. */
export function accountPrefix(account: string | undefined): string {
  return account === undefined ? '' : `account ${account}: `;
}
