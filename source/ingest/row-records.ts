import type { RawRecord } from '../trail/event.js';
import type { RecordFacts } from '../trail/record-facts.js';
import { fetchRecords } from './fetch-records.js';
import type { SourceFile } from './source-file.js';

/** Where a row's record lives: what the index keeps for each row. */
export type LocateRow = (row: number) => { fileId: number; recordIndex: number };

/**
 * Reads the full records of index rows in bulk, off the main thread: rows are grouped by file
 * so each file is opened once, whatever the order the rows came in.
 */
export function rowRecords(files: readonly SourceFile[], locate: LocateRow, workers?: number) {
  const fetchRows = async (
    rows: Uint32Array,
    onRecord: (row: number, record: RawRecord) => void,
    signal: AbortSignal | undefined,
    extract: 'facts' | undefined,
  ): Promise<{ missing: number; problems: string[] }> => {
    const byFile = new Map<number, Map<number, number>>();
    for (const row of rows) {
      const { fileId, recordIndex } = locate(row);
      let rowsOfFile = byFile.get(fileId);
      if (!rowsOfFile) byFile.set(fileId, (rowsOfFile = new Map()));
      rowsOfFile.set(recordIndex, row);
    }
    const requests = [...byFile].map(([fileId, rowsOfFile]) => ({
      fileId,
      recordIndexes: Uint32Array.from(rowsOfFile.keys()).sort(),
    }));
    let delivered = 0;
    const result = await fetchRecords(files, requests, {
      ...(workers === undefined ? {} : { workers }),
      ...(signal ? { signal } : {}),
      ...(extract ? { extract } : {}),
      onRecords: (batch) => {
        const rowsOfFile = byFile.get(batch.fileId)!;
        batch.records.forEach((record, i) => {
          const row = rowsOfFile.get(batch.recordIndexes[i]!);
          if (row === undefined) return;
          delivered++;
          onRecord(row, record);
        });
      },
    });
    return {
      missing: rows.length - delivered,
      problems: result.failures.map((failure) => `${failure.path}: ${failure.reason}`),
    };
  };
  return {
    read: (
      rows: Uint32Array,
      onRecord: (row: number, record: RawRecord) => void,
      signal?: AbortSignal,
    ) => fetchRows(rows, onRecord, signal, undefined),
    /** Only the facts the rules read, cut out in the fetch threads: far less to parse here. */
    facts: (
      rows: Uint32Array,
      onFacts: (row: number, facts: RecordFacts) => void,
      signal?: AbortSignal,
    ) =>
      fetchRows(
        rows,
        (row, facts) => {
          if ('eventId' in facts) onFacts(row, facts as unknown as RecordFacts);
        },
        signal,
        'facts',
      ),
  };
}
