/**
 * The live source's command-line options (`--live` and the AWS CLI's connection flags), kept
 * apart from args.ts so that file only spreads the specs in and calls `liveOptionsFrom`.
 */
import type { ConnectOptions } from '../aws/connect.js';
import { parseQuery } from '../trail/query/index.js';
import { hasRemoteSource } from './remote-args.js';

/** What `--live` asks for; times are epoch ms, resolved once at parse time. */
export interface LiveCliOptions {
  since: number;
  /** `--since` was given (not the default week): under a merge with files it is a floor. */
  sinceGiven?: boolean;
  until: number | undefined;
  /** `--lookup ATTR:VALUE`, as typed (checked here, mapped by the live source). */
  lookup: string | undefined;
  profile: string | undefined;
  region: string | undefined;
  regions: string[] | undefined;
  allRegions: boolean;
  endpointUrl: string | undefined;
}

export const LIVE_ARG_SPECS = {
  live: { type: 'boolean', default: false },
  since: { type: 'string' },
  until: { type: 'string' },
  lookup: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  regions: { type: 'string' },
  'all-regions': { type: 'boolean', default: false },
  'endpoint-url': { type: 'string' },
} as const;

/**
 * The default look-back. A week covers most incidents' first days and reads in minutes (a busy
 * account's week can be 100k events: ~17 minutes at 100 events/s a region); the 90 days
 * LookupEvents keeps would take hours. `--since 90d` asks for all of it.
 */
export const DEFAULT_SINCE = '7d';
const LOOKUP_FIELDS = new Set(['user', 'event', 'key', 'source', 'resource']);
const LIVE_COMMANDS = new Set(['tui', 'events', 'stats', 'findings', 'principal']);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface LiveValues {
  live?: boolean;
  since?: string;
  until?: string;
  lookup?: string;
  profile?: string;
  region?: string;
  regions?: string;
  'all-regions'?: boolean;
  'endpoint-url'?: string;
}

/**
 * The live options, or undefined without `--live`. Throws (via `usage`) for a connection flag
 * without `--live`, `--live` with SOURCE files, or values that cannot work.
 */
export function liveOptionsFrom(
  values: LiveValues,
  command: string,
  sources: readonly string[],
  usage: (message: string) => Error,
  now: number = Date.now(),
): LiveCliOptions | undefined {
  // An s3:// SOURCE reads a window of the trail too: the window and connection flags are its
  // (see remoteWindow); only --live makes the account itself a source.
  if (!values.live && hasRemoteSource(sources)) {
    if (values.lookup !== undefined) throw usage('--lookup needs --live');
    remoteWindow(values, usage, now);
    return undefined;
  }
  if (!values.live) {
    if (values.lookup !== undefined) throw usage('--lookup needs --live');
    const stray = (['since', 'until', 'regions', 'endpoint-url'] as const).find(
      (name) => values[name] !== undefined,
    );
    if (stray || values['all-regions']) {
      throw usage(`--${stray ?? 'all-regions'} needs --live or an s3:// SOURCE`);
    }
    return undefined;
  }
  if (!LIVE_COMMANDS.has(command)) throw usage(`--live does not apply to ${command}`);
  if (values.lookup !== undefined) checkLookup(values.lookup, usage);
  return { ...remoteWindow(values, usage, now), lookup: values.lookup };
}

/**
 * The window and connection flags, shared by --live and s3:// sources (`lookup` is --live's
 * own). Without --since, a week back from --until (or now).
 */
export function remoteWindow(
  values: LiveValues,
  usage: (message: string) => Error,
  now: number,
): LiveCliOptions {
  if (values.regions !== undefined && values['all-regions'])
    throw usage('--regions and --all-regions: give one or the other');
  const until =
    values.until === undefined ? undefined : timeOf('--until', values.until, now, usage);
  // Without --since, the default week ends at --until (a week before it), not at now.
  const since =
    values.since === undefined
      ? timeOf('--since', DEFAULT_SINCE, until ?? now, usage)
      : timeOf('--since', values.since, now, usage);
  if (until !== undefined && until <= since) throw usage('--until must be later than --since');
  const regions = values.regions
    ?.split(',')
    .map((region) => region.trim())
    .filter(Boolean);
  for (const region of [...(regions ?? []), ...(values.region ? [values.region] : [])]) {
    if (!REGION.test(region)) throw usage(`not a region name: ${JSON.stringify(region)}`);
  }
  if (regions?.length === 0) throw usage('--regions needs at least one region');
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl))
    throw usage('--endpoint-url must be an http:// or https:// URL');
  return {
    since,
    ...(values.since === undefined ? {} : { sinceGiven: true }),
    until,
    lookup: values.lookup,
    profile: values.profile,
    region: values.region,
    regions,
    allRegions: values['all-regions'] ?? false,
    endpointUrl,
  };
}

/** The query language's own time syntax (`7d`, `24h`, ISO), so both read times the same way. */
function timeOf(flag: string, value: string, now: number, usage: (m: string) => Error): number {
  const parsed = parseQuery(`after:${JSON.stringify(value)}`, now);
  const term = parsed.ok ? parsed.query.root : undefined;
  if (!term || term.kind !== 'time')
    throw usage(`${flag} takes a time like 7d, 24h, 90m or 2025-03-14T12:00Z`);
  return term.at;
}

function checkLookup(lookup: string, usage: (m: string) => Error): void {
  const colon = lookup.indexOf(':');
  const field = lookup.slice(0, colon);
  const value = lookup.slice(colon + 1);
  if (colon < 1 || !LOOKUP_FIELDS.has(field) || value === '' || value.includes('*')) {
    throw usage(
      '--lookup takes one of user:, event:, key:, source:, resource: with an exact value',
    );
  }
}

/** What `connect` needs from the live options: only the ones given are passed on. */
export function connectOptionsFrom(live: LiveCliOptions): ConnectOptions {
  return {
    ...(live.profile === undefined ? {} : { profile: live.profile }),
    ...(live.region === undefined ? {} : { region: live.region }),
    ...(live.regions === undefined ? {} : { regions: live.regions }),
    allRegions: live.allRegions,
    ...(live.endpointUrl === undefined ? {} : { endpointUrl: live.endpointUrl }),
  };
}
