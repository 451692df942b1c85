/**
 * The `s3://` source's shared shapes: where the trail lies, the window asked for, the plan (what
 * will be listed and fetched, how big) and the pull's progress. The planner (plan.ts) fills an
 * S3Plan; the puller (pull.ts) turns it into a FileFeed through the cache.
 */
import type { S3Client } from '@aws-sdk/client-s3';

/** `s3://BUCKET[/PREFIX]`: the prefix is '' or ends with '/'. */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** What part of the trail to read: the planner lists only the days, accounts and regions in it. */
export interface S3Window {
  /** Epoch ms, inclusive. */
  since: number;
  /** Epoch ms, inclusive. */
  until: number;
  /** Only these regions (else every region found under each account). */
  regions?: readonly string[];
  /** Only these accounts (else every account found under each organization or the root). */
  accounts?: readonly string[];
}

/** One day of one account and region: `AWSLogs/[o-id/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`. */
export interface PlannedPrefix {
  prefix: string;
  account: string;
  region: string;
  /** `YYYY/MM/DD`. */
  day: string;
  organizationId?: string;
}

/** One log object to fetch, as listed. */
export interface PlannedObject {
  key: string;
  size: number;
  /** As S3 returns it, quotes included: what the cache compares. */
  etag: string;
  /** Epoch ms. */
  lastModified?: number;
}

export interface S3Plan {
  location: S3Location;
  /** The bucket's own region (found with HeadBucket / the redirect), where every call goes. */
  bucketRegion: string;
  prefixes: PlannedPrefix[];
  objects: PlannedObject[];
  /** Sum of the objects' sizes. */
  bytes: number;
  /** Objects the cache already holds with the same ETag: no GetObject for them. */
  cached: number;
  /** ListObjectsV2 calls the planning made (discovery and day listings). */
  listCalls: number;
  /** One line each: a listing denied, nothing under the prefix, "did you mean s3://b/?". */
  problems: string[];
}

export interface PullProgress {
  prefixes: number;
  objectsTotal: number;
  objectsDone: number;
  bytesTotal: number;
  bytesDone: number;
  /** Objects read from the cache instead of S3. */
  fromCache: number;
  /** Retried requests, and how many of those were SlowDown (503) answers. */
  retries: number;
  slowDowns: number;
  /** Requests in flight now (the pull narrows it under SlowDown). */
  inFlight: number;
  /** Requests allowed in flight now: `--s3-concurrency`, halved by each SlowDown round. */
  concurrency?: number;
  /** Epoch ms the pull started, for the rate and the ETA. */
  startedAt: number;
  done: boolean;
}

/** Where fetched objects are kept. */
export interface S3CacheOptions {
  /** `$XDG_CACHE_HOME/trailhound/s3` (or `~/.cache/...`); undefined under --no-cache. */
  dir: string | undefined;
  /** `--cache-max`: least recently used objects go past this many bytes. */
  maxBytes?: number;
}

export interface S3SourceOptions {
  /** The client for a region (the bucket's own region is found first, then used for every call). */
  client: (region: string) => S3Client;
  /** The region to ask first (the connection's home region). */
  homeRegion: string;
  window: S3Window;
  /** GetObject requests in flight at most (`--s3-concurrency`, default 16). */
  concurrency: number;
  cache: S3CacheOptions;
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
}

export const DEFAULT_S3_CONCURRENCY = 16;
