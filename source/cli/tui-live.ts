/**
 * `trailhound --live`: the TUI on the account itself. Connects as the AWS CLI would and asks
 * who we are before the screen is taken (so a missing profile or an expired token is said on a
 * normal terminal), then hands the store a live service (LookupEvents through the case's page
 * cache) and a containment service (the core's plans, calls and checks).
 */
import { callerIdentity, connect, type AwsConnection } from '../aws/connect.js';
import { containClients, destroyClients, type ContainClients } from '../aws/contain/index.js';
import { describeAwsError } from '../aws/errors.js';
import { InventoryCache, roleFlags, userFlags } from '../aws/iam/index.js';
import type { EventIndex } from '../index/index.js';
import { RecordReader, type SourceFile } from '../ingest/index.js';
import {
  follow,
  forcedLookup,
  LiveReader,
  serverLookup,
  type LiveProgress,
} from '../ingest/live/index.js';
import type {
  ContainService,
  InventoryService,
  LiveProgressView,
  LiveService,
  LiveSummary,
} from '../state/index.js';
import type { CliOptions } from './args.js';
import { connectOptionsFrom, type LiveCliOptions } from './live-args.js';
import { parseFilter } from './load-index.js';
import { tuiContainService } from './tui-contain.js';

export interface LiveSession {
  live: LiveService;
  contain: ContainService;
  inventory: InventoryService;
  reader: RecordReader;
  /** The page files read so far (grows as pages arrive), for the detections. */
  files: () => readonly SourceFile[];
  /**
   * Files merged with the live API: pages join the SOURCE files' table (so `reader` and `files`
   * cover both) and the first read starts at `since` (see liveStartAfterFiles). Before `load`.
   */
  joinFiles: (table: SourceFile[], since: number) => void;
  /** Says what was asked, for the case's sources. */
  description: string;
  close: () => void;
}

/** Thrown before the screen is taken: one line on stderr, exit 1. */
export class LiveStartError extends Error {}

function view(progress: LiveProgress): LiveProgressView {
  const oldest = progress.regions.flatMap((region) => region.oldest ?? []);
  const newest = progress.regions.flatMap((region) => region.newest ?? []);
  return {
    regions: progress.regions.length,
    pages: progress.pages,
    events: progress.events,
    cached: progress.cached,
    throttles: progress.throttles,
    ...(oldest.length > 0 ? { oldest: Math.min(...oldest) } : {}),
    ...(newest.length > 0 ? { newest: Math.max(...newest) } : {}),
    done: progress.done,
  };
}

export async function openLiveSession(
  options: CliOptions & { live: LiveCliOptions },
  casePath: string,
  index: EventIndex,
): Promise<LiveSession> {
  const live = options.live;
  const profile = live.profile === undefined ? {} : { profile: live.profile };
  let connection: AwsConnection | undefined;
  let clients: ContainClients | undefined;
  try {
    connection = await connect({ ...connectOptionsFrom(live), readOnly: options.readOnly });
    const open = connection;
    const identity = await callerIdentity(open).catch((error: unknown) => {
      throw new LiveStartError(
        describeAwsError(error, {
          call: 'sts:GetCallerIdentity',
          region: open.homeRegion,
          ...profile,
        }),
      );
    });
    const lookup =
      live.lookup === undefined
        ? serverLookup(parseFilter(options.filter))
        : forcedLookup(live.lookup);
    const reader = await LiveReader.open({
      client: (region) => open.cloudTrail(region),
      regions: open.regions,
      ...(lookup ? { lookup } : {}),
      cacheDir: `${casePath}.live`,
      sink: index,
    });
    const summary = (result: Awaited<ReturnType<LiveReader['load']>>): LiveSummary => ({
      progress: view(result.progress),
      cancelled: result.cancelled,
      // A region stopped short (paging budget, repeated token) is said like an error; its
      // events stay indexed.
      errors: [
        ...result.errors.map(
          ({ region, error, loaded }) =>
            describeAwsError(error, { call: 'cloudtrail:LookupEvents', region, ...profile }) +
            (loaded ? ` Kept: ${loaded}.` : ''),
        ),
        ...result.stops.map((stop) => stop.message),
      ],
    });
    clients = containClients(open.clientConfig, open.homeRegion, options.readOnly);
    const contain = tuiContainService({
      clients,
      caller: identity.arn,
      region: open.homeRegion,
      mode: options.readOnly ? 'read-only' : options.dryRun ? 'dry-run' : 'act',
      evidenceDir: `${casePath}.evidence`,
      // The store audits each call (command, outcome, caller) itself.
      audit: () => undefined,
    });
    const cache = new InventoryCache(clients.iam);
    const inventory: InventoryService = {
      load: async (target, { refresh, ipsByKey }) => {
        try {
          const found = await cache.get(target, { refresh });
          const flags = !found
            ? []
            : found.kind === 'user'
              ? userFlags(found, { now: new Date(), ipsByKey })
              : roleFlags(found, { callerAccount: identity.account });
          return { inventory: found, flags };
        } catch (error) {
          throw new Error(
            describeAwsError(error, {
              call: target.kind === 'role' ? 'iam:GetRole' : 'iam:GetUser',
              region: open.homeRegion,
              principal: identity.arn,
            }),
          );
        }
      },
    };
    // Under a merge with files the first read starts where they end (set by joinFiles).
    let since = live.since;
    const range = () => ({
      since,
      ...(live.until === undefined ? {} : { until: live.until }),
    });
    const opened = clients;
    const merged = options.sources.length > 0;
    const session: LiveSession = {
      live: {
        account: identity.account,
        arn: identity.arn,
        regions: reader.regions,
        load: async (onProgress, signal) =>
          summary(await reader.load(range(), { signal, onProgress: (p) => onProgress(view(p)) })),
        follow: (intervalMs, signal, onPoll) =>
          follow(reader, { intervalMs, signal, onPoll: (result) => onPoll(summary(result)) }),
      },
      contain,
      inventory,
      // The reader's page list grows in place: records of later pages are found too.
      reader: new RecordReader(reader.files),
      files: () => reader.files,
      joinFiles: (table, from) => {
        reader.joinFiles(table);
        since = from;
        session.reader = new RecordReader(table);
      },
      description: `LookupEvents ${reader.regions.join(',')} ${merged ? "after the files' newest event" : `since ${new Date(live.since).toISOString()}`}${lookup ? ` (${lookup.key}=${lookup.value})` : ''} as ${identity.arn}`,
      close: () => {
        destroyClients(opened);
        open.destroy();
      },
    };
    return session;
  } catch (error) {
    if (clients) destroyClients(clients);
    connection?.destroy();
    if (error instanceof LiveStartError) throw error;
    throw new LiveStartError(
      describeAwsError(error, { call: 'cloudtrail:LookupEvents', ...profile }),
    );
  }
}
