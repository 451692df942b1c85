import { evaluateCorrelation } from './correlation-eval.js';
import type { CorrelationHit, SigmaCorrelation, SigmaMatch } from './types.js';

/**
 * A correlation's hits as matches, so that a correlation naming another one can be evaluated:
 * each hit is an event at the time it completed, whose fields are its group values.
 */
export function hitsAsMatches(hits: readonly CorrelationHit[]): SigmaMatch[] {
  return hits.map((hit) => ({
    row: hit.rows[hit.rows.length - 1] ?? -1,
    time: hit.last,
    get: (path: string) => (Object.hasOwn(hit.group, path) ? hit.group[path] : undefined),
  }));
}

/**
 * Evaluates correlations in the order given (loadSigmaRules returns them with every
 * referenced correlation first), feeding each one's hits to the correlations that name it.
 * Returns the hits keyed by correlation id.
 */
export function evaluateCorrelations(
  correlations: readonly SigmaCorrelation[],
  detectionMatches: ReadonlyMap<string, readonly SigmaMatch[]>,
): Map<string, CorrelationHit[]> {
  const matches = new Map(detectionMatches);
  const hitsById = new Map<string, CorrelationHit[]>();
  for (const correlation of correlations) {
    const hits = evaluateCorrelation(correlation, matches);
    hitsById.set(correlation.id, hits);
    const asMatches = hitsAsMatches(hits);
    matches.set(correlation.id, asMatches);
    if (correlation.name !== undefined) matches.set(correlation.name, asMatches);
  }
  return hitsById;
}
