import type { RawRecord } from '../trail/event.js';
import { readFailure, readRegularFile } from '../trail/regular-file.js';
import { decodeText, parseContainer } from './containers.js';
import type { SourceFile } from './source-file.js';

/**
 * Fetches one full record on demand from the file it came from. The index keeps only columns,
 * so the detail pane costs one file read and parse; recently read files stay parsed, since an
 * analyst walking the stream reads neighbours from the same file.
 */
export class RecordReader {
  private readonly cache = new Map<number, unknown[]>();

  constructor(
    private readonly files: readonly SourceFile[],
    private readonly cacheSize = 8,
  ) {}

  async read(fileId: number, recordIndex: number): Promise<RawRecord> {
    const records = await this.recordsOf(fileId);
    const record = records[recordIndex];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new Error(
        `record ${recordIndex} of ${this.files[fileId]?.path ?? 'an unknown file'} is gone or changed since it was loaded`,
      );
    }
    return record as RawRecord;
  }

  private async recordsOf(fileId: number): Promise<unknown[]> {
    const cached = this.cache.get(fileId);
    if (cached) {
      this.cache.delete(fileId);
      this.cache.set(fileId, cached);
      return cached;
    }
    const file = this.files[fileId];
    if (!file) throw new Error(`no source file ${fileId}`);
    let bytes: Uint8Array;
    try {
      // Only a regular file, opened non-blocking: a FIFO swapped in is refused, not waited on.
      bytes = file.bytes ?? (await readRegularFile(file.rawPath ?? file.path));
    } catch (error) {
      throw new Error(`${file.path}: ${readFailure(error)}`);
    }
    const decoded = decodeText(bytes);
    if ('error' in decoded) throw new Error(`${file.path}: ${decoded.error}`);
    const container = parseContainer(decoded.text);
    if (container.kind !== 'events') throw new Error(`${file.path}: no longer holds events`);
    this.cache.set(fileId, container.records);
    if (this.cache.size > this.cacheSize)
      this.cache.delete(this.cache.keys().next().value as number);
    return container.records;
  }
}
