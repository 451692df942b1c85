/**
 * The shapes the Sigma engine hands out. Everything here is data or a compiled closure: a loaded
 * rule never keeps its YAML around.
 */

/**
 * A field value the caller cannot provide yet. The event index keeps only some fields in
 * columns; a getter over those columns answers UNKNOWN for the rest, and a rule then answers
 * `undefined` ("re-read the record to know") instead of a wrong yes or no.
 */
export const UNKNOWN: unique symbol = Symbol('trailhound.sigma.unknown');
export type Unknown = typeof UNKNOWN;

/**
 * Returns the value at a dotted path, undefined when absent, or UNKNOWN. The empty path stands
 * for the whole record: keyword searches (detection items without a field name) ask for it.
 */
export type FieldGetter = (path: string) => unknown;

/** Three-valued truth: undefined means "depends on a field the getter could not give". */
export type Truth = boolean | undefined;

export interface SigmaRuleInfo {
  id: string;
  name?: string;
  title: string;
  level: string;
  status: string;
  author: string;
  references: string[];
  description: string;
  /** ATT&CK technique ids from the tags, e.g. `attack.t1078.004` → `T1078.004`. */
  techniques: string[];
  tags: string[];
  falsepositives: string[];
  file: string;
}

export interface SigmaDetection extends SigmaRuleInfo {
  kind: 'detection';
  /**
   * Lower-cased eventName values one of which every match must have (from the condition), or
   * undefined when the rule can match any event name. Used to pre-select candidate events cheaply.
   */
  eventNames: ReadonlySet<string> | undefined;
  /**
   * true / false, or undefined when the answer depends on a field the getter returned UNKNOWN
   * for (three-valued logic: false AND unknown = false, true OR unknown = true).
   */
  matches(get: FieldGetter): Truth;
  /** false when a correlation references it and neither says `generate: true` */
  generate: boolean;
}

export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';

/** The count test of a correlation; every bound given must hold. */
export interface CorrelationCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  /** value_count only: the field(s) whose distinct values are counted. */
  field?: string[];
}

export interface SigmaCorrelation extends SigmaRuleInfo {
  kind: 'correlation';
  type: CorrelationType;
  /** References as written in the rule: ids or names of detections or other correlations. */
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  /**
   * For temporal types without a condition this is `{ gte: rules.length }`: every referenced
   * rule must have matched.
   */
  condition: CorrelationCondition;
  /**
   * `aliases` of the rule: group-by name → rule reference (name or id) → field path in the events
   * that rule matches.
   */
  aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Whether the correlation asked for its referenced rules to be reported on their own too. */
  generateReferenced: boolean;
  /** false when another correlation references this one and neither says `generate: true` */
  generate: boolean;
}

export type SigmaRule = SigmaDetection | SigmaCorrelation;

export interface SigmaProblem {
  file: string;
  title?: string;
  reason: string;
}

export interface SigmaLoad {
  /** Detections first, then correlations with every referenced correlation before its users. */
  rules: SigmaRule[];
  /** Filter documents (the Sigma filters specification): tuning applied to the rules they name. */
  filters: import('./filter-rule.js').SigmaFilter[];
  problems: SigmaProblem[];
}

/** One event a detection rule matched. */
export interface SigmaMatch {
  row: number;
  time: number;
  get: FieldGetter;
}

export interface CorrelationHit {
  rows: number[];
  first: number;
  last: number;
  group: Record<string, string>;
}
