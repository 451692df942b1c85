/** What every profile list is made of: one value of a column as the subject used it. */
export interface ValueStat {
  value: string;
  count: number;
  /** Of `count`, the events that failed (any error code, or a failed console sign-in). */
  errors: number;
  /** First and last time the subject used it (epoch ms); NaN when only seen without a time. */
  first: number;
  last: number;
}

/** AKIA… keys are an IAM user's (or root's) long-term keys, ASIA… keys temporary credentials. */
export type KeyKind = 'long-term' | 'temporary' | 'other';

/** Event counts in equal slices of the whole loaded span (index-wide first..last), for a sparkline. */
export interface Histogram {
  /** The loaded span: NaN when no loaded event has a time. */
  first: number;
  last: number;
  counts: number[];
}

export interface ProfileOptions {
  /** The most entries a list keeps (its total before capping is in `totals`). */
  limit?: number;
  /** Slices of the histogram. */
  buckets?: number;
}

/** Lists stay small enough to show whatever the subject's size; the UI pages within them. */
export const DEFAULT_LIST_LIMIT = 200;
/** One slice per column of a wide terminal's sparkline. */
export const DEFAULT_HISTOGRAM_BUCKETS = 60;
