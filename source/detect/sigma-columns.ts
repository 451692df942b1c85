import type { IndexView } from '../index/index.js';
import type { TextField } from '../trail/event.js';
import { UNKNOWN, type FieldGetter } from './sigma/index.js';

/**
 * Sigma field paths the index holds exactly as the log has them. Anything else needs the full
 * record: the getter answers UNKNOWN and the rule decides whether the record is worth reading.
 */
const EXACT_COLUMNS: Readonly<Record<string, TextField>> = {
  eventName: 'eventName',
  eventSource: 'eventSource',
  awsRegion: 'region',
  sourceIPAddress: 'sourceIp',
  userAgent: 'userAgent',
  'userIdentity.type': 'identityType',
  'userIdentity.arn': 'principalArn',
  'userIdentity.accessKeyId': 'accessKeyId',
};

/** A getter over one row's columns, for the cheap first pass of Sigma rules. */
export function columnFields(index: IndexView, row: number): FieldGetter {
  return (path) => {
    const field = EXACT_COLUMNS[path];
    if (field) {
      const value = index.value(row, field);
      // The index stores an absent field as ''; to Sigma absent and empty differ, so say unknown.
      return value === '' ? UNKNOWN : value;
    }
    if (path === 'errorCode') {
      const error = index.value(row, 'error');
      if (error === '') return undefined;
      // A failed console login keeps its message in the error column, not an errorCode.
      return index.value(row, 'eventName') === 'ConsoleLogin' ? UNKNOWN : error;
    }
    return UNKNOWN;
  };
}
