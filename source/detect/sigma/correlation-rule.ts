import { ruleInfoOf, type RuleDocument } from './rule-info.js';
import { fail } from './rule-error.js';
import type { CorrelationCondition, CorrelationType, SigmaCorrelation } from './types.js';
import { UNIT_MS } from '../../trail/query/index.js';

const TYPES = new Set<CorrelationType>([
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
]);
const BOUNDS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => {
    if (typeof entry !== 'string' || entry.trim() === '') fail(`${what} must be a list of names`);
    return entry.trim();
  });
}

/** `5m`, `1h`, `2d`: a whole number and one lower-case unit letter. */
export function parseTimespan(value: unknown): number {
  const match = typeof value === 'string' ? /^(\d{1,6})([smhdw])$/.exec(value.trim()) : null;
  if (match === null) return fail(`timespan ${JSON.stringify(value)} is not like 5m, 1h or 2d`);
  const ms = Number(match[1]) * UNIT_MS[match[2]!]!;
  if (ms <= 0) fail('timespan must be longer than zero');
  return ms;
}

function parseCount(value: unknown, bound: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    fail(`condition ${bound} must be a whole number`);
  }
  return n;
}

function parseConditionMap(
  raw: unknown,
  type: CorrelationType,
  ruleCount: number,
): CorrelationCondition {
  const temporal = type === 'temporal' || type === 'temporal_ordered';
  if (raw === undefined || raw === null) {
    if (temporal) return { gte: ruleCount };
    return fail(`${type} correlation needs a condition`);
  }
  if (!isMap(raw)) return fail('correlation condition must be a map');
  const condition: CorrelationCondition = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((BOUNDS as readonly string[]).includes(key)) {
      condition[key as (typeof BOUNDS)[number]] = parseCount(value, key);
    } else if (key === 'field') {
      condition.field = stringList(value, 'condition field');
    } else {
      fail(`correlation condition has unknown key ${key}`);
    }
  }
  if (!BOUNDS.some((bound) => condition[bound] !== undefined)) {
    fail('correlation condition needs one of gt, gte, lt, lte, eq');
  }
  if (type === 'value_count' && (condition.field === undefined || condition.field.length === 0)) {
    fail('value_count correlation needs condition.field');
  }
  if (type === 'temporal_ordered' && condition.gte !== ruleCount) {
    // Which partial orders would count is not defined by the spec; refuse rather than guess.
    fail(
      'temporal_ordered correlation supports only the full chain (no condition, or gte: rule count)',
    );
  }
  return condition;
}

function parseAliases(raw: unknown): Map<string, Map<string, string>> {
  const aliases = new Map<string, Map<string, string>>();
  if (raw === undefined || raw === null) return aliases;
  if (!isMap(raw)) fail('correlation aliases must be a map');
  for (const [alias, byRule] of Object.entries(raw)) {
    if (!isMap(byRule)) fail(`alias ${alias} must map rule names to fields`);
    const fields = new Map<string, string>();
    for (const [rule, field] of Object.entries(byRule)) {
      if (typeof field !== 'string' || field === '')
        fail(`alias ${alias} for ${rule} must name a field`);
      fields.set(rule, field);
    }
    aliases.set(alias, fields);
  }
  return aliases;
}

export function buildCorrelation(
  document: RuleDocument,
  file: string,
  position: number,
): SigmaCorrelation {
  const info = ruleInfoOf(document, file, position);
  const section = document.correlation;
  if (!isMap(section)) fail('correlation must be a map');
  const type = section.type;
  if (typeof type !== 'string' || !TYPES.has(type as CorrelationType)) {
    fail(`correlation type ${JSON.stringify(type)} is not supported`);
  }
  const correlationType = type as CorrelationType;
  const rules = stringList(section.rules, 'correlation rules');
  if (rules.length === 0) fail('correlation names no rules');
  const condition = parseConditionMap(section.condition, correlationType, rules.length);
  const generateReferenced = document.generate === true || section.generate === true;
  return {
    ...info,
    kind: 'correlation',
    type: correlationType,
    rules,
    groupBy: stringList(section['group-by'], 'group-by'),
    timespanMs: parseTimespan(section.timespan ?? section.timeframe),
    condition,
    aliases: parseAliases(section.aliases),
    generateReferenced,
    // Until references are resolved this holds only whether the rule itself asks to be reported.
    generate: false,
  };
}
