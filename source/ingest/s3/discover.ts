/**
 * Finding a trail's accounts and regions one folder level at a time: `AWSLogs/` → organization
 * ids and accounts → (an organization's) accounts → each account's `CloudTrail/` regions. One
 * delimiter listing per folder, never a listing of a whole account or bucket; `--accounts` and
 * `--regions` narrow what is listed (given regions are not listed at all).
 *
 * An account's `CloudTrail/` folder is not looked for under the account: its name is fixed, and
 * listing `ACCOUNT/CloudTrail/` for its regions answers both questions in one call (an account
 * with only `CloudTrail-Digest/` or `CloudTrail-Insight/` lists no regions there).
 */
import { cleanMessage } from '../../aws/errors.js';
import { describeMissingAwsLogs, describeS3Error, s3Text } from './errors.js';
import {
  ACCOUNT_ID,
  cloudTrailFolder,
  lastFolder,
  ORGANIZATION_ID,
  REGION_NAME,
  type LayoutPoint,
} from './layout.js';
import { S3ListingError, S3ListingTooLongError, type S3Lister } from './listing.js';
import type { S3Location, S3Window } from './types.js';

export interface TrailAccount {
  account: string;
  organizationId?: string;
  /** `ROOT/AWSLogs/[o-id/]ACCOUNT/CloudTrail/`. */
  folder: string;
}

export interface TrailRegion extends TrailAccount {
  region: string;
}

export interface DiscoveryContext {
  lister: S3Lister;
  location: S3Location;
  window: S3Window;
  /** Listings in flight at most. */
  concurrency: number;
  /** Pages of 1000 folders one level's listing may take. */
  discoveryPages: number;
  problem(line: string): void;
}

/** Runs `work` over `items` with at most `limit` in flight, in order of the items. */
export async function eachBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
  return results;
}

/**
 * The accounts the plan reads, or undefined when nothing can be planned (the reason recorded:
 * the listing denied, no `AWSLogs/` where it should be, with the nearby folders that have one).
 */
export async function findAccounts(
  context: DiscoveryContext,
  point: LayoutPoint,
): Promise<TrailAccount[] | undefined> {
  const { lister, location, window } = context;
  const logs = `${point.root}AWSLogs/`;
  let found: TrailAccount[];
  if (point.account !== undefined) {
    found = [accountAt(point.root, point.account, point.organizationId)];
  } else {
    const top = point.organizationId ? `${logs}${point.organizationId}/` : logs;
    const folders = await listOrProblem(context, top);
    if (folders === undefined) return undefined;
    if (folders.length === 0) {
      if (point.organizationId) {
        context.problem(`${s3Text(location.bucket, top)} holds no account folders.`);
      } else if (point.root === location.prefix) {
        context.problem(await missingAwsLogs(context));
      } else {
        context.problem(`${s3Text(location.bucket, logs)} is empty.`);
      }
      return undefined;
    }
    found = [];
    const organizations: string[] = [];
    for (const folder of folders) {
      const name = lastFolder(folder);
      if (ACCOUNT_ID.test(name)) found.push(accountAt(point.root, name, point.organizationId));
      else if (!point.organizationId && ORGANIZATION_ID.test(name)) organizations.push(name);
    }
    const nested = await eachBounded(organizations, context.concurrency, async (organization) => {
      const inside = await listOrProblem(context, `${logs}${organization}/`);
      return (inside ?? [])
        .map(lastFolder)
        .filter((name) => ACCOUNT_ID.test(name))
        .map((account) => accountAt(point.root, account, organization));
    });
    found.push(...nested.flat());
    if (found.length === 0) {
      context.problem(
        `${s3Text(location.bucket, top)} holds no account folders (12-digit ids${point.organizationId ? '' : ' or o-… organizations'}).`,
      );
      return undefined;
    }
  }
  if (window.accounts === undefined) return found;
  const wanted = new Set(window.accounts);
  const kept = found.filter((entry) => wanted.has(entry.account));
  const seen = new Set(kept.map((entry) => entry.account));
  const missing = window.accounts.filter((account) => !seen.has(account));
  if (missing.length > 0) {
    const names = [...new Set(found.map((entry) => entry.account))];
    const holds = `${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`;
    const where = point.account
      ? `the prefix names account ${point.account} only`
      : `not in the trail at ${s3Text(location.bucket, point.organizationId ? `${logs}${point.organizationId}/` : logs)} (it holds ${holds})`;
    context.problem(
      `--accounts ${missing.slice(0, 5).join(',')}${missing.length > 5 ? `,… (${missing.length})` : ''}: ${where}.`,
    );
  }
  return kept;
}

