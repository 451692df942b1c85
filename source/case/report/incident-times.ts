/**
 * The durations a report states, and the containment status, from the evidence and the case's
 * own record of what was done. Nothing here reads the clock: a report written a year later must
 * say the same thing about the incident.
 */
import type { AuditEntry, CaseFile } from '../model.js';
import type { ChecklistStep } from './checklist.js';
import { durationBetween, earliest, epoch, latest, type Duration } from './time.js';

/** A case first acted on within this long after the evidence ends was worked during the incident. */
export const DURING_INCIDENT_MS = 24 * 3600_000;

export interface IncidentTimes {
  /** Attacker dwell time: first to last event of the incident's evidence. */
  dwellTime: Duration | null;
  /** ISO UTC of the case's first recorded action ('' when it has none). */
  firstAction: string;
  /**
   * Whether the case was worked while the incident was going on (its first action within a day
   * of the evidence's end); when not, it was analysed after the fact and the times to detect and
   * contain mean nothing.
   */
  duringIncident: boolean;
  /** ISO UTC of the first containment verified against AWS ('' when none was). */
  containedAt: string;
  timeToDetect: Duration | null;
  timeToContain: Duration | null;
}

/**
 * A containment the audit log shows as read back from AWS: the TUI writes "containment
 * verified", `trailhound contain` writes "verified ACTION" with each check's outcome.
 */
export function isVerifiedContainment(entry: AuditEntry): boolean {
  if (entry.action === 'containment verified') return true;
  return /^verified /.test(entry.action) && !/\bFAILED\b/.test(entry.detail);
}

export function incidentTimes(caseFile: CaseFile, first: string, last: string): IncidentTimes {
  const firstAction =
    earliest([
      ...caseFile.audit.map((entry) => entry.at),
      ...Object.values(caseFile.findings).map((review) => review.at),
      ...Object.values(caseFile.steps)
        .filter((progress) => progress.state !== 'todo')
        .map((progress) => progress.changedAt),
    ]) ?? '';
  const containedAt =
    earliest(caseFile.audit.filter(isVerifiedContainment).map((entry) => entry.at)) ?? '';
  const duringIncident =
    firstAction !== '' && last !== '' && epoch(firstAction) - epoch(last) <= DURING_INCIDENT_MS;
  const from = first || undefined;
  return {
    dwellTime: durationBetween(from, last || undefined) ?? null,
    firstAction,
    duringIncident,
    containedAt,
    timeToDetect: duringIncident ? (durationBetween(from, firstAction) ?? null) : null,
    timeToContain:
      duringIncident && containedAt ? (durationBetween(from, containedAt) ?? null) : null,
  };
}

/** The span of the incident's evidence: its timeline, else (no timeline) its findings. */
export function evidenceSpan(
  timelineTimes: string[],
  findingSpans: { first: string; last: string }[],
): { first: string; last: string } {
  const times =
    timelineTimes.length > 0
      ? timelineTimes
      : findingSpans.flatMap((finding) => [finding.first, finding.last]);
  return { first: earliest(times) ?? '', last: latest(times) ?? '' };
}

/** "2 of 7 containment steps marked done by hand, none verified", or '' when none are done. */
export function handContainment(steps: ChecklistStep[]): string {
  const containment = steps.filter((step) => step.containment);
  const done = containment.filter((step) => step.state === 'done').length;
  if (done === 0) return '';
  return `${done} of ${containment.length} containment step${containment.length === 1 ? '' : 's'} marked done by hand, none verified`;
}
