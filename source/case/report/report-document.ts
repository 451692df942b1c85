import { actionsBlocks } from './actions.js';
import { checklistBlocks } from './checklist.js';
import type { ReportDocument } from './document.js';
import { findingsBlocks, tuningBlocks } from './findings.js';
import { indicatorsBlocks } from './indicators.js';
import { recommendationsBlocks } from './recommendations.js';
import type { Report } from './report-model.js';
import { resourcesBlocks } from './resources.js';
import { summaryBlocks } from './summary.js';
import { displayTime } from './time.js';
import { timelineBlocks } from './timeline.js';

/**
 * The report laid out for people, in the section order the design asks for. `collapse` folds
 * runs of like events into one timeline row (Markdown and text, read top to bottom); HTML keeps
 * every event.
 */
export function reportDocument(report: Report, collapse = true): ReportDocument {
  return {
    title: `Incident report: ${report.summary.title}`,
    subtitle: `Case ${report.caseId}, generated ${displayTime(report.generatedAt)} UTC by trailhound${report.redacted ? ' (presenter mode: account ids, keys and addresses masked)' : ''}. All times are UTC.`,
    blocks: [
      ...summaryBlocks(report.summary),
      ...timelineBlocks(report.timeline, collapse),
      ...indicatorsBlocks(report.indicators, report.ipData.date, report.ipData.attribution),
      ...resourcesBlocks(report.resources),
      ...findingsBlocks(report.findings, report.attackVersion),
      ...tuningBlocks(report.tuning),
      ...actionsBlocks(report.actions),
      ...checklistBlocks(report.checklist),
      ...recommendationsBlocks(report.recommendations),
    ],
  };
}
