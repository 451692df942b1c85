/**
 * What a detection reports: one finding per rule and principal (or per correlated chain), with
 * the rows of the events that triggered it. Rows index the event index; the full records are
 * re-read from their files when someone wants the evidence.
 */

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Where a finding's rule came from. */
export type FindingOrigin = 'built-in' | 'correlation' | 'sigma';

/** The provenance a Sigma rule's licence asks us to keep wherever the rule is shown. */
export interface SigmaProvenance {
  /** `sigma:` and the rule's id, as a Sigma-only finding's ruleId. */
  ruleId: string;
  title: string;
  author: string;
  references: string[];
  level: string;
  file: string;
  description: string;
}

export interface Finding {
  /** Stable across runs over the same data: rule, principal and first evidence row. */
  key: string;
  ruleId: string;
  title: string;
  severity: Severity;
  /** ATT&CK technique ids (T1078.004 …), described by the pinned table in attack.ts. */
  techniques: string[];
  /** One line: why this matters. */
  why: string;
  /** One line: what exactly was seen (who, from where, what). */
  summary: string;
  origin: FindingOrigin;
  /** The principal the finding is about; '' when it is about no single principal. */
  principal: string;
  /**
   * Where more than one account is loaded: the principal's own account (the principal is then
   * `ACCOUNT/name`), or for a finding about no principal the account of its first event.
   */
  account?: string;
  /** Evidence rows in time order. */
  rows: number[];
  first: number;
  last: number;
  /** The Sigma rule that says this; on a built-in finding, a Sigma rule that saw the same events. */
  sigma?: SigmaProvenance;
  /** Further Sigma rules that saw the same events. */
  alsoSigma?: SigmaProvenance[];
  /** A role's findings: the session names its evidence came from (`scanner-2025-03-10` …). */
  sessions?: string[];
  /**
   * A Sigma filter (tuning) filtered out every event of this finding: it is listed among the
   * suppressed, never shown as raised. The filter's title and file.
   */
  filteredBy?: string;
}

/** Every rule that says a finding, built-in first: what the licence display and JSON name. */
export function provenances(
  finding: Finding,
): Array<{ origin: FindingOrigin; ruleId: string; title: string } & Partial<SigmaProvenance>> {
  const sigma = [finding.sigma, ...(finding.alsoSigma ?? [])].filter(
    (rule): rule is SigmaProvenance => rule !== undefined,
  );
  const own =
    finding.origin === 'sigma'
      ? []
      : [{ origin: finding.origin, ruleId: finding.ruleId, title: finding.title }];
  return [...own, ...sigma.map((rule) => ({ origin: 'sigma' as const, ...rule }))];
}

/** Most severe first, then earliest first: the order the findings pane and reports use. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.first - b.first ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
