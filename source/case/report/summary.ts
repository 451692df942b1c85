import { severityRank, type Severity } from '../../detect/finding.js';
import type { CaseFile, CaseSource } from '../model.js';
import type { ChecklistPhase } from './checklist.js';
import { orNone, type Block, type Fact } from './document.js';
import { counts, type FindingEntry } from './findings.js';
import type { TimelineEntry } from './timeline.js';
import { evidenceSpan, handContainment, incidentTimes } from './incident-times.js';
import { displayTime, type Duration } from './time.js';

export type CaseStatus = 'investigating' | 'contained';

export interface SummarySection {
  title: string;
  /** 'contained' only once a containment was verified against AWS (the audit log says so). */
  status: CaseStatus;
  /** What the status means in words: who verified what, or what was only ticked by hand. */
  statusDetail: string;
  /** Titles of the most severe findings that were not dismissed. */
  what: string[];
  highestSeverity: Severity | null;
  /** First and last event of the incident's evidence (ISO UTC, '' when unknown). */
  firstSuspicious: string;
  lastSuspicious: string;
  /** Attacker dwell time: from the first to the last event of the evidence. */
  dwellTime: Duration | null;
  who: string[];
  /** The case's first recorded action: when someone started working it. */
  detectedAt: string;
  /** Whether that was within a day of the evidence's end (else: analysed after the fact). */
  workedDuringIncident: boolean;
  /** When containment was first verified against AWS ('' when it was not). */
  containedAt: string;
  /** Only when the case was worked during the incident. */
  timeToDetect: Duration | null;
  timeToContain: Duration | null;
  timelineEvents: number;
  /** Events of the suspects beyond what a report holds (see report-input.ts); 0 normally. */
  omittedEvents: number;
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
  omittedEvents = 0,
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

  const span = evidenceSpan(
    timeline.map((entry) => entry.time),
    standing,
  );
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

  const steps = checklist.flatMap((phase) => phase.steps);
  const times = incidentTimes(caseFile, span.first, span.last);
  const contained = times.containedAt !== '';
  return {
    title: caseFile.title,
    status: contained ? 'contained' : 'investigating',
    statusDetail: contained
      ? `containment verified against AWS ${at(times.containedAt)}`
      : handContainment(steps),
    what,
    highestSeverity: top,
    firstSuspicious: span.first,
    lastSuspicious: span.last,
    dwellTime: times.dwellTime,
    who,
    detectedAt: times.firstAction,
    workedDuringIncident: times.duringIncident,
    containedAt: times.containedAt,
    timeToDetect: times.timeToDetect,
    timeToContain: times.timeToContain,
    timelineEvents: timeline.length,
    omittedEvents,
    pinnedEvents: timeline.filter((entry) => entry.pinned).length,
    findings: standing.length,
    dismissedFindings: findings.length - standing.length,
    stepsDone: steps.filter((step) => step.state === 'done').length,
    stepsTotal: steps.length,
    sources: caseFile.sources.map((source) => ({ kind: source.kind, value: source.value })),
  };
}

/** Times to detect and contain, or why they are not given. */
function durationFacts(summary: SummarySection): Fact[] {
  if (!summary.detectedAt)
    return [{ label: 'Time to detect', value: 'not known (the case records no action)' }];
  if (!summary.workedDuringIncident)
    return [
      {
        label: 'Analysed after the fact',
        value: `the evidence ends ${at(summary.lastSuspicious)}; the case was first worked ${at(summary.detectedAt)}, so no time to detect or contain is given`,
      },
    ];
  return [
    {
      label: 'Time to detect',
      value: summary.timeToDetect
        ? `${summary.timeToDetect.text} (case first worked ${at(summary.detectedAt)})`
        : `not known (case first worked ${at(summary.detectedAt)})`,
    },
    {
      label: 'Time to contain',
      value: summary.timeToContain
        ? `${summary.timeToContain.text} (containment verified ${at(summary.containedAt)})`
        : 'not contained yet (no containment verified against AWS)',
    },
  ];
}

function at(iso: string): string {
  return iso ? `${displayTime(iso)} UTC` : 'unknown';
}

export function summaryBlocks(summary: SummarySection): Block[] {
  const items: Fact[] = [
    {
      label: 'Status',
      value: summary.statusDetail ? `${summary.status}: ${summary.statusDetail}` : summary.status,
    },
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
    {
      label: 'Dwell time',
      value: summary.dwellTime
        ? `${summary.dwellTime.text} (first to last event of the evidence)`
        : 'not known',
    },
    { label: 'Who', value: orNone(summary.who.join(', ')) },
    ...durationFacts(summary),
    {
      label: 'Evidence',
      value: `${summary.timelineEvents} events on the timeline (${summary.pinnedEvents} pinned${summary.omittedEvents > 0 ? `; ${summary.omittedEvents} more events of the suspects left out, see the logs` : ''}), ${summary.findings} findings${summary.dismissedFindings > 0 ? ` (and ${summary.dismissedFindings} dismissed)` : ''}, ${summary.stepsDone} of ${summary.stepsTotal} checklist steps done`,
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
