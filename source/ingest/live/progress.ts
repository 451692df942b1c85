/** What the live source reports as it reads: per region, and summed for a progress line. */
export interface RegionProgress {
  region: string;
  /** The account read (`--accounts`); absent when only the caller's account is. */
  account?: string;
  /** Pages received from AWS in this read (cached pages not counted). */
  pages: number;
  /** New events (not seen before) from AWS in this read. */
  events: number;
  /** Events shown from the cache without asking AWS. */
  cached: number;
  /** Events AWS sent again that were already here (dropped by eventID). */
  duplicates: number;
  /** Throttled attempts, the SDK's own retries included. */
  throttles: number;
  /** The time range covered so far by this read (epoch ms), newest first as pages arrive. */
  oldest: number | undefined;
  newest: number | undefined;
  done: boolean;
  /** Set when the region stopped on an error (described by the caller: see aws/errors). */
  error?: unknown;
  /** Set when trailhound stopped the region short (paging budget, repeated token): one line. */
  stopped?: string;
}

export interface LiveProgress {
  regions: RegionProgress[];
  pages: number;
  events: number;
  cached: number;
  duplicates: number;
  throttles: number;
  done: boolean;
}

export function emptyRegion(region: string): RegionProgress {
  return {
    region,
    pages: 0,
    events: 0,
    cached: 0,
    duplicates: 0,
    throttles: 0,
    oldest: undefined,
    newest: undefined,
    done: false,
  };
}

/** A copy with the totals summed, safe to keep after more pages arrive. */
export function summarize(regions: readonly RegionProgress[], done: boolean): LiveProgress {
  const total = { pages: 0, events: 0, cached: 0, duplicates: 0, throttles: 0 };
  for (const region of regions) {
    total.pages += region.pages;
    total.events += region.events;
    total.cached += region.cached;
    total.duplicates += region.duplicates;
    total.throttles += region.throttles;
  }
  return { regions: regions.map((region) => ({ ...region })), ...total, done };
}
