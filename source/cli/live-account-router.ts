/**
 * The TUI's containment and IAM inventory over many accounts (`--live --accounts`): a principal
 * is read and contained in its own account (from its ARN, see state/contain-slice.ts), through
 * the role the session assumed there, and every plan line names that account. A session of one
 * account acts in it, as before.
 */
import type { AccountConnection } from '../aws/accounts.js';
import type { CallerIdentity } from '../aws/connect.js';
import {
  containClients,
  destroyClients,
  type CliGlobals,
  type ContainClients,
} from '../aws/contain/index.js';
import { InventoryCache } from '../aws/iam/index.js';
import type { ContainTarget } from '../state/index.js';

export interface AccountRouterOptions {
  caller: CallerIdentity;
  /** The caller's own account's clients. */
  home: ContainClients;
  /** The accounts read through their role (empty: one account, the caller's). */
  accounts: readonly AccountConnection[];
  /** Where Lambda and CloudTrail calls go (IAM is global). */
  region: string;
  readOnly: boolean;
  roleName?: string;
}

export interface AccountRouter {
  /** The target account's clients and plan-line globals; undefined: the caller's, unnamed. */
  route(target: ContainTarget): { clients: ContainClients; cli: CliGlobals } | undefined;
  /** The IAM inventory cache of the target's account. */
  inventory(target: ContainTarget): InventoryCache;
  /** The account the target is read and contained in. */
  accountOf(target: ContainTarget): string;
  close(): void;
}

export function accountRouter(options: AccountRouterOptions): AccountRouter {
  const { caller, home } = options;
  const homeCache = new InventoryCache(home.iam);
  if (options.accounts.length === 0) {
    return {
      route: () => undefined,
      inventory: () => homeCache,
      accountOf: () => caller.account,
      close: () => undefined,
    };
  }
  const opened = new Map<string, { clients: ContainClients; cache: InventoryCache }>();
  const accountOf = (target: ContainTarget) => target.account ?? caller.account;
  const reachOf = (target: ContainTarget) => {
    const account = accountOf(target);
    if (account === caller.account) return { clients: home, cache: homeCache, account };
    let entry = opened.get(account);
    if (!entry) {
      const reach = options.accounts.find((candidate) => candidate.account === account);
      if (!reach) {
        throw new Error(
          `${target.kind} ${target.name} is in account ${account}, which this session does not read: add it to --accounts, or run trailhound contain with its ARN and --role-name`,
        );
      }
      const clients = containClients(reach.clientConfig, options.region, options.readOnly);
      entry = { clients, cache: new InventoryCache(clients.iam) };
      opened.set(account, entry);
    }
    return { ...entry, account };
  };
  return {
    route: (target) => {
      const { clients, account } = reachOf(target);
      const role = account === caller.account ? undefined : options.roleName;
      return { clients, cli: { account, ...(role === undefined ? {} : { role }) } };
    },
    inventory: (target) => reachOf(target).cache,
    accountOf,
    close: () => {
      for (const entry of opened.values()) destroyClients(entry.clients);
    },
  };
}
