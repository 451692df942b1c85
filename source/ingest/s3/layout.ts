/**
 * CloudTrail's folder layout in a bucket, `[ROOT]AWSLogs/[o-id/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`,
 * and where in it a prefix the analyst gave points: at the trail's root (or above AWSLogs/), or
 * already inside it (an organization, an account, `CloudTrail/`, a region, a year, month or day),
 * so the planner starts listing from there instead of from the top.
 */
import { cleanMessage } from '../../aws/errors.js';
import { pinnedDays, type DayRange } from './delivery.js';
import { s3Text } from './errors.js';
import type { S3Location } from './types.js';

export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const ACCOUNT_ID = /^\d{12}$/;
/** us-east-1, ap-southeast-2, us-gov-west-1, eu-central-2, il-central-1… */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const LAYOUT_TEXT = 'AWSLogs/[o-id/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/';

/** Where a prefix points inside the layout; every field after `root` only when it reaches it. */
export interface LayoutPoint {
  /** The folder holding `AWSLogs/`: '' or ending in '/'. */
  root: string;
  organizationId?: string;
  account?: string;
  region?: string;
  /** The days a `YYYY[/MM[/DD]]` tail covers. */
  days?: DayRange;
  /** `YYYY`, `YYYY/MM` or `YYYY/MM/DD` as given. */
  dateText?: string;
}

/**
 * The point a prefix names, `{ root: prefix }` when it has no `AWSLogs/` folder in it (the
 * planner then looks for `AWSLogs/` under it), or why it cannot be a place in the layout.
 */
export function whereInLayout(location: S3Location): LayoutPoint | { error: string } {
  const segments = location.prefix.split('/').filter((segment) => segment !== '');
  const at = segments.indexOf('AWSLogs');
  if (at < 0) return { root: location.prefix };
  const root = segments
    .slice(0, at)
    .map((segment) => `${segment}/`)
    .join('');
  const tail = segments.slice(at + 1);
  const point: LayoutPoint = { root };
  const here = s3Text(location.bucket, location.prefix);
  const upTo = (count: number) =>
    s3Text(location.bucket, [...segments.slice(0, at + 1 + count), ''].join('/'));
  const wrong = (index: number, expected: string) => ({
    error: `${here} is not a folder of CloudTrail's layout (${LAYOUT_TEXT}): after ${upTo(index)} comes ${expected}, not "${cleanMessage(tail[index] ?? '')}".`,
  });
  let i = 0;
  if (tail[i] !== undefined && ORGANIZATION_ID.test(tail[i]!)) point.organizationId = tail[i++];
  if (tail[i] === undefined) return point;
  if (!ACCOUNT_ID.test(tail[i]!))
    return wrong(
      i,
      point.organizationId ? 'a 12-digit account' : 'an o-… organization id or a 12-digit account',
    );
  point.account = tail[i++];
  if (tail[i] === undefined) return point;
  if (tail[i] !== 'CloudTrail') {
    if (/^CloudTrail-/.test(tail[i]!)) {
      return {
        error: `${here} holds ${tail[i] === 'CloudTrail-Digest' ? 'digest files' : 'other files'}, not the trail's logs: did you mean ${upTo(i)}CloudTrail/?`,
      };
    }
    return wrong(i, 'CloudTrail/');
  }
  i++;
  if (tail[i] === undefined) return point;
  if (!REGION_NAME.test(tail[i]!)) return wrong(i, 'a region (us-east-1…)');
  point.region = tail[i++];
  const date = tail.slice(i);
  if (date.length === 0) return point;
  const days = date.length <= 3 ? pinnedDays(date) : undefined;
  if (!days) return wrong(i, 'a date folder, YYYY/MM/DD');
  point.days = days;
  point.dateText = date.join('/');
  return point;
}

/** The folder of one account's logs: `ROOT/AWSLogs/[o-id/]ACCOUNT/CloudTrail/`. */
export function cloudTrailFolder(root: string, account: string, organizationId?: string): string {
  return `${root}AWSLogs/${organizationId ? `${organizationId}/` : ''}${account}/CloudTrail/`;
}

/** The last folder name of a listed folder (`a/b/c/` → `c`). */
export function lastFolder(prefix: string): string {
  return prefix.slice(0, -1).split('/').at(-1) ?? '';
}
