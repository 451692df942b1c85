import type { RawRecord } from '../trail/event.js';

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
}
