/**
 * Many accounts from one connection: each member account is reached through a role assumed in
 * it (`--accounts A,B|all --role-name R`), with clients of its own built on the assumed
 * credentials. The caller's own account is read with the caller's own credentials (a role of
 * that name need not exist there: the management account usually has no
 * OrganizationAccountAccessRole). `all` is Organizations ListAccounts, asked with the caller's
 * own credentials: it answers in the management account or a delegated administrator.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import {
  assumeRoleProvider,
  partitionOf,
  readOnlySessionPolicy,
  roleArn,
  sessionName,
  type CredentialProvider,
} from './assume-role.js';
import {
  CLOUDTRAIL_RETRY_MODE,
  type AwsConnection,
  type CallerIdentity,
  type SharedClientConfig,
} from './connect.js';
import { ASSUME_ROLE_FOR_READING, guardReadOnly } from './guard/read-only.js';

/** Accounts read side by side at most (each reads all its regions at once, paced on its own). */
export const ACCOUNTS_IN_FLIGHT = 4;
/** ListAccounts pages read at most (20 accounts a page: 10,000 accounts). */
export const MAX_ACCOUNT_PAGES = 500;

export interface AccountConnection {
  readonly account: string;
  /** The role assumed to reach it; undefined for the caller's own account (its own credentials). */
  readonly roleArn: string | undefined;
  /** Client config for `region` with this account's credentials (IAM, Lambda, CloudTrail). */
  clientConfig(region: string): SharedClientConfig;
  /** The one CloudTrail client of a region in this account. */
  cloudTrail(region: string): CloudTrailClient;
  /**
   * Asks for the credentials now (AssumeRole), so a refused role is one line before reading
   * starts rather than an error in every region. Rejects with the SDK's error.
   */
  check(): Promise<void>;
  destroy(): void;
}

export interface AccountOptions {
  roleName: string;
  caller: CallerIdentity;
  readOnly?: boolean;
}

/** How to reach `account`: the caller's own credentials in its own account, else the role. */
export function accountConnection(
  base: AwsConnection,
  account: string,
  options: AccountOptions,
): AccountConnection {
  if (account === options.caller.account) {
    return {
      account,
      roleArn: undefined,
      clientConfig: base.clientConfig,
      cloudTrail: base.cloudTrail,
      check: () => Promise.resolve(),
      // The base connection is its owner's to close.
      destroy: () => undefined,
    };
  }
  const partition = partitionOf(options.caller.arn);
  const arn = roleArn(account, options.roleName, partition);
  // The caller's own credentials assume the role; under --read-only this one client may send
  // AssumeRole and nothing else that writes (see ASSUME_ROLE_FOR_READING).
  const sts = new STSClient(base.clientConfig(base.homeRegion));
  if (options.readOnly) guardReadOnly(sts, undefined, ASSUME_ROLE_FOR_READING);
  const credentials: CredentialProvider = assumeRoleProvider(sts, {
    roleArn: arn,
    sessionName: sessionName(options.caller.arn),
    ...(options.readOnly ? { policyArns: [readOnlySessionPolicy(partition)] } : {}),
  });
  const clientConfig = (region: string): SharedClientConfig => ({
    ...base.clientConfig(region),
    credentials,
  });
  const cloudTrails = new Map<string, CloudTrailClient>();
  return {
    account,
    roleArn: arn,
    clientConfig,
    cloudTrail: (region) => {
      let client = cloudTrails.get(region);
      if (!client) {
        client = new CloudTrailClient({
          ...clientConfig(region),
          retryMode: CLOUDTRAIL_RETRY_MODE,
        });
        if (options.readOnly) guardReadOnly(client);
        cloudTrails.set(region, client);
      }
      return client;
    },
    check: async () => {
      await credentials();
    },
    destroy: () => {
      for (const client of cloudTrails.values()) client.destroy();
      sts.destroy();
    },
  };
}

export interface OrganizationAccount {
  id: string;
  name: string;
}

/**
 * Organizations ListAccounts, every page (bounded), the ACTIVE accounts only: a suspended or
 * closing account cannot be read. `State` is the current field; `Status` (retired in 2026) is
 * read when `State` is absent.
 */
export async function organizationAccounts(
  connection: AwsConnection,
  signal?: AbortSignal,
): Promise<OrganizationAccount[]> {
  const found: OrganizationAccount[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_ACCOUNT_PAGES; page++) {
    const output = await connection
      .organizations()
      .send(
        new ListAccountsCommand(token === undefined ? {} : { NextToken: token }),
        signal ? { abortSignal: signal } : {},
      );
    for (const account of output.Accounts ?? []) {
      const state = account.State ?? account.Status;
      if (account.Id && /^\d{12}$/.test(account.Id) && state === 'ACTIVE') {
        found.push({ id: account.Id, name: account.Name ?? '' });
      }
    }
    token = output.NextToken;
    if (!token) return found;
  }
  throw Object.assign(
    new Error(
      `more than ${MAX_ACCOUNT_PAGES} pages of accounts; name the accounts with --accounts A,B instead of all`,
    ),
    { name: 'PagingStoppedError' },
  );
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the input order in the result. */
export async function boundedAll<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
