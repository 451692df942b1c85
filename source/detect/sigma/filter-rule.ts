import { compileCondition } from './condition-compiler.js';
import { parseCondition } from './condition-parser.js';
import type { CompiledSearch } from './field-item.js';
import { fail } from './rule-error.js';
import { titleOf, type RuleDocument } from './rule-info.js';
import { compileSearch } from './selection.js';
import type { Matcher } from './truth.js';

/**
 * A Sigma filter (the Sigma filters specification, "meta filter"): environment tuning kept out
 * of the rules it tunes. `filter.rules` names the rules it applies to (ids or names; `any` / `all`
 * for every rule), and its condition is joined to theirs as pySigma, the reference
 * implementation, does: `(rule) and (filter condition)`. So a filter says what may still alert,
 * and the usual one reads `condition: not selection` ("never for these").
 */
export interface SigmaFilter {
  id: string;
  title: string;
  description: string;
  /** The rule ids or names it tunes, as written; 'any' for every rule. */
  rules: string[] | 'any';
  /** true: the event may still alert; false: it is filtered out; undefined: needs the record. */
  keeps: Matcher;
  file: string;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLogsource(logsource: unknown, required: boolean): void {
  if (logsource === undefined && !required) return;
  if (!isMap(logsource)) fail('filter has no logsource');
  const product = String(logsource.product ?? '').toLowerCase();
  const service = String(logsource.service ?? '').toLowerCase();
  if (product !== 'aws' || (service !== '' && service !== 'cloudtrail'))
    fail('filter logsource is not AWS CloudTrail');
}

function rulesOf(value: unknown): string[] | 'any' {
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    return word === 'any' || word === 'all' ? 'any' : [value.trim()];
  }
  if (!Array.isArray(value)) fail('filter.rules must name rules (a list, or any)');
  if (value.length === 0) return 'any';
  return value.map((entry) => {
    if (typeof entry !== 'string' && typeof entry !== 'number')
      fail('filter.rules entries must be rule ids or names');
    return String(entry).trim();
  });
}

/**
 * Compiles one filter document. `logsourceRequired` is the specification's rule for a filter
 * file of its own; a filter inside a tuning file may leave it out (it can only mean CloudTrail).
 */
export function buildFilter(
  document: RuleDocument,
  file: string,
  position: number,
  logsourceRequired = true,
): SigmaFilter {
  const title = titleOf(document);
  if (title === undefined) fail('filter has no title');
  checkLogsource(document.logsource, logsourceRequired);
  const filter = document.filter;
  if (!isMap(filter)) fail('filter must be a map with rules, selection and condition');
  if (!('rules' in filter)) fail('filter has no rules (name them, or say any)');
  if (typeof filter.condition !== 'string') fail('filter condition must be one string');
  const searches = new Map<string, CompiledSearch>();
  for (const [name, definition] of Object.entries(filter)) {
    if (name === 'rules' || name === 'condition') continue;
    searches.set(name, compileSearch(name, definition));
  }
  if (searches.size === 0) fail('filter has no selection');
  const compiled = compileCondition(parseCondition(filter.condition), searches);
  const id = typeof document.id === 'string' && document.id.trim() ? document.id.trim() : '';
  return {
    id: id || `${file}#${position + 1}`,
    title,
    description: typeof document.description === 'string' ? document.description.trim() : '',
    rules: rulesOf(filter.rules),
    keeps: compiled.matcher,
    file,
  };
}

/** Whether a filter names a rule: by id, by name, or as `sigma:<id>` (built-ins by their id). */
export function filterNames(
  filter: SigmaFilter,
  rule: { id: string; name?: string | undefined },
): boolean {
  if (filter.rules === 'any') return true;
  return filter.rules.some(
    (name) =>
      name === rule.id ||
      name === `sigma:${rule.id}` ||
      (rule.name !== undefined && name === rule.name),
  );
}
