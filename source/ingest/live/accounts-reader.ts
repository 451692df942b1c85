/**
 * The live source over many accounts (`--accounts A,B|all --role-name R`): one LiveReader per
 * account, each with the account's own clients (its assumed role) and its own pacers, since
 * LookupEvents' 2 requests a second are per account and region. They read side by side, a
 * bounded number of accounts at a time, into one index: the page files are shared (see
 * PageLoader), so one RecordReader finds every account's records, and each account keeps its
 * pages and what it covered in its own folder (`<cache>/<account>/`), so a reopen asks each
 * account only for what it has not read.
 *
 * One account that fails (its role refused, LookupEvents denied) stops only that account: its
 * regions' lines name it, and the others go on.
 */
import { join } from 'node:path';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { FileReport, SourceFile } from '../source-file.js';
import {
  LiveReader,
  type LiveReaderOptions,
  type LiveResult,
  type ReadOptions,
} from './live-reader.js';
import type { LiveProgress } from './progress.js';

/** Accounts read at once by default: each reads every region side by side already. */
export const DEFAULT_ACCOUNTS_IN_FLIGHT = 4;

export interface AccountSource {
  account: string;
  /** The account's CloudTrail client of a region (through its role). */
  client: (region: string) => CloudTrailClient;
}

export interface AccountsReaderOptions extends Omit<
  LiveReaderOptions,
  'client' | 'account' | 'shareWith'
> {
  accounts: readonly AccountSource[];
  /** Accounts read at the same time at most. */
  inFlight?: number;
}

export class AccountsReader {
  private constructor(
    private readonly readers: readonly LiveReader[],
    readonly accounts: readonly string[],
    private readonly inFlight: number,
  ) {}

  static async open(options: AccountsReaderOptions): Promise<AccountsReader> {
    const { accounts, inFlight, cacheDir, ...shared } = options;
    if (accounts.length === 0) throw new Error('AccountsReader needs at least one account');
    const readers: LiveReader[] = [];
    for (const source of accounts) {
      readers.push(
        await LiveReader.open({
          ...shared,
          client: source.client,
          account: source.account,
          cacheDir: join(cacheDir, source.account),
          ...(readers[0] ? { shareWith: readers[0] } : {}),
        }),
      );
    }
    return new AccountsReader(
      readers,
      accounts.map((source) => source.account),
      Math.max(1, inFlight ?? DEFAULT_ACCOUNTS_IN_FLIGHT),
    );
  }

  /** Every account's page files by id (shared, growing): give this array to a RecordReader. */
  get files(): readonly SourceFile[] {
    return this.readers[0]!.files;
  }

  /** Files merged with the live API: every account's pages join the SOURCE files' table. */
  joinFiles(table: SourceFile[]): void {
    // The readers share one file table (see PageLoader): joining it through one joins all.
    this.readers[0]!.joinFiles(table);
  }

  get reports(): readonly FileReport[] {
    return this.readers[0]!.reports;
  }

  /** The regions read in each account. */
  get regions(): readonly string[] {
    return this.readers[0]!.regions;
  }

  load(range: { since: number; until?: number }, read: ReadOptions = {}): Promise<LiveResult> {
    return this.each(read, (reader, perAccount) => reader.load(range, perAccount));
  }

  pollNewer(read: ReadOptions & { overlapMs?: number } = {}): Promise<LiveResult> {
    return this.each(read, (reader, perAccount) =>
      reader.pollNewer({
        ...perAccount,
        ...(read.overlapMs === undefined ? {} : { overlapMs: read.overlapMs }),
      }),
    );
  }

  private async each(
    read: ReadOptions,
    run: (reader: LiveReader, read: ReadOptions) => Promise<LiveResult>,
  ): Promise<LiveResult> {
    const latest: (LiveProgress | undefined)[] = this.readers.map(() => undefined);
    const report = (done: boolean) => read.onProgress?.(combine(latest, done));
    const results: LiveResult[] = new Array<LiveResult>(this.readers.length);
    let next = 0;
    const lane = async () => {
      while (next < this.readers.length) {
        const at = next++;
        const account = this.accounts[at]!;
        const result = await run(this.readers[at]!, {
          ...(read.signal ? { signal: read.signal } : {}),
          ...(read.lookup === undefined ? {} : { lookup: read.lookup }),
          onProgress: (progress) => {
            latest[at] = progress;
            report(false);
          },
        });
        results[at] = {
          ...result,
          errors: result.errors.map((error) => ({ ...error, account })),
          stops: result.stops.map((stop) => ({
            ...stop,
            account,
            message: `account ${account}: ${stop.message}`,
          })),
        };
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.inFlight, this.readers.length) }, lane));
    const progress = combine(
      results.map((result) => result.progress),
      true,
    );
    read.onProgress?.(progress);
    return {
      progress,
      cancelled: results.some((result) => result.cancelled),
      errors: results.flatMap((result) => result.errors),
      stops: results.flatMap((result) => result.stops),
    };
  }
}

/** Every account's regions in one progress, totals summed; accounts not started yet are absent. */
function combine(parts: readonly (LiveProgress | undefined)[], done: boolean): LiveProgress {
  const total: LiveProgress = {
    regions: [],
    pages: 0,
    events: 0,
    cached: 0,
    duplicates: 0,
    throttles: 0,
    done,
  };
  for (const part of parts) {
    if (!part) continue;
    total.regions.push(...part.regions);
    total.pages += part.pages;
    total.events += part.events;
    total.cached += part.cached;
    total.duplicates += part.duplicates;
    total.throttles += part.throttles;
  }
  return total;
}
