import type { RawRecord } from '../trail/event.js';
import { fetchRecords } from './fetch-records.js';
import type { SourceFile } from './source-file.js';

/** Where a row's record lives: what the index keeps for each row. */
export type LocateRow = (row: number) => { fileId: number; recordIndex: number };

/**
 * Reads the full records of index rows in bulk, off the main thread: rows are grouped by file
 * so each file is opened once, whatever the order the rows came in.
 */
export function rowRecords(files: readonly SourceFile[], locate: LocateRow, workers?: number) {
  return {
    async read(
      rows: Uint32Array,
      onRecord: (row: number, record: RawRecord) => void,
      signal?: AbortSignal,
    ): Promise<{ missing: number; problems: string[] }> {
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
    },
  };
}
