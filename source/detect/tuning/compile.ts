import { ipInRange, parseCidr, parseIp, type CidrRange } from '../sigma/cidr.js';
import { buildFilter, type SigmaFilter } from '../sigma/filter-rule.js';
import type {
  AccountEntry,
  EntryOrigin,
  NetworkEntry,
  RoleEntry,
  SourcedEntry,
  SuppressEntry,
} from './model.js';

/** A principal pattern: `*` is any run of characters; IAM names compare without case. */
export function principalPattern(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  // A bare name covers that name in every account of a several-account trail (`ACCOUNT/name`).
  const anyAccount = /^\d{12}\//.test(pattern) ? '' : '(?:\\d{12}/)?';
  return new RegExp(`^${anyAccount}${escaped}$`, 'i');
}

/** "2026-01-31" lasts the whole day; an ISO time is the moment. */
function untilMs(until: string | undefined): number {
  if (until === undefined) return Number.POSITIVE_INFINITY;
  const at = Date.parse(until);
  return /^\d{4}-\d{2}-\d{2}$/.test(until) ? at + 86_400_000 - 1 : at;
}

export interface Sourced<T> {
  entry: T;
  origin: EntryOrigin;
}

export interface CompiledRole extends Sourced<RoleEntry> {
  who: RegExp;
  ranges: CidrRange[] | undefined;
}

export interface CompiledSuppression extends Sourced<SuppressEntry> {
  who: RegExp | undefined;
  range: CidrRange | undefined;
  until: number;
}

/** Tuning ready to apply: every pattern and range compiled once. */
export interface Tuning {
  entries: readonly SourcedEntry[];
  networks: (Sourced<NetworkEntry> & { range: CidrRange })[];
  roles: CompiledRole[];
  accounts: (Sourced<AccountEntry> & { who: RegExp })[];
  suppressions: CompiledSuppression[];
  filters: Sourced<SigmaFilter>[];
}

export const NO_TUNING: Tuning = {
  entries: [],
  networks: [],
  roles: [],
  accounts: [],
  suppressions: [],
  filters: [],
};

/**
 * Compiles checked entries (see parse.ts). Filters loaded with `--rules` join the tuning's own:
 * a filter is tuning whichever file it came in.
 */
export function compileTuning(
  entries: readonly SourcedEntry[],
  ruleFilters: readonly SigmaFilter[] = [],
): Tuning {
  const tuning: Tuning = {
    entries,
    networks: [],
    roles: [],
    accounts: [],
    suppressions: [],
    filters: ruleFilters.map((filter) => ({
      entry: filter,
      origin: { source: filter.file, at: filter.title },
    })),
  };
  for (const { entry, origin } of entries) {
    switch (entry.kind) {
      case 'network':
        tuning.networks.push({ entry, origin, range: parseCidr(entry.cidr)! });
        break;
      case 'role':
        tuning.roles.push({
          entry,
          origin,
          who: principalPattern(entry.principal),
          ranges: entry.networks?.map((cidr) => parseCidr(cidr)!),
        });
        break;
      case 'account':
        tuning.accounts.push({ entry, origin, who: principalPattern(entry.account) });
        break;
      case 'suppress':
        tuning.suppressions.push({
          entry,
          origin,
          who: entry.principal === undefined ? undefined : principalPattern(entry.principal),
          range: entry.network === undefined ? undefined : parseCidr(entry.network),
          until: untilMs(entry.until),
        });
        break;
      case 'filter':
        tuning.filters.push({
          entry: buildFilter(entry.document, origin.source, 0, false),
          origin,
        });
        break;
    }
  }
  return tuning;
}

/** The label of the known network an address is in, or undefined. */
export function knownNetworkOf(tuning: Tuning, address: string): string | undefined {
  if (tuning.networks.length === 0) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  for (const { entry, range } of tuning.networks)
    if (ipInRange(ip, range)) return entry.label || entry.cidr;
  return undefined;
}

export function inRanges(address: string, ranges: readonly CidrRange[]): boolean {
  const ip = parseIp(address);
  return ip !== undefined && ranges.some((range) => ipInRange(ip, range));
}

/** What the baseline takes from tuning (`BaselineOptions.knownNetworks`); {} when nothing. */
export function knownNetworksOf(tuning: Tuning): { knownNetworks?: string[] } {
  return tuning.networks.length === 0
    ? {}
    : { knownNetworks: tuning.networks.map(({ entry }) => entry.cidr) };
}
