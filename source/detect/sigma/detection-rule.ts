import { compileCondition } from './condition-compiler.js';
import { parseCondition, type ConditionNode } from './condition-parser.js';
import type { CompiledSearch } from './field-item.js';
import { ruleInfoOf, type RuleDocument } from './rule-info.js';
import { fail } from './rule-error.js';
import { compileSearch } from './selection.js';
import type { SigmaDetection } from './types.js';

/** Keys of `detection:` that are not search identifiers. */
const NOT_SEARCHES = new Set(['condition', 'timeframe']);

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** trailhound reads CloudTrail only; a rule for another log would match nothing or by accident. */
function checkLogsource(logsource: unknown): void {
  if (!isMap(logsource)) fail('rule has no logsource');
  const product = String(logsource.product ?? '').toLowerCase();
  const service = String(logsource.service ?? '').toLowerCase();
  if (product !== 'aws' || service !== 'cloudtrail') {
    const described = Object.entries(logsource)
      .filter(([key]) => key !== 'definition')
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join(', ');
    fail(`logsource {${described}} is not AWS CloudTrail`);
  }
}

/** A list of conditions is an OR of them (the spec's older form). */
function conditionTree(condition: unknown): ConditionNode {
  if (typeof condition === 'string') return parseCondition(condition);
  if (Array.isArray(condition) && condition.length > 0) {
    const operands = condition.map((entry) => {
      if (typeof entry !== 'string') fail('condition list entries must be strings');
      return parseCondition(entry);
    });
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }
  return fail('detection has no condition');
}

export function buildDetection(
  document: RuleDocument,
  file: string,
  position: number,
): SigmaDetection {
  const info = ruleInfoOf(document, file, position);
  checkLogsource(document.logsource);
  const detection = document.detection;
  if (!isMap(detection)) fail('rule has no detection map');

  const searches = new Map<string, CompiledSearch>();
  for (const [name, definition] of Object.entries(detection)) {
    if (NOT_SEARCHES.has(name)) continue;
    searches.set(name, compileSearch(name, definition));
  }
  const compiled = compileCondition(conditionTree(detection.condition), searches);
  return {
    ...info,
    kind: 'detection',
    eventNames: compiled.eventNames,
    matches: compiled.matcher,
    // Until references are resolved this holds only what the rule itself says.
    generate: document.generate === true,
  };
}
