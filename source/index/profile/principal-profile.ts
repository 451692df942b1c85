import type { EventIndex } from '../event-index.js';
import { accessDeniedBursts, type AccessDeniedBurst } from './access-denied-bursts.js';
import { activityOf, columnList } from './column-lists.js';
import { histogram } from './histogram.js';
import { keyKind } from './key-kind.js';
import {
  notableEvents,
  type ConsoleLoginEvent,
  type CreatedIdentity,
  type IamChange,
  type RoleAssumption,
} from './notable-events.js';
import { lookupPrincipal } from './principal-lookup.js';
import { rankStats } from './rank.js';
import { tallyResources } from './resource-tally.js';
import { subjectRows } from './subject-rows.js';
import {
  DEFAULT_HISTOGRAM_BUCKETS,
  DEFAULT_LIST_LIMIT,
  type Histogram,
  type KeyKind,
  type ProfileOptions,
  type ValueStat,
} from './types.js';

export interface PrincipalProfile {
  /** As asked: a principal value, or a role name covering all its sessions. */
  name: string;
  /** 'role' when the name matched `name/…` session principals of type AssumedRole. */
  kind: 'principal' | 'role';
  identityTypes: string[];
  arns: string[];
  accounts: string[];
  events: number;
  errors: number;
  first: number;
  last: number;
  histogram: Histogram;
  /** The principal values covered: a role's sessions, or the principal itself. */
  sessions: ValueStat[];
  sourceIps: ValueStat[];
  userAgents: ValueStat[];
  regions: ValueStat[];
  accessKeys: Array<ValueStat & { kind: KeyKind }>;
  consoleLogins: ConsoleLoginEvent[];
  /** By count, with error counts. */
  eventNames: ValueStat[];
  accessDeniedBursts: AccessDeniedBurst[];
  /** From the resources column (split, S3 ARNs as `bucket/key`) and the bucket. */
  resources: ValueStat[];
  iamChanges: IamChange[];
  createdIdentities: CreatedIdentity[];
  assumedRoles: RoleAssumption[];
  /** Its rows in time order (for the stream filter). */
  rows: Uint32Array;
  /** How many entries each capped list had before capping. */
  totals: Record<PrincipalListName, number>;
}

export type PrincipalListName =
  | 'identityTypes'
  | 'arns'
  | 'accounts'
  | 'sessions'
  | 'sourceIps'
  | 'userAgents'
  | 'regions'
  | 'accessKeys'
  | 'consoleLogins'
  | 'eventNames'
  | 'accessDeniedBursts'
  | 'resources'
  | 'iamChanges'
  | 'createdIdentities'
  | 'assumedRoles';

/**
 * Everything the index says about one principal (or one role across its sessions). Undefined
 * when no loaded event matches the name: exactly, else ignoring case, else as a role name.
 */
export function principalProfile(
  index: EventIndex,
  name: string,
  options: ProfileOptions = {},
): PrincipalProfile | undefined {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const match = lookupPrincipal(index, name);
  if (!match) return undefined;
  const subject = subjectRows(index, match.rows);
  const list = (field: Parameters<typeof columnList>[1]) =>
    columnList(index, field, subject, limit);
  const identityTypes = list('identityType');
  const arns = list('principalArn');
  const accounts = list('account');
  const sessions = list('principal');
  const sourceIps = list('sourceIp');
  const userAgents = list('userAgent');
  const regions = list('region');
  const accessKeys = list('accessKeyId');
  const eventNames = list('eventName');
  const resources = rankStats(tallyResources(index, subject), limit);
  const bursts = accessDeniedBursts(index, subject);
  const notable = notableEvents(index, subject, limit);
  return {
    name: match.name,
    kind: match.kind,
    identityTypes: identityTypes.items.map((stat) => stat.value),
    arns: arns.items.map((stat) => stat.value),
    accounts: accounts.items.map((stat) => stat.value),
    ...activityOf(subject),
    histogram: histogram(index, subject.times, options.buckets ?? DEFAULT_HISTOGRAM_BUCKETS),
    sessions: sessions.items,
    sourceIps: sourceIps.items,
    userAgents: userAgents.items,
    regions: regions.items,
    accessKeys: accessKeys.items.map((stat) => ({ ...stat, kind: keyKind(stat.value) })),
    consoleLogins: notable.consoleLogins.items,
    eventNames: eventNames.items,
    accessDeniedBursts: bursts.slice(0, limit),
    resources: resources.items,
    iamChanges: notable.iamChanges.items,
    createdIdentities: notable.createdIdentities.items,
    assumedRoles: notable.assumedRoles.items,
    rows: subject.rows,
    totals: {
      identityTypes: identityTypes.total,
      arns: arns.total,
      accounts: accounts.total,
      sessions: sessions.total,
      sourceIps: sourceIps.total,
      userAgents: userAgents.total,
      regions: regions.total,
      accessKeys: accessKeys.total,
      consoleLogins: notable.consoleLogins.total,
      eventNames: eventNames.total,
      accessDeniedBursts: bursts.length,
      resources: resources.total,
      iamChanges: notable.iamChanges.total,
      createdIdentities: notable.createdIdentities.total,
      assumedRoles: notable.assumedRoles.total,
    },
  };
}
