/**
 * Reading a file someone named, or that was found in their tree, without trusting what it is. A
 * FIFO blocks `open` until a writer comes (forever, in a worker thread that then holds the exit);
 * `/dev/zero` or `/dev/urandom` behind a `.json.gz` name never ends; opening some devices does
 * something (a hardware watchdog arms, a tape rewinds). So: the path is stat'ed and anything but
 * a regular file is refused before it is opened; it is opened non-blocking; and the descriptor is
 * fstat'ed, since the path may have been swapped in between. A regular file is read up to the
 * size fstat gave, so one that keeps growing while it is read cannot make the read endless.
 *
 * It lives in trail/ (as limits.ts does) because ingest/, case/ and detect/ all read files they
 * are given, and trail/ is the one folder all of them may import.
 */
import * as fs from 'node:fs';
import { open as openHandle, stat as statAsync, type FileHandle } from 'node:fs/promises';

/** A path as the file system has it: text, or its bytes when the name is not valid UTF-8. */
export type FilePath = string | Uint8Array;

/** O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; a regular file ignores it. */
const READ_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

/** Node's own bound on reading a whole file into one buffer (readFileSync says the same). */
const LARGEST_READ = 2 ** 31 - 1;

interface FileKind {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isSymbolicLink(): boolean;
}

/** What a file is when it is not a regular file ("a FIFO"), for messages; undefined when it is. */
export function irregularKind(stats: FileKind): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** A path that is not a regular file; its message ("is a FIFO, not a regular file") names the kind. */
export class IrregularFileError extends Error {
  override readonly name = 'IrregularFileError';
  readonly code = 'ENOTREG';
  constructor(readonly kind: string) {
    super(`is ${kind}, not a regular file`);
  }
}

/** A path fs accepts: bytes that crossed to a worker thread arrive as a plain Uint8Array. */
function pathLike(path: FilePath): string | Buffer {
  return typeof path === 'string' ? path : Buffer.from(path.buffer, path.byteOffset, path.length);
}

function requireRegular(stats: FileKind): void {
  const kind = irregularKind(stats);
  if (kind !== undefined) throw new IrregularFileError(kind);
}

function tooLarge(size: number): RangeError {
  const error = new RangeError(`File size (${size}) is greater than 2 GiB`);
  return Object.assign(error, { code: 'ERR_FS_FILE_TOO_LARGE' });
}

/**
 * Opens a regular file for reading, or throws (IrregularFileError for anything else, the
 * system's error for a missing or unreadable path). Symbolic links are followed: a link the
 * analyst made to a log is a log; a link to a FIFO or a device is refused like the thing itself.
 * The caller closes the descriptor.
 */
export function openRegularSync(given: FilePath): { fd: number; size: number } {
  const path = pathLike(given);
  requireRegular(fs.statSync(path));
  const fd = fs.openSync(path, READ_FLAGS);
  try {
    const stats = fs.fstatSync(fd);
    requireRegular(stats);
    return { fd, size: stats.size };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

/** Reads an opened regular file from its start, at most `size` bytes (what fstat said). */
export function readOpenedSync(fd: number, size: number): Buffer {
  if (size > LARGEST_READ) throw tooLarge(size);
  const buffer = Buffer.allocUnsafeSlow(size);
  let got = 0;
  while (got < size) {
    const read = fs.readSync(fd, buffer, got, size - got, got);
    if (read === 0) break;
    got += read;
  }
  return got === size ? buffer : buffer.subarray(0, got);
}

/** readFileSync for a file someone else controls: only a regular file is read. */
export function readRegularFileSync(path: FilePath): Buffer {
  const { fd, size } = openRegularSync(path);
  try {
    return readOpenedSync(fd, size);
  } finally {
    fs.closeSync(fd);
  }
}

/** As openRegularSync, off the thread: the handle of a regular file, and its size when opened. */
export async function openRegular(given: FilePath): Promise<{ handle: FileHandle; size: number }> {
  const path = pathLike(given);
  requireRegular(await statAsync(path));
  const handle = await openHandle(path, READ_FLAGS);
  try {
    const stats = await handle.stat();
    requireRegular(stats);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** As readRegularFileSync, off the thread: nothing here can block a pool thread for good. */
export async function readRegularFile(given: FilePath): Promise<Buffer> {
  const { handle, size } = await openRegular(given);
  try {
    const stats = { size };
    if (stats.size > LARGEST_READ) throw tooLarge(stats.size);
    const buffer = Buffer.allocUnsafeSlow(stats.size);
    let got = 0;
    while (got < stats.size) {
      const { bytesRead } = await handle.read(buffer, got, stats.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === stats.size ? buffer : buffer.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/** Why a file could not be read, in the words a file report uses. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
