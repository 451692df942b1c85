/**
 * What `parseQuery` produces and the index evaluates: a tree of terms joined by AND (written as
 * juxtaposition) and OR, each node maybe negated.
 */
import type { TextField } from '../event.js';

export type QueryField =
  | 'user'
  | 'ip'
  | 'event'
  | 'source'
  | 'region'
  | 'account'
  | 'key'
  | 'error'
  | 'type'
  | 'ua'
  | 'resource'
  | 'bucket';

/** The columns each field looks at; a field term holds when any of them matches. */
export const QUERY_FIELDS: Record<QueryField, readonly TextField[]> = {
  // People search by the short name they see and by the ARN they paste from elsewhere.
  user: ['principal', 'principalArn'],
  ip: ['sourceIp'],
  event: ['eventName'],
  source: ['eventSource'],
  region: ['region'],
  account: ['account'],
  key: ['accessKeyId'],
  error: ['error'],
  type: ['identityType'],
  ua: ['userAgent'],
  resource: ['resources'],
  bucket: ['bucket'],
};

/**
 * One term. `negate` applies to the whole term, after its columns (or, for a word, all text
 * fields) are combined: `-user:root` drops an event when EITHER the name or the ARN matches.
 * `text` is the term exactly as typed.
 */
export type Term =
  | { kind: 'field'; field: QueryField; pattern: string; negate: boolean; text: string }
  | { kind: 'word'; pattern: string; negate: boolean; text: string }
  | { kind: 'time'; bound: 'after' | 'before'; at: number; negate: boolean; text: string };

/**
 * Terms joined: `and` holds when every child does, `or` when any does; `negate` applies after.
 * A field value with commas (`event:Create*,Delete*`) is an `or` of one term per value. `text` is
 * the group as typed (a parenthesised group with its parentheses).
 */
export interface Group {
  kind: 'and' | 'or';
  children: Node[];
  negate: boolean;
  text: string;
}

export type Node = Term | Group;

/** An empty query (nothing typed) is an `and` with no children: everything matches. */
export interface Query {
  text: string;
  root: Node;
}

/** `start`/`end` are offsets of the bad term in the input, so the filter bar can mark it. */
export interface QuerySyntaxError {
  message: string;
  term: string;
  start: number;
  end: number;
}

export type ParseResult = { ok: true; query: Query } | { ok: false; error: QuerySyntaxError };

export function isGroup(node: Node): node is Group {
  return node.kind === 'and' || node.kind === 'or';
}