/**
 * Each account's regions: the prefix's region, else `--regions` as given (not listed), else the
 * region folders listed under the account's `CloudTrail/`. An account whose listing fails is a
 * problem line and is left out; the others go on.
 */
export async function findRegions(
  context: DiscoveryContext,
  accounts: readonly TrailAccount[],
  point: LayoutPoint,
): Promise<TrailRegion[]> {
  const { window, location } = context;
  if (point.region !== undefined) {
    if (window.regions && !window.regions.includes(point.region)) {
      context.problem(
        `--regions ${cleanMessage(window.regions.join(','))} leaves out ${point.region}, the only region under ${s3Text(location.bucket, location.prefix)}.`,
      );
      return [];
    }
    return accounts.map((entry) => ({ ...entry, region: point.region! }));
  }
  if (window.regions) {
    return accounts.flatMap((entry) => window.regions!.map((region) => ({ ...entry, region })));
  }
  const listed = await eachBounded(accounts, context.concurrency, async (entry) => {
    const folders = (await listOrProblem(context, entry.folder)) ?? [];
    return folders
      .map(lastFolder)
      .filter((name) => REGION_NAME.test(name))
      .map((region) => ({ ...entry, region }));
  });
  return listed.flat();
}

function accountAt(root: string, account: string, organizationId?: string): TrailAccount {
  return {
    account,
    ...(organizationId ? { organizationId } : {}),
    folder: cloudTrailFolder(root, account, organizationId),
  };
}

async function listOrProblem(
  context: DiscoveryContext,
  prefix: string,
): Promise<string[] | undefined> {
  try {
    return await context.lister.folders(prefix, context.discoveryPages);
  } catch (error) {
    if (!(error instanceof S3ListingError || error instanceof S3ListingTooLongError)) throw error;
    context.problem(
      describeS3Error(error, { call: 'ListObjectsV2', bucket: context.location.bucket, prefix }),
    );
    return undefined;
  }
}

/** How many folders under the prefix are probed for an `AWSLogs/` of their own. */
const PROBED_CHILDREN = 10;
/** How many folders up the prefix's parents are probed. */
const PROBED_PARENTS = 2;

/**
 * The line for a prefix with no `AWSLogs/` under it, after looking near it, bounded: its parents
 * (up to PROBED_PARENTS levels: a prefix given one folder too deep) and its first PROBED_CHILDREN
 * folders (a prefix one folder too shallow, as when a bucket holds several trails).
 */
async function missingAwsLogs(context: DiscoveryContext): Promise<string> {
  const { lister, location } = context;
  const segments = location.prefix.split('/').filter(Boolean);
  const parents: string[] = [];
  for (let up = 1; up <= Math.min(PROBED_PARENTS, segments.length); up++)
    parents.push(
      segments
        .slice(0, segments.length - up)
        .map((segment) => `${segment}/`)
        .join(''),
    );
  // A probe that fails (denied, throttled) only means that place is not suggested.
  const quietly = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof S3ListingError || error instanceof S3ListingTooLongError)) throw error;
      return fallback;
    }
  };
  const children = (
    await quietly(() => lister.folders(location.prefix, 1, true), [] as string[])
  ).slice(0, PROBED_CHILDREN);
  const found = await eachBounded([...children, ...parents], context.concurrency, (folder) =>
    quietly(
      async () => ((await lister.exists(`${folder}AWSLogs/`)) ? folder : undefined),
      undefined,
    ),
  );
  const candidates = found.filter((folder): folder is string => folder !== undefined);
  return describeMissingAwsLogs(location, candidates, {
    parents: parents.length,
    children: children.length,
  });
}
