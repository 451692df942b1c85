/**
 * Incident reports: the case (and whatever the logs still tell) as Markdown, HTML or JSON.
 * reportModel is the data; the documents are laid out once and written per format, with every
 * value escaped for that format (see markdown-escape.ts and html-escape.ts).
 */
export type { ReportEvent, ReportFinding, ReportInput, ReportStep } from './input.js';
export { eventFromRecord } from './event-from-record.js';
export { suspectRows, type ReportPivot, type SuspectRows } from './suspect-events.js';
export { reportModel, REPORT_KIND, REPORT_SCHEMA, type Report } from './report-model.js';
export type { SummarySection, CaseStatus } from './summary.js';
export type { TimelineEntry } from './timeline.js';
export type {
  IndicatorsSection,
  PrincipalIndicator,
  AccessKeyIndicator,
  IpIndicator,
  UserAgentIndicator,
} from './indicators.js';
export type { AffectedResource } from './resources.js';
export type { FindingEntry, TechniqueEntry } from './findings.js';
export type { ActionEntry } from './actions.js';
export type { ChecklistPhase, ChecklistStep } from './checklist.js';
export { isContainmentStep } from './checklist.js';
export type { Recommendation } from './recommendations.js';
export type { Duration } from './time.js';
export { renderMarkdown } from './markdown.js';
export { markdownText } from './markdown-escape.js';
export { renderHtml } from './html.js';
export { htmlText } from './html-escape.js';
export { renderJson } from './json.js';
export { renderText, wrap, TEXT_WIDTH } from './text.js';
export { renderReport, reportFormatOf, REPORT_FORMATS, type ReportFormat } from './formats.js';
