import { accountOfArn, isAccountId, qualifyName } from '../../trail/account-name.js';
import { normalizeRecord } from '../../trail/normalize.js';
import type { ReportEvent } from './input.js';
import { resourcesOfRecord } from './record-resources.js';

/**
 * A timeline event from a full CloudTrail record, as the case keeps pinned ones. The record goes
 * through the same normalisation as the event stream (principalOf for identities without a
 * userName, a failed console sign-in counted as a failure though it has no errorCode), so the
 * report names things exactly as the investigator saw them.
 */
export function eventFromRecord(
  record: Record<string, unknown>,
  pinned: boolean,
  /** Several accounts are loaded: the principal is named with its own account (ACCOUNT/name). */
  accounts = false,
): ReportEvent {
  const normalized = normalizeRecord(record);
  if (!normalized.ok) {
    // Not something the stream could show; keep what little it says rather than drop evidence.
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    return {
      eventId: text(record.eventID),
      time: text(record.eventTime),
      principal: '',
      sourceIp: text(record.sourceIPAddress),
      eventName: text(record.eventName),
      outcome: text(record.errorCode) || 'ok',
      userAgent: text(record.userAgent),
      resources: resourcesOfRecord(record),
      pinned,
      findingTitles: [],
    };
  }
  const fields = normalized.fields;
  return {
    eventId: fields.eventId,
    time: Number.isNaN(fields.time) ? '' : new Date(fields.time).toISOString(),
    principal: accounts
      ? qualifyName(
          accountOfArn(fields.principalArn) || (isAccountId(fields.account) ? fields.account : ''),
          fields.principal,
        )
      : fields.principal,
    sourceIp: fields.sourceIp,
    eventName: fields.eventName,
    outcome: fields.error || 'ok',
    userAgent: fields.userAgent,
    resources: resourcesOfRecord(record),
    pinned,
    findingTitles: [],
    ...(fields.accessKeyId ? { accessKeyId: fields.accessKeyId } : {}),
  };
}
