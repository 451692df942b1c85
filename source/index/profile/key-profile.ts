import type { EventIndex } from '../event-index.js';
import { activityOf, columnList } from './column-lists.js';
import { classifyEventName, classifyIamSource, CREATE_ACCESS_KEY } from './event-kinds.js';
import { histogram } from './histogram.js';
import { keyKind } from './key-kind.js';
import { identityNameOf, resourceParts } from './resource-parts.js';
import { selectRows, subjectRows } from './subject-rows.js';
import {
  DEFAULT_HISTOGRAM_BUCKETS,
  DEFAULT_LIST_LIMIT,
  type Histogram,
  type KeyKind,
  type ProfileOptions,
  type ValueStat,
} from './types.js';
import { valueCodes } from './value-codes.js';
import { markExactThenCaseless } from './value-lookup.js';

/** A CreateAccessKey call that may have made the key: the caller confirms from responseElements. */
export interface KeyCreationCandidate {
  row: number;
  time: number;
  /** Who called CreateAccessKey. */
  by: string;
  /** The user it created a key for (one of the key's owners). */
  forUser: string;
}

export interface KeyProfile {
  key: string;
  kind: KeyKind;
  /** The principals that used it. */
  owners: ValueStat[];
  events: number;
  errors: number;
  first: number;
  last: number;
  histogram: Histogram;
  sourceIps: ValueStat[];
  eventNames: ValueStat[];
  userAgents: ValueStat[];
  /**
   * Successful CreateAccessKey events whose target user (its userName, else the caller itself)
   * is one of the owners. Empty for temporary keys: STS issues those, not CreateAccessKey.
   */
  creationCandidates: KeyCreationCandidate[];
  rows: Uint32Array;
  totals: Record<
    'owners' | 'sourceIps' | 'eventNames' | 'userAgents' | 'creationCandidates',
    number
  >;
}

/** Successful CreateAccessKey calls, over the whole index, for one of `users`; in time order. */
function creationCandidates(index: EventIndex, users: ReadonlySet<string>): KeyCreationCandidate[] {
  const codes = valueCodes(index.dictionary('eventName'), classifyEventName);
  const table = codes.map((code) => (code & CREATE_ACCESS_KEY ? 1 : 0));
  const iam = valueCodes(index.dictionary('eventSource'), classifyIamSource);
  const sources = index.column('eventSource');
  const errors = index.column('error');
  const found: KeyCreationCandidate[] = [];
  for (const row of selectRows(index, { field: 'eventName', table })) {
    if (iam[sources[row]!] !== 1 || errors[row] !== 0) continue;
    const by = index.value(row, 'principal');
    // Without a userName, CreateAccessKey makes a key for the calling user.
    const forUser = identityNameOf(resourceParts(index.value(row, 'resources'))) || by;
    if (users.has(forUser)) found.push({ row, time: index.time(row), by, forUser });
  }
  return found;
}

/**
 * Everything the index says about one access key id. Undefined when no loaded event used it;
 * matched exactly, else ignoring case.
 */
export function keyProfile(
  index: EventIndex,
  key: string,
  options: ProfileOptions = {},
): KeyProfile | undefined {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const dictionary = index.dictionary('accessKeyId');
  const match = markExactThenCaseless(dictionary, key);
  if (match.matches === 0) return undefined;
  const rows = selectRows(index, { field: 'accessKeyId', table: match.table });
  if (rows.length === 0) return undefined;
  const subject = subjectRows(index, rows);
  const shown = match.matches === 1 ? dictionary.value(match.table.indexOf(1)) : key;
  const kind = keyKind(shown);
  // Every owner, not only the shown ones: a key has few, and a candidate must not be missed.
  const owners = columnList(index, 'principal', subject, Number.MAX_SAFE_INTEGER);
  const sourceIps = columnList(index, 'sourceIp', subject, limit);
  const eventNames = columnList(index, 'eventName', subject, limit);
  const userAgents = columnList(index, 'userAgent', subject, limit);
  const candidates =
    kind === 'temporary'
      ? []
      : creationCandidates(index, new Set(owners.items.map((owner) => owner.value)));
  return {
    key: shown,
    kind,
    owners: owners.items.slice(0, limit),
    ...activityOf(subject),
    histogram: histogram(index, subject.times, options.buckets ?? DEFAULT_HISTOGRAM_BUCKETS),
    sourceIps: sourceIps.items,
    eventNames: eventNames.items,
    userAgents: userAgents.items,
    creationCandidates: candidates.slice(0, limit),
    rows,
    totals: {
      owners: owners.total,
      sourceIps: sourceIps.total,
      eventNames: eventNames.total,
      userAgents: userAgents.total,
      creationCandidates: candidates.length,
    },
  };
}
