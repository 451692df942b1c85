/**
 * What trailhound learns about each actor and each account before it calls anything "new": the
 * places (addresses, networks, AS numbers and organisations, countries, cities), the user-agent
 * families, the regions and the event names each used, with when first seen, on how many
 * distinct days and how often. Amazon Detective's vocabulary (NewGeolocation, NewAso,
 * NewUserAgent, "new for the principal" / "new for the account") is the one an analyst knows.
 *
 * Everything is judged as of a moment: a value's standing at a row counts only what happened
 * before that row, so a later day never makes an earlier one look ordinary.
 */

export const BASELINE_DIMENSIONS = [
  'address',
  /** An IPv4 /24 or an IPv6 /48: one office, one provider's pool. */
  'network',
  'asn',
  'asOrg',
  'country',
  'city',
  /** The user agent's family (`aws-cli/2`, `Boto3`, `console`, `Terraform` …), not its full text. */
  'userAgent',
  'region',
  'eventName',
] as const;
export type BaselineDimension = (typeof BASELINE_DIMENSIONS)[number];

/** Who the baseline is about: the row's actor (see actorOf), or its whole account. */
export type BaselineScope = 'principal' | 'account';

/** A value's standing at one row, for the row's actor or account. */
export type Standing =
  /** Seen on several distinct earlier days (or many times over hours): part of the normal. */
  | 'established'
  /** Seen before, but not (yet) often enough to be part of the normal. */
  | 'known'
  /** First seen just now, and there is a history to be new against. */
  | 'new'
  /** First seen just now, but the actor (or account) has no history yet: nothing can be new. */
  | 'no-baseline'
  /** The row has no value on this dimension (no address, an address the offline data cannot place). */
  | 'none';

/** One value as an actor (or account) used it. */
export interface ValueHistory {
  value: string;
  firstSeen: number;
  lastSeen: number;
  /** Distinct UTC days it was seen on. */
  days: number;
  count: number;
}

/** Where the baseline's knowledge comes from, for a profile's "baseline: …" line. */
export interface BaselineSpan {
  /** The first and last event the baseline learned from (epoch ms; NaN when none). */
  first: number;
  last: number;
  /** `--baseline-until T`: everything before T is history, nothing before it is "new". */
  until?: number;
  /** `--baseline SOURCE`: how many events came from an earlier export used only to learn. */
  learnedOnly?: number;
}

export interface Baseline {
  readonly span: BaselineSpan;
  /**
   * Whether the row's actor (or account) had a history before the row: active on at least two
   * distinct UTC days before the row's day, or seen in an explicit baseline. Without one, no value
   * of theirs is "new" (`no-baseline`): the first days of a trail are not a parade of novelties.
   */
  hasHistory(row: number, scope?: BaselineScope): boolean;
  /** The row's value on a dimension, judged against what came before the row. */
  standing(row: number, dimension: BaselineDimension, scope?: BaselineScope): Standing;
  /**
   * When the row's value was first seen by its actor (or account): epoch ms, NaN when the row has
   * no value; -Infinity when an earlier export (`--baseline SOURCE`) taught it. Equal to the
   * row's time when the row is the first sighting ("the first action from a new address").
   */
  firstSeen(row: number, dimension: BaselineDimension, scope?: BaselineScope): number;
  /** The row's value on a dimension as shown ('' when none): `AS7922 COMCAST`, `US`, `Boston, US`. */
  valueOf(row: number, dimension: BaselineDimension): string;
  /** The values established before the row, most used first, at most `limit` (default 5). */
  established(
    row: number,
    dimension: BaselineDimension,
    scope?: BaselineScope,
    limit?: number,
  ): ValueHistory[];
  /** Values used before the row (established or not), most recent first, at most `limit`. */
  earlier(
    row: number,
    dimension: BaselineDimension,
    scope?: BaselineScope,
    limit?: number,
  ): ValueHistory[];
}

/** What the caller may add to what the trail itself teaches. */
export interface BaselineOptions {
  /** Epoch ms: events before it are history only; nothing before it is judged new. */
  until?: number;
  /** An earlier export's index, used only to learn (its rows are never findings' evidence). */
  learnFrom?: import('../../index/index.js').IndexView;
}
