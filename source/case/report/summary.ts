import { severityRank, type Severity } from '../../detect/finding.js';
import type { CaseFile, CaseSource } from '../model.js';
import type { ChecklistPhase } from './checklist.js';
import { stateWords } from './checklist.js';
import { orNone, type Block, type Fact } from './document.js';
import { counts, type FindingEntry } from './findings.js';
import type { TimelineEntry } from './timeline.js';
import { displayTime, durationBetween, earliest, latest, type Duration } from './time.js';

export type CaseStatus = 'investigating' | 'contained';

export interface SummarySection {
  title: string;
  status: CaseStatus;
  /** Titles of the most severe findings that were not dismissed. */
  what: string[];
  highestSeverity: Severity | null;
  /** First and last suspicious event (ISO UTC, '' when unknown). */
  firstSuspicious: string;
  lastSuspicious: string;
  who: string[];
  /** When the analyst first acted on it: a finding acknowledged or a step begun. */
  detectedAt: string;
  /** When the first containment step was done. */
  containedAt: string;
  timeToDetect: Duration | null;
  timeToContain: Duration | null;
  timelineEvents: number;
  pinnedEvents: number;
  findings: number;
  dismissedFindings: number;
  stepsDone: number;
  stepsTotal: number;
  sources: CaseSource[];
}

/** How many distinct titles "what" lists before it stops. */
const WHAT_LIMIT = 5;

export function summarySection(
  caseFile: CaseFile,
  timeline: TimelineEntry[],
  findings: FindingEntry[],
  checklist: ChecklistPhase[],
): SummarySection {
  const standing = findings.filter(counts);
  const top = standing.reduce<Severity | null>(
    (best, finding) =>
      best === null || severityRank(finding.severity) > severityRank(best)
        ? finding.severity
        : best,
    null,
  );
  const mostSevere = standing.filter((finding) => finding.severity === top);
  const what = [...new Set(mostSevere.map((finding) => finding.title))].slice(0, WHAT_LIMIT);

  const firstSuspicious =
    earliest([...timeline.map((entry) => entry.time), ...standing.map((f) => f.first)]) ?? '';
  const lastSuspicious =
    latest([...timeline.map((entry) => entry.time), ...standing.map((f) => f.last)]) ?? '';

  const suspects = caseFile.suspects
    .filter((suspect) => suspect.kind === 'principal' && suspect.value !== '')
    .map((suspect) => suspect.value);
  // With nobody marked yet, the principals of the worst findings are the best answer to "who".
  const who = [
    ...new Set(
      suspects.length > 0
        ? suspects
        : mostSevere.map((finding) => finding.principal).filter((name) => name !== ''),
    ),
  ];

  const acknowledged = Object.values(caseFile.findings)
    .filter((review) => review.verdict === 'acknowledged')
    .map((review) => review.at);
  const stepsBegun = Object.values(caseFile.steps)
    .filter((progress) => progress.state !== 'todo')
    .map((progress) => progress.changedAt);
  const detectedAt = earliest([...acknowledged, ...stepsBegun]) ?? '';

  const steps = checklist.flatMap((phase) => phase.steps);
  const containedAt =
    earliest(
      steps
        .filter((step) => step.containment && step.state === 'done')
        .map((step) => step.changedAt),
    ) ?? '';

  return {
    title: caseFile.title,
    status: containedAt ? 'contained' : 'investigating',
    what,
    highestSeverity: top,
    firstSuspicious,
    lastSuspicious,
    who,
    detectedAt,
    containedAt,
    timeToDetect: durationBetween(firstSuspicious || undefined, detectedAt || undefined) ?? null,
    timeToContain: durationBetween(firstSuspicious || undefined, containedAt || undefined) ?? null,
    timelineEvents: timeline.length,
    pinnedEvents: timeline.filter((entry) => entry.pinned).length,
    findings: standing.length,
    dismissedFindings: findings.length - standing.length,
    stepsDone: steps.filter((step) => step.state === 'done').length,
    stepsTotal: steps.length,
    sources: caseFile.sources.map((source) => ({ kind: source.kind, value: source.value })),
  };
}

function at(iso: string): string {
  return iso ? `${displayTime(iso)} UTC` : 'unknown';
}

export function summaryBlocks(summary: SummarySection): Block[] {
  const items: Fact[] = [
    { label: 'Status', value: summary.status },
    {
      label: 'What',
      value:
        summary.what.length > 0
          ? `${summary.highestSeverity ?? ''} severity: ${summary.what.join('; ')}`
          : 'no findings (detections did not run, or found nothing that was not dismissed)',
    },
    {
      label: 'When',
      value: summary.firstSuspicious
        ? `first suspicious event ${at(summary.firstSuspicious)}, last ${at(summary.lastSuspicious)}`
        : 'unknown',
    },
    { label: 'Who', value: orNone(summary.who.join(', ')) },
    {
      label: 'Time to detect',
      value: summary.timeToDetect
        ? `${summary.timeToDetect.text} (first acted on ${at(summary.detectedAt)})`
        : 'not known',
    },
    {
      label: 'Time to contain',
      value: summary.timeToContain
        ? `${summary.timeToContain.text} (first containment step ${stateWords('done')} ${at(summary.containedAt)})`
        : 'not contained yet',
    },
    {
      label: 'Evidence',
      value: `${summary.timelineEvents} events on the timeline (${summary.pinnedEvents} pinned), ${summary.findings} findings${summary.dismissedFindings > 0 ? ` (and ${summary.dismissedFindings} dismissed)` : ''}, ${summary.stepsDone} of ${summary.stepsTotal} checklist steps done`,
    },
    {
      label: 'Sources',
      value: orNone(summary.sources.map((source) => `${source.kind}: ${source.value}`).join('; ')),
    },
  ];
  return [
    { kind: 'heading', level: 2, text: 'Summary' },
    { kind: 'facts', items },
  ];
}
