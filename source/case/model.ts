/**
 * The case: everything an analyst decides during an incident, kept together and saved on every
 * change. It holds what the logs cannot: which sources were opened, what is suspect, the
 * evidence pinned (whole records, so a report needs no logs), notes, checklist progress,
 * verdicts on findings, and an append-only audit log.
 */

import type { TuningEntry } from '../detect/tuning/model.js';

/** Bumped when the shape changes; a newer file is refused, never half-read. */
export const CASE_SCHEMA_VERSION = 1;

export type SuspectKind = 'principal' | 'ip' | 'key';

export interface Suspect {
  kind: SuspectKind;
  value: string;
  /** UTC ISO time it was marked. */
  markedAt: string;
  note: string;
}

export interface PinnedEvent {
  /** CloudTrail eventID ('' when the record has none). */
  eventId: string;
  /** eventTime as the record has it, for sorting without parsing the record. */
  eventTime: string;
  /** The full record as re-read from its file (secrets already redacted). */
  record: Record<string, unknown>;
  pinnedAt: string;
  note: string;
}

export type StepState = 'todo' | 'in-progress' | 'done' | 'skipped' | 'not-applicable';

export interface StepProgress {
  state: StepState;
  /** Why it was skipped (required for 'skipped'). */
  reason: string;
  note: string;
  /** eventIDs of pinned evidence the analyst linked to the step. */
  evidence: string[];
  changedBy: string;
  changedAt: string;
}

export type FindingVerdict = 'acknowledged' | 'dismissed';

export interface FindingReview {
  verdict: FindingVerdict;
  reason: string;
  at: string;
  by: string;
}

export interface AuditEntry {
  /** UTC ISO time. */
  at: string;
  /** Who: the OS user (and, for AWS calls, the caller identity). */
  by: string;
  /** What, as a short verb phrase: 'pinned event', 'marked suspect', 'step done', … */
  action: string;
  detail: string;
}

/** Where the analyst was, so reopening the case puts them back. */
export interface CaseView {
  filter: string;
  /** eventID of the selected event. */
  selectedEventId: string;
  pane: 'stream' | 'detail';
  /**
   * The stream lists the newest event first (`o`), as CloudTrail's Event history does. Absent in
   * cases saved before it existed: oldest first.
   */
  newestFirst?: boolean;
}

export interface CaseSource {
  kind: 'path' | 'live' | 's3';
  /**
   * A file or directory path; a description of the live parameters; or a bucket's URI with the
   * window it was read with as query parameters (`s3://b/?since=…&until=…&regions=…`, see
   * ingest/source-uri.ts), so a reopen reads the same objects.
   */
  value: string;
}

/**
 * The explicit baseline (`--baseline-until`, `--baseline`), kept so a reopened case judges "new"
 * against the same history. Absent in cases saved before it existed, and when none was given.
 */
export interface CaseBaseline {
  /** As given: a UTC time (ISO), or a span before the trail's newest event (`7d`). */
  until?: string;
  /** Earlier exports used only to learn, as absolute paths (like `sources`). */
  sources: CaseSource[];
}

export interface CaseFile {
  schema: typeof CASE_SCHEMA_VERSION;
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  sources: CaseSource[];
  suspects: Suspect[];
  pinned: PinnedEvent[];
  /** Notes on events, by eventID. */
  eventNotes: Record<string, string>;
  /** Checklist progress, by step id. */
  steps: Record<string, StepProgress>;
  /** Verdicts on findings, by finding key. */
  findings: Record<string, FindingReview>;
  audit: AuditEntry[];
  view: CaseView;
  /**
   * Tuning kept with the case (known networks, roles, accounts, suppressions a dismissal wrote,
   * Sigma filters): applied whenever the case is open. Absent in cases saved before it existed.
   */
  tuning?: TuningEntry[];
  baseline?: CaseBaseline;
}

export function emptyCase(id: string, title: string, now: Date): CaseFile {
  const at = now.toISOString();
  return {
    schema: CASE_SCHEMA_VERSION,
    id,
    title,
    createdAt: at,
    updatedAt: at,
    sources: [],
    suspects: [],
    pinned: [],
    eventNotes: {},
    steps: {},
    findings: {},
    audit: [],
    view: { filter: '', selectedEventId: '', pane: 'stream' },
    tuning: [],
  };
}
