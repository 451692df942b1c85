import type { ReportTuning } from './input.js';
import { attribution } from '../../geo/index.js';
import { actionsSection, type ActionEntry } from './actions.js';
import { checklistSection, type ChecklistPhase } from './checklist.js';
import { findingsSection, type FindingEntry } from './findings.js';
import { indicatorsSection, type IndicatorsSection } from './indicators.js';
import type { ReportInput } from './input.js';
import type { ReportPivot } from './suspect-events.js';
import { recommendationsSection, type Recommendation } from './recommendations.js';
import { redactStrings } from './redaction.js';
import { resourcesSection, type AffectedResource } from './resources.js';
import { summarySection, type SummarySection } from './summary.js';
import { timelineSection, type TimelineEntry } from './timeline.js';

export const REPORT_KIND = 'trailhound-incident-report';
/**
 * Bumped when the JSON shape changes in a way a reader would notice. 2: `status` is 'contained'
 * only once containment was verified against AWS, `containedAt` is that verification and
 * `detectedAt` the case's first action; `pivots`, `summary.dwellTime` and
 * `summary.workedDuringIncident` are new.
 */
export const REPORT_SCHEMA = 2;

/** The report as data, section by section in the order the documents show them. */
export interface Report {
  kind: typeof REPORT_KIND;
  schema: typeof REPORT_SCHEMA;
  caseId: string;
  generatedAt: string;
  attackVersion: string;
  ipData: { date: string; attribution: string };
  /** Whether presenter-mode masking was applied. */
  redacted: boolean;
  summary: SummarySection;
  /** Every event on the timeline, one entry each (the documents collapse runs of like events). */
  timeline: TimelineEntry[];
  /** Role sessions and tokens the suspects opened, whose events are on the timeline. */
  pivots: ReportPivot[];
  indicators: IndicatorsSection;
  resources: AffectedResource[];
  findings: FindingEntry[];
  actions: ActionEntry[];
  checklist: ChecklistPhase[];
  recommendations: Recommendation[];
  tuning: ReportTuning;
}

export function reportModel(input: ReportInput): Report {
  const timeline = timelineSection(input.case, input.events);
  const findings = findingsSection(input.findings);
  const checklist = checklistSection(input.case, input.steps);
  const report: Report = {
    kind: REPORT_KIND,
    schema: REPORT_SCHEMA,
    caseId: input.case.id,
    generatedAt: input.generatedAt,
    attackVersion: input.attackVersion,
    ipData: { date: input.ipDataDate, attribution },
    redacted: input.redact !== undefined,
    summary: summarySection(input.case, timeline, findings, checklist, input.omittedEvents),
    timeline,
    indicators: indicatorsSection(input.case.suspects, timeline, input.ipFacts, input.pivots),
    pivots: [...(input.pivots ?? [])],
    resources: resourcesSection(timeline),
    findings,
    actions: actionsSection(input.case.audit),
    checklist,
    recommendations: recommendationsSection(findings),
    tuning: input.tuning ?? { used: [], suppressed: 0 },
  };
  return input.redact ? redactStrings(report, input.redact) : report;
}
