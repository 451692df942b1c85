/**
 * What an `s3://` source will read, before anything is read: the bucket's own region, the day
 * folders of the window under each account and region (found one folder level at a time, see
 * discover.ts), the objects in them whose delivery time can hold the window's records (see
 * delivery.ts), how many bytes, and how many the cache already holds. Never a listing of the
 * whole bucket or a whole account; every listing bounded, the whole plan bounded (PLAN_CAPS).
 *
 * Problems do not throw: each is one line in `plan.problems` (a listing denied, no `AWSLogs/`
 * with where it actually is, a window too big to list), and a plan that could not be made has
 * no objects. Only an abort (the signal) throws.
 */
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { deliveredInWindow, dayCount, dayRange, deliveryTimeOf, folderSpans } from './delivery.js';
import { eachBounded, findAccounts, findRegions, type DiscoveryContext } from './discover.js';
import { describeS3Error, s3Text } from './errors.js';
import { whereInLayout } from './layout.js';
import { S3Lister, S3ListingError, S3ListingTooLongError } from './listing.js';
import type { PlannedObject, PlannedPrefix, S3Location, S3Plan, S3SourceOptions } from './types.js';

export interface PlanCaps {
  /** Pages (of 1000 folders) one discovery listing may take: 10,000 accounts in an organization. */
  discoveryPages: number;
  /**
   * Pages (of 1000 objects) one day folder may take. CloudTrail writes about one object per
   * region every 5 minutes (288 a day), a few more when a region is busy: 20,000 is far past any
   * real day, and a folder past it is not a trail's.
   */
  dayPages: number;
  /**
   * Day folders (account × region × day) one plan may list. At 16 listings in flight and
   * 30–100 ms each, 100,000 is 3 to 10 minutes of listing: a month of an organization of ~200
   * accounts in 17 regions. Years × hundreds of accounts is millions: refused before listing.
   */
  prefixes: number;
  /**
   * Objects one plan may hold: each costs ~250 bytes of memory here and one GET later; 1,000,000
   * objects is ~250 MB of plan and ~10M events or more, the scale trailhound is built for.
   */
  objects: number;
}

export const PLAN_CAPS: PlanCaps = {
  discoveryPages: 10,
  dayPages: 20,
  prefixes: 100_000,
  objects: 1_000_000,
};

/** A key in a month listing: `DD/name`, as CloudTrail files it (nothing deeper). */
const MONTH_KEY = /^(0[1-9]|[12]\d|3[01])\/[^/]+$/;

/** Problem lines kept; past these, one line counts the rest. */
const MAX_PROBLEMS = 20;
/** Listings in flight at most, whatever --s3-concurrency says. */
const MAX_LISTINGS = 32;

export type PlanOptions = S3SourceOptions & {
  isCached?: (object: PlannedObject) => boolean;
  /** Tests lower the caps; everything else takes PLAN_CAPS. */
  caps?: Partial<PlanCaps>;
  /** The clock, for days not to list in the future (tests pin it). */
  now?: number;
};

