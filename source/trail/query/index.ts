/** The query language: one line of terms, the same in the filter bar and in `--filter`. */
export { isGroup, QUERY_FIELDS } from './ast.js';
export type { Group, Node, ParseResult, Query, QueryField, QuerySyntaxError, Term } from './ast.js';
export { describeQuery, queryValue } from './describe.js';
export { MAX_DEPTH, MAX_TERMS, parseQuery } from './parse.js';
export { compileMatcher } from './pattern.js';
export { isEmptyQuery, requiredTerms } from './shape.js';
export { UNIT_MS } from './time.js';
