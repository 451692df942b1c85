import type { RawRecord } from '../trail/event.js';
import type { RecordFacts } from '../trail/record-facts.js';

/**
 * How detection gets the full records of chosen rows: the caller knows where they live (files
 * re-read in worker threads, a live cache, records in memory in tests). Detection never reads
 * files itself.
 */
export interface RecordSource {
  /** Hands over each row's record as it is read; rows whose record is gone are counted. */
  read(
    rows: Uint32Array,
    onRecord: (row: number, record: RawRecord) => void,
    signal?: AbortSignal,
  ): Promise<{ missing: number; problems: string[] }>;
  /**
   * Hands over only each row's facts (extractFacts), when the source can cut them out where
   * the record is read: the rules need a few strings, not the parsed record.
   */
  facts?(
    rows: Uint32Array,
    onFacts: (row: number, facts: RecordFacts) => void,
    signal?: AbortSignal,
  ): Promise<{ missing: number; problems: string[] }>;
}
