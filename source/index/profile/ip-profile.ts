import type { EventIndex } from '../event-index.js';
import { activityOf, columnList } from './column-lists.js';
import { histogram } from './histogram.js';
import { selectRows, subjectRows } from './subject-rows.js';
import {
  DEFAULT_HISTOGRAM_BUCKETS,
  DEFAULT_LIST_LIMIT,
  type Histogram,
  type ProfileOptions,
  type ValueStat,
} from './types.js';
import { markExactThenCaseless } from './value-lookup.js';

export interface IpProfile {
  /** The address as the log spells it. */
  ip: string;
  events: number;
  errors: number;
  first: number;
  last: number;
  histogram: Histogram;
  /** Who called from it. */
  principals: ValueStat[];
  eventNames: ValueStat[];
  userAgents: ValueStat[];
  accessKeys: ValueStat[];
  regions: ValueStat[];
  rows: Uint32Array;
  totals: Record<'principals' | 'eventNames' | 'userAgents' | 'accessKeys' | 'regions', number>;
}

/**
 * Everything the index says about one source address (or service name: `sourceIPAddress` also
 * holds `lambda.amazonaws.com`, `AWS Internal`). Undefined when no loaded event has it; matched
 * exactly, else ignoring case (IPv6, host names).
 */
export function ipProfile(
  index: EventIndex,
  ip: string,
  options: ProfileOptions = {},
): IpProfile | undefined {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const dictionary = index.dictionary('sourceIp');
  const match = markExactThenCaseless(dictionary, ip);
  if (match.matches === 0) return undefined;
  const rows = selectRows(index, { field: 'sourceIp', table: match.table });
  if (rows.length === 0) return undefined;
  const subject = subjectRows(index, rows);
  const list = (field: Parameters<typeof columnList>[1]) =>
    columnList(index, field, subject, limit);
  const principals = list('principal');
  const eventNames = list('eventName');
  const userAgents = list('userAgent');
  const accessKeys = list('accessKeyId');
  const regions = list('region');
  return {
    ip: match.matches === 1 ? dictionary.value(match.table.indexOf(1)) : ip,
    ...activityOf(subject),
    histogram: histogram(index, subject.times, options.buckets ?? DEFAULT_HISTOGRAM_BUCKETS),
    principals: principals.items,
    eventNames: eventNames.items,
    userAgents: userAgents.items,
    accessKeys: accessKeys.items,
    regions: regions.items,
    rows,
    totals: {
      principals: principals.total,
      eventNames: eventNames.total,
      userAgents: userAgents.total,
      accessKeys: accessKeys.total,
      regions: regions.total,
    },
  };
}
