import { dirname } from 'node:path';
import { errorCode, FileWriteError } from './errors.js';
import { nodeFileSystem, type CaseFileSystem } from './file-system.js';
import {
  backupPathOf,
  backupTempPathOf,
  removeIfPresent,
  setAsidePathOf,
  tempPathOf,
} from './side-files.js';

/** What identifies the file a save produced, to notice later whether someone else replaced it. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/**
 * What to do with the file the save replaces:
 * - 'create': there must be none (a new case never overwrites anything);
 * - 'keep-as-backup': it is a good save, it becomes `.bak`;
 * - 'set-aside': it was refused and the analyst recovered from `.bak`: keep its bytes as `.corrupt-…`
 *   and leave `.bak` alone, since it is the good state we are building on;
 * - 'none': there is none (it was removed while the case was open).
 */
export type Predecessor = 'create' | 'keep-as-backup' | 'set-aside' | 'none';

const NO_DIRECTORY_FSYNC = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM', 'EBADF']);
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EXDEV', 'ENOSYS']);

function writeAll(fs: CaseFileSystem, fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    offset += written;
  }
}

function closeQuietly(fs: CaseFileSystem, fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // The write already failed; that error is the one to report.
  }
}

function removeQuietly(fs: CaseFileSystem, path: string): void {
  try {
    removeIfPresent(fs, path);
  } catch {
    // A leftover temporary is harmless: it is never read, and the next open sweeps it.
  }
}

/** Writes, flushes and closes a new file with owner-only access; nothing is left if that fails. */
function writeDurably(
  fs: CaseFileSystem,
  path: string,
  bytes: Uint8Array,
  flush = true,
): FileIdentity {
  // 'wx' after unlinking: never follow a planted symlink, and always get our own 0600 mode.
  removeIfPresent(fs, path);
  const fd = fs.openSync(path, 'wx', 0o600);
  try {
    writeAll(fs, fd, bytes);
    if (flush) fs.fsyncSync(fd);
    const { dev, ino, size, mtimeMs } = fs.fstatSync(fd);
    fs.closeSync(fd);
    return { dev, ino, size, mtimeMs };
  } catch (error) {
    closeQuietly(fs, fd);
    removeQuietly(fs, path);
    throw error;
  }
}

/** Makes renames in `directory` durable; some file systems cannot, and then there is no more to do. */
function syncDirectory(fs: CaseFileSystem, directory: string): void {
  let fd: number;
  try {
    fd = fs.openSync(directory, 'r');
  } catch (error) {
    if (NO_DIRECTORY_FSYNC.has(errorCode(error) ?? '')) return;
    throw error;
  }
  try {
    fs.fsyncSync(fd);
  } catch (error) {
    if (!NO_DIRECTORY_FSYNC.has(errorCode(error) ?? '')) throw error;
  } finally {
    closeQuietly(fs, fd);
  }
}

/** A second name for `from`'s content: a hard link when the file system has them, else a flushed copy. */
function linkOrCopy(fs: CaseFileSystem, from: string, to: string): void {
  try {
    fs.linkSync(from, to);
    return;
  } catch (error) {
    if (!NO_HARD_LINKS.has(errorCode(error) ?? '')) throw error;
  }
  // File systems without hard links (some network and FAT mounts): copy and flush instead.
  fs.copyFileSync(from, to);
  const fd = fs.openSync(to, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    closeQuietly(fs, fd);
  }
}

/**
 * Makes `.bak` the current main file. A hard link costs no copy and is safe because a save never
 * modifies the main file in place: the rename that follows gives `case.json` a new inode and
 * leaves this one to `.bak`. The link is made under a temporary name and renamed, so `.bak` is at
 * every moment either the older or the newer good copy, never missing or partial.
 */
function keepAsBackup(fs: CaseFileSystem, casePath: string): void {
  const staging = backupTempPathOf(casePath);
  removeIfPresent(fs, staging);
  try {
    linkOrCopy(fs, casePath, staging);
    fs.renameSync(staging, backupPathOf(casePath));
  } catch (error) {
    removeQuietly(fs, staging);
    throw error;
  }
}

/** Puts `path` in place without a window where it is missing; fails with EEXIST if it exists. */
function linkIntoPlace(fs: CaseFileSystem, temporary: string, path: string): void {
  try {
    fs.linkSync(temporary, path);
  } catch (error) {
    if (!NO_HARD_LINKS.has(errorCode(error) ?? '')) throw error;
    // Without hard links there is no atomic "create if absent"; a check then a rename is close.
    try {
      fs.statSync(path);
    } catch (statError) {
      if (errorCode(statError) !== 'ENOENT') throw statError;
      fs.renameSync(temporary, path);
      return;
    }
    throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
  }
  removeIfPresent(fs, temporary);
}

/**
 * Replaces the file at `path` with `text` so that a crash at any instant leaves either the old or
 * the new content, whole: the text goes to a temporary file in the same directory, is flushed to
 * disk, and is renamed over the target (rename is atomic on POSIX); then the directory is flushed
 * so the rename survives a power cut. If anything fails before the rename, the old file is as it
 * was and the temporary is removed; the error is thrown.
 */
export function writeFileAtomically(
  fs: CaseFileSystem,
  path: string,
  text: string | Uint8Array,
  predecessor: Predecessor,
  now: Date,
  flush = true,
): FileIdentity {
  const temporary = tempPathOf(path);
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const identity = writeDurably(fs, temporary, bytes, flush);
  try {
    if (predecessor === 'create') {
      linkIntoPlace(fs, temporary, path);
    } else {
      if (predecessor === 'keep-as-backup') keepAsBackup(fs, path);
      // A second name rather than a move: the main file is never absent, even for an instant.
      if (predecessor === 'set-aside') linkOrCopy(fs, path, setAsidePathOf(fs, path, now));
      fs.renameSync(temporary, path);
    }
  } catch (error) {
    removeQuietly(fs, temporary);
    throw error;
  }
  if (flush) syncDirectory(fs, dirname(path));
  return identity;
}

/**
 * Every file trailhound writes besides the case (reports, evidence, cache pages, the demo tree)
 * goes through here: written whole to an owner-only temporary created exclusively, flushed, then
 * renamed over `path`. A symlink planted at `path` is replaced, never written through; on any
 * failure (a full disk) the previous file keeps its bytes and no temporary is left. Throws a
 * FileWriteError: one line naming the file and the reason.
 */
export function writeWholeFile(
  path: string,
  data: string | Uint8Array,
  fs: CaseFileSystem = nodeFileSystem,
  /**
   * false for a cache that can be fetched again (live pages): no fsync, which would stall the
   * event loop between paced requests; still whole, exclusive, 0600, never through a link.
   */
  flush = true,
): void {
  try {
    writeFileAtomically(fs, path, data, 'none', new Date(), flush);
  } catch (error) {
    throw new FileWriteError(path, error, 'file', existsAsAnything(fs, path));
  }
}

function existsAsAnything(fs: CaseFileSystem, path: string): boolean {
  try {
    fs.statSync(path);
    return true;
  } catch {
    return false;
  }
}
