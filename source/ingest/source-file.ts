import type { RecordPlaces } from './read-pieces.js';

/** One input file and what became of it. */
export interface SourceFile {
  id: number;
  /** The path as found, or '-' for standard input; a name that is not UTF-8 shown escaped. */
  path: string;
  /**
   * The path's bytes, when its name is not valid UTF-8 (`path` then shows it as `caf\xe9.json`
   * and names no file): what the file is opened and re-read by. Absent for every other path.
   */
  rawPath?: Uint8Array;
  /** Size in bytes, for batching work and progress. */
  size: number;
  /** Standard input has no path to re-read: its bytes are kept (up to read-whole)... */
  bytes?: Uint8Array;
  /** ...or spooled to a private temp file, read from here (`path` stays '-'). */
  at?: string;
  /** Set once a file read in pieces is loaded: where each record lies, to re-read it. */
  places?: RecordPlaces;
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
