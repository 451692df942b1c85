/**
 * What a report is made from. Everything here is plain data so that a report can be written from
 * the case file alone, long after the logs it was opened on are gone.
 */
import type { CaseFile } from '../model.js';
import type { Severity } from '../../detect/finding.js';
import type { IpFacts } from '../../geo/index.js';
import type { ReportPivot } from './suspect-events.js';

/** One event on the timeline: a pinned record, or an event a finding flagged. */
export interface ReportEvent {
  eventId: string;
  /** ISO UTC; '' when the record had no usable time. */
  time: string;
  principal: string;
  sourceIp: string;
  eventName: string;
  /** 'ok', or the error code (or 'Failure' for a failed console sign-in). */
  outcome: string;
  userAgent: string;
  resources: string[];
  pinned: boolean;
  findingTitles: string[];
  /** The access key the call was signed with, when known: an indicator of its own. */
  accessKeyId?: string;
}

export interface ReportFinding {
  ruleId: string;
  title: string;
  severity: Severity;
  techniques: string[];
  principal: string;
  /** ISO UTC of the first and last evidence event. */
  first: string;
  last: string;
  summary: string;
  verdict?: 'acknowledged' | 'dismissed';
  verdictReason?: string;
  /** Kept wherever a Sigma rule's finding is shown, as the rule's licence asks. */
  sigma?: { title?: string; author: string; references: string[] };
}

/** A playbook step as the checklist section needs it: where it sits and what it is called. */
export interface ReportStep {
  id: string;
  phase: number;
  phaseTitle: string;
  title: string;
}

/** What tuning did to the findings: the entries in force, one line each, and how many it hid. */
export interface ReportTuning {
  used: string[];
  suppressed: number;
}

export interface ReportInput {
  case: CaseFile;
  /** The tuning in force (one line per entry) and how many findings it hid. */
  tuning?: ReportTuning;

  /** ISO UTC. */
  generatedAt: string;
  events: ReportEvent[];
  /** Sessions the suspects opened (AssumeRole and the like), whose events are on the timeline. */
  pivots?: ReportPivot[];
  /** Events of the suspects the report could not hold (see report-input.ts). */
  omittedEvents?: number;
  findings: ReportFinding[];
  steps: ReportStep[];
  ipFacts: (ip: string) => IpFacts;
  ipDataDate: string;
  attackVersion: string;
  /**
   * Presenter mode: masks account ids, key ids and addresses. Applied to every text of the
   * finished report, so no value can slip past it by living in an unexpected field.
   */
  redact?: (text: string) => string;
}
