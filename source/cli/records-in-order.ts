import type { EventIndex } from '../index/index.js';
import { RecordReader, type SourceFile } from '../ingest/index.js';
import type { RawRecord } from '../trail/event.js';

/** Records held at once while writing: enough to read each file once per window. */
const WINDOW = 20_000;

/**
 * Yields the full records of `rows` in their (time) order. Rows in time order hop between files
 * (regions and accounts interleave), so records are fetched a window at a time, file by file:
 * each file is parsed once per window instead of once per row.
 */
export async function* recordsInOrder(
  index: EventIndex,
  files: readonly SourceFile[],
  rows: Uint32Array,
): AsyncGenerator<RawRecord> {
  const reader = new RecordReader(files, 2);
  for (let start = 0; start < rows.length; start += WINDOW) {
    const window = rows.subarray(start, Math.min(rows.length, start + WINDOW));
    const byFile = new Map<number, number[]>();
    window.forEach((row, position) => {
      const { fileId } = index.location(row);
      let positions = byFile.get(fileId);
      if (!positions) byFile.set(fileId, (positions = []));
      positions.push(position);
    });
    const records: RawRecord[] = new Array(window.length);
    for (const [fileId, positions] of byFile) {
      // In file order: a big file's records are read from where they lie, a block at a time.
      const at = (position: number) => index.location(window[position]!).recordIndex;
      positions.sort((a, b) => at(a) - at(b));
      for (const position of positions) records[position] = await reader.read(fileId, at(position));
    }
    yield* records;
  }
}
