/** The query language: one line of terms, the same in the filter bar and in `--filter`. */
export { QUERY_FIELDS } from './ast.js';
export type { ParseResult, Query, QueryField, QuerySyntaxError, Term } from './ast.js';
export { describeQuery, parseQuery } from './parse.js';
export { compileMatcher } from './pattern.js';
