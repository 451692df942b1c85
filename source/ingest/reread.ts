import type { RawRecord } from '../trail/event.js';
import { readFailure, readRegularFile } from '../trail/regular-file.js';
import { decodeText, inflate, parseContainer } from './containers.js';
import { PlacedReader, recordText } from './read-pieces.js';
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

  private readonly placed = new PlacedReader();

  async read(fileId: number, recordIndex: number): Promise<RawRecord> {
    const places = this.files[fileId]?.places;
    const record = places
      ? await this.readPlaced(fileId, recordIndex)
      : (await this.recordsOf(fileId))[recordIndex];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new Error(
        `record ${recordIndex} of ${this.files[fileId]?.path ?? 'an unknown file'} is gone or changed since it was loaded`,
      );
    }
    return record as RawRecord;
  }

  /**
   * A record of a file read in pieces, from where it lies: never the whole file as one string
   * (past V8's 2^29 characters that fails). Only a gzip file is read and inflated whole again.
   */
  private async readPlaced(fileId: number, recordIndex: number): Promise<unknown> {
    const file = this.files[fileId]!;
    const places = file.places!;
    if (recordIndex >= places.starts.length) return undefined;
    const start = places.starts[recordIndex]!;
    const length = places.lengths[recordIndex]!;
    let text: string;
    try {
      if (!places.inflated && !file.bytes)
        text = await this.placed.text(
          file.at ?? file.rawPath ?? file.path,
          file.size,
          start,
          length,
        );
      else {
        const b = await this.contentOf(fileId);
        if (start + length > b.length) return undefined;
        text = recordText(b.subarray(start, start + length));
      }
    } catch (error) {
      throw new Error(`${file.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  /** The last big file's content (inflated when gzip): walking its records inflates it once. */
  private content: { fileId: number; bytes: Buffer } | undefined;

  private async contentOf(fileId: number): Promise<Buffer> {
    if (this.content?.fileId === fileId) return this.content.bytes;
    const file = this.files[fileId]!;
    const bytes = file.bytes ?? (await readRegularFile(file.at ?? file.rawPath ?? file.path));
    const content = file.places?.inflated ? inflate(bytes) : { bytes };
    if ('error' in content) throw new Error(content.error);
    const b = Buffer.from(content.bytes.buffer, content.bytes.byteOffset, content.bytes.length);
    this.content = { fileId, bytes: b };
    return b;
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
      bytes = file.bytes ?? (await readRegularFile(file.at ?? file.rawPath ?? file.path));
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