export async function planS3(location: S3Location, options: PlanOptions): Promise<S3Plan> {
  const caps = { ...PLAN_CAPS, ...options.caps };
  const now = options.now ?? Date.now();
  const window = options.window;
  const problems: string[] = [];
  let dropped = 0;
  const problem = (line: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(line);
    else dropped++;
  };
  const plan: S3Plan = {
    location,
    bucketRegion: options.homeRegion,
    prefixes: [],
    objects: [],
    bytes: 0,
    cached: 0,
    listCalls: 0,
    problems,
  };
  const finish = () => {
    if (dropped > 0) problems.push(`… and ${dropped} more problems like these.`);
    return plan;
  };

  const point = whereInLayout(location);
  if ('error' in point) {
    problem(point.error);
    return finish();
  }
  const region = await bucketRegion(options.client(options.homeRegion), location, options);
  if ('problem' in region) {
    problem(region.problem);
    return finish();
  }
  plan.bucketRegion = region.region;
  const lister = new S3Lister(options.client(region.region), location.bucket, options.signal);
  const concurrency = Math.max(1, Math.min(options.concurrency, MAX_LISTINGS));
  const context: DiscoveryContext = {
    lister,
    location,
    window,
    concurrency,
    discoveryPages: caps.discoveryPages,
    problem,
  };

  const days = dayRange(window, now, point.days);
  const dayTotal = dayCount(days);
  if (dayTotal === 0) {
    problem(emptyWindowLine(location, window, point.dateText));
    return finish();
  }
  try {
    const accounts = await findAccounts(context, point);
    if (accounts === undefined || accounts.length === 0) return finish();
    // Refused before the regions are listed when even one region each is too many.
    const regionsEach = point.region ? 1 : (window.regions?.length ?? 1);
    if (dayTotal * accounts.length * regionsEach > caps.prefixes) {
      problem(
        tooBigLine(
          location,
          dayTotal,
          accounts.length,
          regionsEach,
          caps.prefixes,
          !window.regions,
        ),
      );
      return finish();
    }
    const regions = await findRegions(context, accounts, point);
    if (dayTotal * regions.length > caps.prefixes) {
      const n = (value: number) => value.toLocaleString('en-US');
      problem(
        `${s3Text(location.bucket, location.prefix)}: ${n(dayTotal)} days × ${n(regions.length)} regions of ${n(accounts.length)} accounts is ${n(dayTotal * regions.length)} day folders to list, more than ${n(caps.prefixes)}. Narrow it with --since/--until, --accounts or --regions.`,
      );
      return finish();
    }
    if (regions.length === 0) {
      if (problems.length === 0)
        problem(
          `${s3Text(location.bucket, location.prefix)}: no region folders under ${accounts.length === 1 ? `account ${accounts[0]!.account}'s CloudTrail/` : "the accounts' CloudTrail/ folders"}.`,
        );
      return finish();
    }

    const spans = folderSpans(days);
    const listings = regions.flatMap((entry) =>
      spans.map((span) => ({
        prefix: `${entry.folder}${entry.region}/${span.folder}`,
        month: span.month,
        days: span.days.map((day): PlannedPrefix => ({
          prefix: `${entry.folder}${entry.region}/${day}/`,
          account: entry.account,
          region: entry.region,
          day,
          ...(entry.organizationId ? { organizationId: entry.organizationId } : {}),
        })),
      })),
    );

    let tooMany = false;
    let objectCount = 0;
    const listed = await eachBounded(listings, concurrency, async (listing) => {
      if (tooMany) return undefined;
      try {
        const objects = (
          listing.month
            ? await lister.objects(listing.prefix, caps.dayPages * 31, MONTH_KEY)
            : await lister.objects(listing.prefix, caps.dayPages)
        ).filter((object) => keep(object, window));
        objectCount += objects.length;
        if (objectCount > caps.objects) tooMany = true;
        return { listing, objects };
      } catch (error) {
        if (!(error instanceof S3ListingError || error instanceof S3ListingTooLongError))
          throw error;
        problem(
          describeS3Error(error, {
            call: 'ListObjectsV2',
            bucket: location.bucket,
            prefix: listing.prefix,
            region: region.region,
          }),
        );
        return undefined;
      }
    });
    if (tooMany) {
      problem(
        `${s3Text(location.bucket, location.prefix)}: the window holds more than ${caps.objects.toLocaleString('en-US')} objects, more than one plan may hold. Narrow it with --since/--until, --accounts or --regions.`,
      );
      return finish();
    }
    const objects: { object: PlannedObject; at: number }[] = [];
    for (const entry of listed) {
      if (!entry) continue;
      plan.prefixes.push(...entry.listing.days);
      for (const object of entry.objects)
        objects.push({ object, at: deliveryTimeOf(object.key) ?? object.lastModified ?? 0 });
    }
    // Oldest delivery first across accounts and regions: the index then receives its records
    // mostly in time order, and the first rows shown are the window's start.
    objects.sort((a, b) => a.at - b.at || (a.object.key < b.object.key ? -1 : 1));
    for (const { object } of objects) {
      plan.objects.push(object);
      plan.bytes += object.size;
      if (options.isCached?.(object)) plan.cached++;
    }
    return finish();
  } finally {
    plan.listCalls = lister.calls;
  }
}

