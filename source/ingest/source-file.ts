/** One input file and what became of it. */
export interface SourceFile {
  id: number;
  /** The path as found, or '-' for standard input. */
  path: string;
  /** Size in bytes, for batching work and progress. */
  size: number;
  /** Standard input has no path to re-read: its bytes are kept. */
  bytes?: Uint8Array;
}

export type FileStatus = 'loaded' | 'skipped' | 'failed';

export interface FileReport {
  path: string;
  status: FileStatus;
  /** Why it was skipped or failed, in words for the analyst. */
  reason?: string;
  /** Records that became events (before duplicates are dropped). */
  events: number;
  /** Records inside the file that were not events (not an object, no or bad eventTime). */
  malformed: number;
  /** The first few malformed records, each named with why: `record 3: no eventTime`. */
  malformedReasons?: string[];
}
