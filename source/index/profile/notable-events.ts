import type { EventIndex } from '../event-index.js';
import {
  ASSUME_ROLE,
  classifyEventName,
  classifyIamSource,
  CONSOLE_LOGIN,
  IAM_WRITE,
  IDENTITY_CREATION,
} from './event-kinds.js';
import type { RankedList } from './rank.js';
import { identityNameOf, resourceParts, roleArnOf } from './resource-parts.js';
import type { SubjectRows } from './subject-rows.js';
import { valueCodes } from './value-codes.js';

/** A console sign-in. Whether MFA was used is in the full record: the caller reads it from `row`. */
export interface ConsoleLoginEvent {
  row: number;
  time: number;
  sourceIp: string;
  userAgent: string;
  failed: boolean;
  /** The error code, or a failed sign-in's message (`Failed authentication`). */
  error: string;
}

/** A write to IAM, allowed or not. */
export interface IamChange {
  row: number;
  time: number;
  eventName: string;
  /** What it named: user, role, group, policy ARN… (the row's resources). */
  targets: string[];
  failed: boolean;
}

/** A successful call that created an identity or a credential. */
export interface CreatedIdentity {
  row: number;
  time: number;
  eventName: string;
  /** The user or role name the call named; for a caller acting on itself, the caller. */
  identity: string;
}

export interface RoleAssumption {
  row: number;
  time: number;
  /** The role ARN from the call's resources. */
  role: string;
  failed: boolean;
}

export interface NotableEvents {
  consoleLogins: RankedList<ConsoleLoginEvent>;
  iamChanges: RankedList<IamChange>;
  createdIdentities: RankedList<CreatedIdentity>;
  assumedRoles: RankedList<RoleAssumption>;
}

/** A list that keeps its first `limit` items (in time order) and counts them all. */
function roomIn<T>(list: RankedList<T>, limit: number): boolean {
  list.total++;
  return list.items.length < limit;
}

/**
 * The subject's sign-ins, IAM changes, identity creations and role assumptions, in time order.
 * Event names and sources are classified per distinct value; the rare rows that match are the
 * only ones whose strings are read.
 */
export function notableEvents(
  index: EventIndex,
  subject: SubjectRows,
  limit: number,
): NotableEvents {
  const names = index.column('eventName');
  const sources = index.column('eventSource');
  const nameCodes = valueCodes(index.dictionary('eventName'), classifyEventName);
  const iamSources = valueCodes(index.dictionary('eventSource'), classifyIamSource);
  const { consoleLogins, iamChanges, createdIdentities, assumedRoles }: NotableEvents = {
    consoleLogins: { items: [], total: 0 },
    iamChanges: { items: [], total: 0 },
    createdIdentities: { items: [], total: 0 },
    assumedRoles: { items: [], total: 0 },
  };
  const { rows, times, failed } = subject;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const code = nameCodes[names[row]!]!;
    if (code === 0) continue;
    const time = times[i]!;
    const hasFailed = failed[i] === 1;
    if (code & CONSOLE_LOGIN && roomIn(consoleLogins, limit)) {
      consoleLogins.items.push({
        row,
        time,
        sourceIp: index.value(row, 'sourceIp'),
        userAgent: index.value(row, 'userAgent'),
        failed: hasFailed,
        error: index.value(row, 'error'),
      });
    }
    if (code & ASSUME_ROLE && roomIn(assumedRoles, limit)) {
      const role = roleArnOf(resourceParts(index.value(row, 'resources')));
      assumedRoles.items.push({ row, time, role, failed: hasFailed });
    }
    if (iamSources[sources[row]!] !== 1) continue;
    if (code & IAM_WRITE && roomIn(iamChanges, limit)) {
      iamChanges.items.push({
        row,
        time,
        eventName: index.value(row, 'eventName'),
        targets: resourceParts(index.value(row, 'resources')),
        failed: hasFailed,
      });
    }
    if (code & IDENTITY_CREATION && !hasFailed && roomIn(createdIdentities, limit)) {
      // CreateAccessKey / CreateLoginProfile without a userName act on the caller itself.
      const named = identityNameOf(resourceParts(index.value(row, 'resources')));
      createdIdentities.items.push({
        row,
        time,
        eventName: index.value(row, 'eventName'),
        identity: named || index.value(row, 'principal'),
      });
    }
  }
  return { consoleLogins, iamChanges, createdIdentities, assumedRoles };
}
