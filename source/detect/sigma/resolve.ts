import type { SigmaCorrelation, SigmaProblem, SigmaRule } from './types.js';

/**
 * Links correlations to the rules they name, across every loaded file: drops (and reports)
 * correlations whose rules are missing or that reference each other in a cycle, decides which
 * rules are reported on their own (`generate`), and orders the result so that a correlation
 * comes after every correlation it uses.
 */
export function resolveRules(rules: readonly SigmaRule[], problems: SigmaProblem[]): SigmaRule[] {
  const report = (rule: SigmaRule, reason: string): void => {
    problems.push({ file: rule.file, title: rule.title, reason });
  };

  const byId = new Map<string, SigmaRule>();
  const byName = new Map<string, SigmaRule>();
  const unique: SigmaRule[] = [];
  for (const rule of rules) {
    const sameId = byId.get(rule.id);
    if (sameId !== undefined) {
      report(rule, `id ${rule.id} is already used by "${sameId.title}" (${sameId.file})`);
      continue;
    }
    const sameName = rule.name === undefined ? undefined : byName.get(rule.name);
    if (sameName !== undefined) {
      report(rule, `name ${rule.name} is already used by "${sameName.title}" (${sameName.file})`);
      continue;
    }
    byId.set(rule.id, rule);
    if (rule.name !== undefined) byName.set(rule.name, rule);
    unique.push(rule);
  }
  const lookup = (reference: string): SigmaRule | undefined =>
    byId.get(reference) ?? byName.get(reference);

  const live = new Set(
    unique.filter((rule): rule is SigmaCorrelation => rule.kind === 'correlation'),
  );
  const ordered = orderCorrelations(live, lookup, report);

  const referenced = new Set<SigmaRule>();
  const wantedAlone = new Set<SigmaRule>();
  for (const correlation of ordered) {
    for (const reference of correlation.rules) {
      const target = lookup(reference)!;
      referenced.add(target);
      if (correlation.generateReferenced) wantedAlone.add(target);
    }
  }

  const detections: SigmaRule[] = [];
  for (const rule of unique) {
    if (rule.kind !== 'detection') continue;
    rule.generate = !referenced.has(rule) || rule.generate || wantedAlone.has(rule);
    detections.push(rule);
  }
  const correlations = ordered.map((correlation): SigmaCorrelation => ({
    ...correlation,
    aliases: aliasesByReference(correlation, lookup),
    generate: !referenced.has(correlation) || wantedAlone.has(correlation),
  }));
  return [...detections, ...correlations];
}

/**
 * Depth-first over the correlation graph: a correlation is usable when every rule it names is
 * loaded and every correlation it names is usable and not on the current path.
 */
function orderCorrelations(
  candidates: ReadonlySet<SigmaCorrelation>,
  lookup: (reference: string) => SigmaRule | undefined,
  report: (rule: SigmaRule, reason: string) => void,
): SigmaCorrelation[] {
  const ordered: SigmaCorrelation[] = [];
  const state = new Map<SigmaCorrelation, 'visiting' | 'usable' | 'dropped'>();

  const visit = (correlation: SigmaCorrelation): boolean => {
    const known = state.get(correlation);
    if (known === 'usable') return true;
    if (known === 'dropped') return false;
    if (known === 'visiting') return false;
    state.set(correlation, 'visiting');
    let reason: string | undefined;
    for (const reference of correlation.rules) {
      const target = lookup(reference);
      if (target === undefined) {
        reason = `references ${reference}, which is not loaded`;
        break;
      }
      if (target.kind !== 'correlation') continue;
      if (!candidates.has(target) || state.get(target) === 'visiting') {
        reason =
          state.get(target) === 'visiting'
            ? `references ${reference} in a cycle of correlations`
            : `references ${reference}, which is not loaded`;
        break;
      }
      if (!visit(target)) {
        reason = `references ${reference}, which could not be loaded`;
        break;
      }
    }
    if (reason !== undefined) {
      state.set(correlation, 'dropped');
      report(correlation, reason);
      return false;
    }
    state.set(correlation, 'usable');
    ordered.push(correlation);
    return true;
  };

  for (const correlation of candidates) visit(correlation);
  return ordered;
}

/** Re-keys `aliases` by the references as written in `rules`, whichever of name or id each uses. */
function aliasesByReference(
  correlation: SigmaCorrelation,
  lookup: (reference: string) => SigmaRule | undefined,
): Map<string, Map<string, string>> {
  const resolved = new Map<string, Map<string, string>>();
  for (const [alias, byRule] of correlation.aliases) {
    const fields = new Map<string, string>();
    for (const [ruleKey, field] of byRule) {
      const target = lookup(ruleKey);
      for (const reference of correlation.rules) {
        if (reference === ruleKey || (target !== undefined && lookup(reference) === target)) {
          fields.set(reference, field);
        }
      }
    }
    resolved.set(alias, fields);
  }
  return resolved;
}
