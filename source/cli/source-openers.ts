/**
 * How the command line opens its SOURCE texts (one way for the commands and the TUI): standard
 * input held or spooled, and a bucket connected to as the AWS CLI would (`--profile`, `--region`,
 * `--endpoint-url`), planned over the window (`--since`/`--until`, `--regions`, `--accounts`),
 * its plan said or asked about, then pulled through the cache (`--no-cache`, `--cache-max`,
 * `--s3-concurrency`). A bucket source kept by a case carries its window in its URI, and that
 * window is the one read.
 */
import { openInputs, type OpenedSources, type SourceOpeners } from '../ingest/sources.js';
import { openS3Input } from '../ingest/s3-input.js';
import type { S3Module } from './s3-module.js';
import { sourceKindOf } from '../ingest/sources.js';
import { sourceUri, splitSourceUri, type RemoteParams } from '../ingest/source-uri.js';
import type { CliOptions } from './args.js';
import { DEFAULT_SINCE } from './live-args.js';
import { confirmPlan } from './plan-question.js';
import { readStdin } from './read-inputs.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** DEFAULT_SINCE ('7d') in ms: the window of a bucket source given neither flags nor a query. */
const DEFAULT_SPAN_MS = Number.parseInt(DEFAULT_SINCE, 10) * DAY_MS;

export interface OpenerIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

type RemoteOptions = Pick<CliOptions, 'remote'>;

/**
 * The parameters a bucket source is read with: its URI's own (a case's), else the flags; an
 * open window (no --until) ends at `now`.
 */
export function remoteParams(
  given: RemoteParams,
  options: RemoteOptions,
  now: number,
): RemoteParams & { since: number; until: number } {
  const window = options.remote.window;
  const accounts = options.remote.accounts;
  const until = given.until ?? window?.until ?? now;
  const pick = <T>(own: T | undefined, flag: T | undefined) => own ?? flag;
  const regions = pick(given.regions, window?.regions);
  const account = pick(given.accounts, Array.isArray(accounts) ? [...accounts] : undefined);
  const profile = pick(given.profile, window?.profile);
  const region = pick(given.region, window?.region);
  const endpoint = pick(given.endpoint, window?.endpointUrl);
  return {
    since: given.since ?? window?.since ?? until - DEFAULT_SPAN_MS,
    until,
    ...(regions ? { regions } : {}),
    ...(account ? { accounts: account } : {}),
    ...(profile === undefined ? {} : { profile }),
    ...(region === undefined ? {} : { region }),
    ...(endpoint === undefined ? {} : { endpoint }),
  };
}

/**
 * The SOURCE texts as a case keeps them: a bucket with the window and connection it is read
 * with now (an open window closed at `now`), so reopening the case reads the same objects.
 */
export function pinnedSources(
  texts: readonly string[],
  options: RemoteOptions,
  now: number,
): string[] {
  return texts.map((text) => {
    if (sourceKindOf(text) !== 's3') return text;
    const split = splitSourceUri(text);
    if ('error' in split) return text;
    return sourceUri(split.base, remoteParams(split.params, options, now));
  });
}

export function cliOpeners(
  options: Pick<CliOptions, 'remote'>,
  io: OpenerIo,
  s3Module: () => Promise<S3Module>,
  now: () => number = Date.now,
): SourceOpeners {
  return {
    stdin: async () => (await readStdin(io.stdin)).input,
    s3: async (text) => {
      const split = splitSourceUri(text);
      if ('error' in split) throw new Error(split.error);
      const params = remoteParams(split.params, options, now());
      // The AWS SDK takes a moment to load: only a bucket source pays for it.
      const [{ connect }, s3] = await Promise.all([import('../aws/connect.js'), s3Module()]);
      const connection = await connect({
        ...(params.profile === undefined ? {} : { profile: params.profile }),
        ...(params.region === undefined ? {} : { region: params.region }),
        ...(params.endpoint === undefined ? {} : { endpointUrl: params.endpoint }),
      });
      const remote = options.remote;
      return openS3Input(
        split.base,
        {
          client: (region) => connection.s3(region),
          homeRegion: connection.homeRegion,
          window: {
            since: params.since,
            until: params.until,
            ...(params.regions ? { regions: params.regions } : {}),
            ...(params.accounts ? { accounts: params.accounts } : {}),
          },
          concurrency: remote.s3Concurrency,
          cache: {
            dir: remote.cache ? s3.defaultS3CacheDir() : undefined,
            ...(remote.cacheMax === undefined ? {} : { maxBytes: remote.cacheMax }),
          },
          confirm: (plan, shown) =>
            confirmPlan(plan, shown, { ...io, yes: remote.yes, summary: s3.planSummary }),
          onEnd: () => connection.destroy(),
        },
        s3.openS3Source,
      );
    },
  };
}

/** The SOURCE texts opened for a command or the TUI: one way for both. */
export function openSourceTexts(
  texts: readonly string[],
  options: Pick<CliOptions, 'remote'>,
  io: OpenerIo,
): Promise<OpenedSources> {
  return openInputs(
    texts,
    cliOpeners(options, io, async () => (await import('./s3-module.js')).loadS3Module()),
  );
}
