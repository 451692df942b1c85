import type { Finding, RecordFacts } from '../detect/index.js';
import type { IndexSnapshot } from '../index/index.js';
import type { SourceFile } from '../ingest/index.js';
import type { Limits } from '../trail/limits.js';

/** What the detection thread is given: a frozen index, where records live, which Sigma rules. */
export interface DetectionRequest {
  snapshot: IndexSnapshot;
  files: readonly SourceFile[];
  /** Sigma rule paths (the thread loads them itself: compiled rules do not cross threads). */
  sigmaPaths: string[];
  /** Fetch threads for re-reading records. */
  workers: number | undefined;
  /** The bounds in force on the UI thread (a thread does not share its module state). */
  limits: Limits;
  /** Sigma rules earlier runs disabled for blowing their budget: id → the line saying so. */
  sigmaDisabled: [string, string][];
  /** Tuning's Sigma filter documents (compiled there) and known networks, for the baseline. */
  filterDocuments?: Record<string, unknown>[];
  knownNetworks?: string[];
  /**
   * `--baseline-until` (resolved) and a frozen copy of the `--baseline` sources' own index: the
   * detections learn from it, and nothing of it is a finding's evidence.
   */
  baseline?: { until?: number; learnFrom?: IndexSnapshot };
}

/**
 * The dictionaries' strings follow the request in slices: cloning a few hundred thousand strings
 * in one message would hold the UI thread for a noticeable moment.
 */
export interface DictionarySlice {
  type: 'values';
  field: number;
  /** Set when the values are the learn-only index's (the baseline's), not the trail's. */
  learnOnly?: true;
  values: string[];
  /** Set on the last slice of the last dictionary. */
  done: boolean;
}

export type DetectionReply =
  /** Findings not sent before (the thread sends each once). */
  | { type: 'findings'; findings: Finding[] }
  | { type: 'facts'; facts: [number, RecordFacts][] }
  | {
      type: 'done';
      timings: Record<string, number>;
      problems: string[];
      /** Every rule disabled so far, this run's included. */
      sigmaDisabled: [string, string][];
    }
  | { type: 'failed'; message: string };