/**
 * Whether a listed object belongs in the plan: a log object (CloudTrail's `.json.gz`, or a
 * `.json` a copy left uncompressed), not empty, delivered when it can hold the window's records.
 * One whose name carries no delivery time is kept: it is in a day folder the window needs.
 */
function keep(object: PlannedObject, window: { since: number; until: number }): boolean {
  if (object.size === 0 || !/\.json(\.gz)?$/i.test(object.key)) return false;
  const deliveredAt = deliveryTimeOf(object.key);
  return deliveredAt === undefined || deliveredInWindow(deliveredAt, window);
}

/** The bucket's own region: HeadBucket's BucketRegion, or the region header of its refusal. */
async function bucketRegion(
  client: S3Client,
  location: S3Location,
  options: PlanOptions,
): Promise<{ region: string } | { problem: string }> {
  try {
    const answer = await client.send(
      new HeadBucketCommand({ Bucket: location.bucket }),
      options.signal ? { abortSignal: options.signal } : {},
    );
    return { region: validRegion(answer.BucketRegion) ?? options.homeRegion };
  } catch (error) {
    options.signal?.throwIfAborted();
    const headers = (error as { $response?: { headers?: Record<string, unknown> } } | null)
      ?.$response?.headers;
    const header = validRegion(headers?.['x-amz-bucket-region']);
    const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
      ?.httpStatusCode;
    // S3 names the region on a redirect and on a refusal alike: a redirect is not an error, and
    // a denied HeadBucket leaves the listing to say what is wrong (it needs the same s3:ListBucket).
    if (header && status !== 404) return { region: header };
    if (status === 403 || status === 301) return { region: options.homeRegion };
    return {
      problem: describeS3Error(error, {
        call: 'HeadBucket',
        bucket: location.bucket,
        region: options.homeRegion,
      }),
    };
  }
}

function validRegion(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value)
    ? value
    : undefined;
}

function isoDay(time: number): string {
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : String(time);
}

function emptyWindowLine(
  location: S3Location,
  window: { since: number; until: number },
  dateText: string | undefined,
): string {
  const span = `${isoDay(window.since)} to ${isoDay(window.until)}`;
  if (dateText)
    return `${s3Text(location.bucket, location.prefix)} holds ${dateText}, outside the window (${span}): widen it with --since/--until.`;
  return `${s3Text(location.bucket, location.prefix)}: the window (${span}) holds no day to read; check --since/--until.`;
}

function tooBigLine(
  location: S3Location,
  days: number,
  accounts: number,
  regions: number,
  cap: number,
  atLeast: boolean,
): string {
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const folders = n(days * accounts * regions);
  return `${s3Text(location.bucket, location.prefix)}: ${n(days)} days × ${n(accounts)} accounts × ${atLeast ? 'at least ' : ''}${n(regions)} regions is ${atLeast ? 'at least ' : ''}${folders} day folders to list, more than ${n(cap)}. Narrow it with --since/--until, --accounts or --regions.`;
}

const GB = 1e9;

/** "412 prefixes · 52,310 objects · 6.1 GB · ~52k GET requests" (GETs: objects not cached). */
export function planSummary(plan: S3Plan): string {
  const count = (value: number, noun: string) =>
    `${value.toLocaleString('en-US')} ${value === 1 ? noun : `${noun}s`}`;
  const gets = plan.objects.length - plan.cached;
  const getText =
    gets >= 999_500
      ? `~${(gets / 1e6).toFixed(1)}M GET requests`
      : gets >= 1000
        ? `~${Math.round(gets / 1000)}k GET requests`
        : count(gets, 'GET request');
  const cached = plan.cached > 0 ? ` (${plan.cached.toLocaleString('en-US')} cached)` : '';
  return [
    count(plan.prefixes.length, 'prefix').replace(/prefixs$/, 'prefixes'),
    count(plan.objects.length, 'object'),
    bytesText(plan.bytes),
    `${getText}${cached}`,
  ].join(' · ');
}

/** Decimal units, as `--cache-max` reads them. */
export function bytesText(bytes: number): string {
  for (const [unit, size] of [
    ['TB', 1e12],
    ['GB', GB],
    ['MB', 1e6],
    ['KB', 1e3],
  ] as const)
    if (bytes >= size) return `${(bytes / size).toFixed(1)} ${unit}`;
  return `${bytes} B`;
}
