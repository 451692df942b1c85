import { isAscii } from 'node:buffer';
import { closeSync, readSync } from 'node:fs';
import { formatLimit, limits, type Limits } from '../trail/limits.js';
import { openRegular, openRegularSync, readFailure, type FilePath } from '../trail/regular-file.js';
import { RecordSplitter } from './record-splitter.js';

/**
 * Files bigger than `whole` bytes (after gunzip, for a .gz) are never held whole: a plain file is
 * read `piece` bytes at a time and its records cut out as they come (record-splitter.ts), and
 * each record is found again later by where it lies, not by reading the file again. Smaller
 * files are read whole, the fast way.
 */
export interface ReadBounds {
  whole: number;
  piece: number;
  /** A record longer than this is malformed: counted and named, never held. */
  recordBytes: number;
}

/** Pieces stay this small whatever read-whole says: memory is one piece and one record. */
const MAX_PIECE = 16 * 1024 * 1024;

export function readBounds(bounds: Limits = limits()): ReadBounds {
  return {
    whole: bounds.readWhole,
    piece: Math.max(1, Math.min(bounds.readWhole, MAX_PIECE)),
    recordBytes: bounds.recordBytes,
  };
}

/**
 * Where each record of a file read in pieces lies (byte offset and length, in the file or in
 * its inflated bytes), by its index in the file: what re-reading one record takes.
 */
export interface RecordPlaces {
  starts: Float64Array;
  lengths: Float64Array;
  /** The offsets count in the file's inflated bytes (it is gzip), not in the file. */
  inflated?: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function bomLength(bytes: Uint8Array): number {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte) ? UTF8_BOM.length : 0;
}

/** A record's text from its bytes: Latin-1 when it is ASCII (no UTF-8 checks), else UTF-8. */
export function recordText(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

class PlacesBuilder {
  private starts = new Float64Array(1024);
  private lengths = new Float64Array(1024);
  private count = 0;

  add(index: number, start: number, end: number): void {
    if (index >= this.starts.length) {
      const size = this.starts.length * 2;
      const starts = new Float64Array(size);
      const lengths = new Float64Array(size);
      starts.set(this.starts);
      lengths.set(this.lengths);
      this.starts = starts;
      this.lengths = lengths;
    }
    this.starts[index] = start;
    this.lengths[index] = end - start;
    this.count = Math.max(this.count, index + 1);
  }

  take(): RecordPlaces {
    return { starts: this.starts.slice(0, this.count), lengths: this.lengths.slice(0, this.count) };
  }
}

export interface PieceCounts {
  events: number;
  malformed: number;
  /** Why records were malformed, when it can be said (records over the size bound). */
  reason?: string;
  places: RecordPlaces;
}

/**
 * Loads a file (by path) or bytes in hand in pieces: each record cut out is parsed on its own
 * and given to `add` with its index; where each lies is kept for re-reading it.
 */
export function loadInPieces(
  source: { path: FilePath } | { bytes: Uint8Array },
  bounds: ReadBounds,
  add: (record: unknown, index: number) => boolean,
): PieceCounts | { error: string } {
  const places = new PlacesBuilder();
  let events = 0;
  let malformed = 0;
  let oversized = 0;
  const splitter = (startAt: number) =>
    new RecordSplitter(
      bounds.recordBytes,
      (index, start, end, bytes) => {
        places.add(index, start, end);
        let record: unknown;
        if (bytes === undefined) oversized++;
        else {
          try {
            record = JSON.parse(recordText(bytes));
          } catch {
            record = undefined;
          }
        }
        if (record !== undefined && add(record, index)) events++;
        else malformed++;
      },
      startAt,
    );
  if ('bytes' in source) {
    const bytes = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length);
    const bom = bomLength(bytes);
    const split = splitter(bom);
    for (let at = bom; at < bytes.length; at += bounds.piece)
      split.push(bytes.subarray(at, Math.min(bytes.length, at + bounds.piece)));
    split.end();
  } else {
    const read = eachPiece(source.path, bounds.piece, splitter);
    if (read) return { error: read };
  }
  const counts: PieceCounts = { events, malformed, places: places.take() };
  if (oversized > 0)
    counts.reason = `${oversized} record(s) larger than ${formatLimit('bytes', bounds.recordBytes)} (--limit record-bytes) counted as malformed`;
  return counts;
}

/** Feeds a file to a splitter a piece at a time; the reason when it cannot be read. */
function eachPiece(
  path: FilePath,
  pieceBytes: number,
  splitter: (startAt: number) => RecordSplitter,
): string | undefined {
  let fd: number;
  try {
    // Only a regular file, opened non-blocking (see regular-file.ts).
    fd = openRegularSync(path).fd;
  } catch (error) {
    return readFailure(error);
  }
  try {
    const buffer = Buffer.allocUnsafe(pieceBytes);
    let got = readSync(fd, buffer, 0, pieceBytes, null);
    const bom = bomLength(buffer.subarray(0, got));
    const split = splitter(bom);
    let from = bom;
    while (got > 0) {
      split.push(buffer.subarray(from, got));
      from = 0;
      got = readSync(fd, buffer, 0, pieceBytes, null);
    }
    split.end();
    return undefined;
  } catch (error) {
    return readFailure(error);
  } finally {
    closeSync(fd);
  }
}

