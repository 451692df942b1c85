import { severityRank, type Finding } from './finding.js';

/**
 * A cheap key that equal evidence shares (who, how many events, the first and last row); equal
 * keys are then compared event by event. A Sigma rule can match millions of rows on a large
 * trail: no string of all of them is built.
 */
function roughKey(finding: Finding): string {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const row of finding.rows) {
    if (row < low) low = row;
    if (row > high) high = row;
  }
  return `${finding.principal}\u0000${finding.rows.length}\u0000${low}\u0000${high}`;
}

function sameEvents(a: Finding, b: Finding): boolean {
  if (a.rows.length !== b.rows.length) return false;
  const rows = new Set(a.rows);
  return b.rows.every((row) => rows.has(row));
}

/** A title's words, to tell apart built-in findings that cite the very same events. */
function words(title: string): Set<string> {
  return new Set(title.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);
}

/**
 * Of the built-in findings with the same evidence (one console login can be both "new address"
 * and "without MFA"), the one whose title shares the most words with the Sigma rule's; the first
 * on a tie.
 */
function closest(finding: Finding, candidates: number[], findings: Finding[]): number | undefined {
  const mine = words(finding.title);
  let best: number | undefined;
  let bestShared = -1;
  for (const at of candidates) {
    const shared = [...words(findings[at]!.title)].filter((word) => mine.has(word)).length;
    if (shared > bestShared) [best, bestShared] = [at, shared];
  }
  return best;
}

/**
 * A Sigma rule that saw exactly the events a built-in rule saw says the same thing: the two are
 * one finding, the built-in's, carrying the Sigma rule's provenance (title, author, references,
 * as its licence asks) beside its own, at the graver of the two severities. The overlap is
 * decided by the evidence, not by titles, so it holds for rules never seen here. A Sigma rule
 * that saw more, or other, events keeps a finding of its own.
 */
export function mergeSigmaFindings(findings: Finding[], sigma: Finding[]): Finding[] {
  const byEvidence = new Map<string, number[]>();
  const out = [...findings];
  out.forEach((finding, at) => {
    if (finding.origin === 'sigma') return;
    const key = roughKey(finding);
    byEvidence.set(key, [...(byEvidence.get(key) ?? []), at]);
  });
  for (const finding of sigma) {
    const candidates = (byEvidence.get(roughKey(finding)) ?? []).filter((at) =>
      sameEvents(out[at]!, finding),
    );
    const at = closest(finding, candidates, out);
    if (at === undefined || !finding.sigma) {
      out.push(finding);
      continue;
    }
    const same = out[at]!;
    const provenance = { ...finding.sigma };
    out[at] = {
      ...same,
      severity:
        severityRank(finding.severity) > severityRank(same.severity)
          ? finding.severity
          : same.severity,
      techniques: [...new Set([...same.techniques, ...finding.techniques])],
      ...(same.sigma
        ? { alsoSigma: [...(same.alsoSigma ?? []), provenance] }
        : { sigma: provenance }),
    };
  }
  return out;
}
