import { SEVERITIES, severityRank, type Finding, type Severity } from './finding.js';

/** How much each severity adds to a principal's risk score. */
export const RISK_WEIGHT: Record<Severity, number> = {
  info: 0,
  low: 1,
  medium: 5,
  high: 20,
  critical: 50,
};

/** Principals (actors) by risk: the sum of their findings' weights, ranked 1 = most at risk. */
export function riskOf(findings: readonly Finding[]): Map<string, { score: number; rank: number }> {
  const scores = new Map<string, number>();
  for (const finding of findings) {
    if (!finding.principal) continue;
    scores.set(
      finding.principal,
      (scores.get(finding.principal) ?? 0) + RISK_WEIGHT[finding.severity],
    );
  }
  const ranked = [...scores].filter(([, score]) => score > 0).sort((a, b) => b[1] - a[1]);
  return new Map(ranked.map(([principal, score], i) => [principal, { score, rank: i + 1 }]));
}

/**
 * "1 critical, 5 high": the findings at `from` or graver, counted by severity as the list shows
 * them, gravest first; '' when there are none. A count under one label would not match the list.
 */
export function severityCounts(findings: readonly Finding[], from: Severity = 'high'): string {
  const counts = new Map<Severity, number>();
  for (const finding of findings)
    if (severityRank(finding.severity) >= severityRank(from))
      counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  return [...SEVERITIES]
    .reverse()
    .filter((severity) => counts.has(severity))
    .map((severity) => `${counts.get(severity)!.toLocaleString('en-US')} ${severity}`)
    .join(', ');
}