/** Records read again are read this much at a time, so neighbours cost one read between them. */
const BLOCK = 1024 * 1024;

function changed(why: string): { reason: string } {
  return { reason: `changed since it was loaded (${why})` };
}

/**
 * The wanted records' texts from where they lie. `content` is the bytes the places count in (a
 * file's inflated bytes, or standard input's), or else the file at `path`, read a block at a time
 * from each record's offset. `wanted` is ascending, as a fetch asks.
 */
export function textsByPlaces(
  places: RecordPlaces,
  wanted: ArrayLike<number>,
  from: { content: Uint8Array } | { path: FilePath; size: number },
): { texts: string[] } | { reason: string } {
  const texts = new Array<string>(wanted.length);
  const check = (index: number) =>
    index < places.starts.length
      ? undefined
      : changed(`record ${index} wanted, it holds ${places.starts.length}`);
  if ('content' in from) {
    const content = Buffer.from(from.content.buffer, from.content.byteOffset, from.content.length);
    for (let i = 0; i < wanted.length; i++) {
      const index = wanted[i]!;
      const bad = check(index);
      if (bad) return bad;
      const start = places.starts[index]!;
      const end = start + places.lengths[index]!;
      if (end > content.length) return changed(`record ${index} lies past its end`);
      texts[i] = recordText(content.subarray(start, end));
    }
    return { texts };
  }
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openRegularSync(from.path));
  } catch (error) {
    return { reason: readFailure(error) };
  }
  try {
    if (size !== from.size) return changed(`${size} bytes, was ${from.size}`);
    const block = new Block();
    const read = (buffer: Buffer, at: number) => readSync(fd, buffer, 0, buffer.length, at);
    for (let i = 0; i < wanted.length; i++) {
      const index = wanted[i]!;
      const bad = check(index);
      if (bad) return bad;
      const length = places.lengths[index]!;
      const bytes = block.get(places.starts[index]!, length, size, read);
      if (bytes.length !== length) return changed(`record ${index} cut short`);
      texts[i] = recordText(bytes);
    }
    return { texts };
  } catch (error) {
    return { reason: readFailure(error) };
  } finally {
    closeSync(fd);
  }
}

/** The last block read of a file: records next to each other come from one read. */
class Block {
  private bytes: Buffer = Buffer.alloc(0);
  private at = 0;

  covers(start: number, length: number): boolean {
    return start >= this.at && start + length <= this.at + this.bytes.length;
  }

  slice(start: number, length: number): Buffer {
    return this.bytes.subarray(start - this.at, start - this.at + length);
  }

  /** Room for the record and the block after it (never past the file's end). */
  room(start: number, length: number, size: number): Buffer {
    return Buffer.allocUnsafe(Math.max(0, Math.min(Math.max(length, BLOCK), size - start)));
  }

  filled(buffer: Buffer, got: number, start: number): void {
    this.bytes = buffer.subarray(0, got);
    this.at = start;
  }

  get(start: number, length: number, size: number, read: (b: Buffer, at: number) => number) {
    if (!this.covers(start, length)) {
      const buffer = this.room(start, length, size);
      this.filled(buffer, read(buffer, start), start);
    }
    return this.slice(start, length);
  }
}

/**
 * Records read again one at a time from where they lie in their file, for the detail pane and
 * `events --format jsonl`: a record next to the last one read comes from the block already read.
 */
export class PlacedReader {
  private readonly blocks = new Map<string, Block>();

  async text(path: FilePath, size: number, start: number, length: number): Promise<string> {
    // A name that is not UTF-8 is keyed by its bytes, which cannot collide with a text name.
    const key = typeof path === 'string' ? path : `\0${Buffer.from(path).toString('hex')}`;
    let block = this.blocks.get(key);
    if (!block) {
      if (this.blocks.size >= 4) this.blocks.clear();
      this.blocks.set(key, (block = new Block()));
    }
    if (!block.covers(start, length)) {
      const { handle, size: now } = await openRegular(path);
      try {
        if (now !== size)
          throw new Error(`changed since it was loaded (${now} bytes, was ${size})`);
        const buffer = block.room(start, length, size);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
        block.filled(buffer, bytesRead, start);
      } finally {
        await handle.close();
      }
      if (!block.covers(start, length)) throw new Error('changed since it was loaded (cut short)');
    }
    return recordText(block.slice(start, length));
  }
}
