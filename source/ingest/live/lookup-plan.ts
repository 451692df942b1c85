/**
 * Which one term of a query LookupEvents can answer on the server. The API takes ONE lookup
 * attribute with an exact value; everything else is filtered here, through the index, on what
 * comes back. The server's answer must therefore hold every event the full query could match
 * (a superset): a term qualifies only when every match must satisfy it (not one inside an OR or
 * a negated group, nor one of a comma list's values) and it is a plain, positive, exact value of
 * a field that maps onto an attribute. Of several, the most selective is sent: an access key names one
 * credential, a user one identity, an event name one operation; a resource or a service
 * matches more.
 *
 * AWS matches the value as sent (case included): `key:` is sent upper case and `source:` lower
 * case, as AWS writes them; user and event names go as typed. Lambda's versioned event names
 * (`UpdateFunctionCode20150331v2`) must be typed whole to be found on the server.
 */
import { requiredTerms, type Query, type QueryField, type Term } from '../../trail/query/index.js';

export type LookupAttributeKey =
  'Username' | 'EventName' | 'AccessKeyId' | 'EventSource' | 'ResourceName';

export interface ServerLookup {
  key: LookupAttributeKey;
  value: string;
}

const ATTRIBUTE: Partial<Record<QueryField, LookupAttributeKey>> = {
  key: 'AccessKeyId',
  user: 'Username',
  event: 'EventName',
  resource: 'ResourceName',
  source: 'EventSource',
};
/** Most selective first. */
const PREFERENCE: readonly QueryField[] = ['key', 'user', 'event', 'resource', 'source'];

/** `--lookup user:NAME` (checked by the CLI) as the attribute it names, value as typed. */
export function forcedLookup(text: string): ServerLookup | undefined {
  const colon = text.indexOf(':');
  const key = ATTRIBUTE[text.slice(0, colon) as QueryField];
  const value = text.slice(colon + 1);
  return key && value ? { key, value } : undefined;
}

/** The attribute to send for `query`, or undefined to read everything in the time range. */
export function serverLookup(query: Query | undefined): ServerLookup | undefined {
  if (!query) return undefined;
  const required = requiredTerms(query);
  for (const field of PREFERENCE) {
    for (const term of required) {
      const lookup = candidate(term, field);
      if (lookup) return lookup;
    }
  }
  return undefined;
}

function candidate(term: Term, field: QueryField): ServerLookup | undefined {
  if (term.kind !== 'field' || term.field !== field || term.negate) return undefined;
  const value = term.pattern;
  if (value === '' || value.includes('*')) return undefined;
  switch (field) {
    case 'key':
      return { key: 'AccessKeyId', value: value.toUpperCase() };
    case 'source':
      return { key: 'EventSource', value: value.toLowerCase() };
    case 'user':
      return userLookup(value);
    case 'event':
      return { key: 'EventName', value };
    case 'resource':
      return { key: 'ResourceName', value };
    default:
      return undefined;
  }
}

/**
 * `user:` matches a principal's name or ARN; LookupEvents' Username is the IAM user's name, the
 * role session's name, or `root`: the last path segment of either form. Services and anonymous
 * callers have no Username, so those terms stay local.
 */
function userLookup(value: string): ServerLookup | undefined {
  if (/\.amazonaws\.com$/i.test(value) || value === 'ANONYMOUS_PRINCIPAL') return undefined;
  const name = value.slice(value.lastIndexOf('/') + 1);
  if (name === '' || (value.startsWith('arn:') && !value.includes('/') && !value.endsWith(':root')))
    return undefined;
  return { key: 'Username', value: value.endsWith(':root') ? 'root' : name };
}
