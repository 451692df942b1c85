import type { Finding, RecordFacts } from '../detect/index.js';
import type { IndexSnapshot } from '../index/index.js';
import type { SourceFile } from '../ingest/index.js';

/** What the detection thread is given: a frozen index, where records live, which Sigma rules. */
export interface DetectionRequest {
  snapshot: IndexSnapshot;
  files: readonly SourceFile[];
  /** Sigma rule paths (the thread loads them itself: compiled rules do not cross threads). */
  sigmaPaths: string[];
  /** Fetch threads for re-reading records. */
  workers: number | undefined;
}

export type DetectionReply =
  | { type: 'findings'; findings: Finding[] }
  | {
      type: 'done';
      findings: Finding[];
      facts: Map<number, RecordFacts>;
      timings: Record<string, number>;
      problems: string[];
    }
  | { type: 'failed'; message: string };
