/**
 * The CloudTrail domain: the handful of fields of a record that the stream shows, the query
 * language filters on and the index keeps in columns. The full record is never kept in memory;
 * it is re-read from its file when the detail pane asks for it.
 */

/** A raw CloudTrail record exactly as parsed from a log. Everything in it is attacker-controlled. */
export type RawRecord = Record<string, unknown>;

/** The text fields the index keeps as dictionary-encoded columns, in a fixed order. */
export const TEXT_FIELDS = [
  'eventName',
  'eventSource',
  'region',
  'account',
  'sourceIp',
  'userAgent',
  'principal',
  'principalArn',
  'identityType',
  'accessKeyId',
  'error',
  'resources',
  'bucket',
] as const;

export type TextField = (typeof TEXT_FIELDS)[number];

/** One normalized event: the text fields plus its identity and time. Absent values are ''. */
export type EventFields = Record<TextField, string> & {
  /** CloudTrail's eventID, '' when the record has none. */
  eventId: string;
  /** eventTime as epoch milliseconds; NaN when the record has no eventTime. */
  time: number;
};

/** Separates the values of the multi-valued `resources` field. Cannot occur in a real name. */
export const RESOURCE_SEPARATOR = '\n';
