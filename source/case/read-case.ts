import { constants } from 'node:fs';
import { irregularKind } from '../trail/regular-file.js';
import { parseCaseText, type ParsedCase } from './case-json.js';
import { CaseOpenError, describeFileError, errorCode, type BackupInfo } from './errors.js';
import { nodeFileSystem, type CaseFileSystem } from './file-system.js';
import type { CaseFile } from './model.js';
import { backupPathOf } from './side-files.js';

/**
 * Far above any real case (a thousand pinned records is a few MB) and below V8's string limit:
 * pointed by mistake at a multi-GB log archive, the open says so instead of running out of memory.
 */
const LARGEST_CASE_BYTES = 256 * 1024 * 1024;

/** O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; a regular file ignores it. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/**
 * The file's bytes, or why not. Only a regular file is read: a FIFO at the case path would wait
 * for a writer forever and `/dev/zero` would never end, so the path is stat'ed before it is
 * opened (opening a device can do things), opened non-blocking, and the descriptor checked again
 * (the path may have changed in between).
 */
function readRegular(fs: CaseFileSystem, path: string): Buffer | Refusal {
  const checked = (info: { size: number } & Parameters<typeof irregularKind>[0]) => {
    const kind = irregularKind(info);
    if (kind !== undefined) return refuse('unreadable', `it is ${kind}, not a regular file`);
    if (info.size > LARGEST_CASE_BYTES) {
      return refuse('too-large', 'it is far too large to be a trailhound case');
    }
    return undefined;
  };
  const before = checked(fs.statSync(path));
  if (before) return before;
  const fd = fs.openSync(path, READ_FLAGS);
  try {
    return checked(fs.fstatSync(fd)) ?? fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

type Refusal = Extract<ParsedCase, { ok: false }>;

function refuse(reason: Refusal['reason'], why: string): Refusal {
  return { ok: false, reason, why };
}

/** Reads and checks one file. Only reads: a refused file is never touched. */
export function readCaseText(fs: CaseFileSystem, path: string): ParsedCase {
  let bytes: Buffer | Refusal;
  try {
    bytes = readRegular(fs, path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return { ok: false, reason: 'missing', why: 'there is no such file' };
    }
    return { ok: false, reason: 'unreadable', why: describeFileError(error) };
  }
  if (!Buffer.isBuffer(bytes)) return bytes;
  return parseCaseText(bytes.toString('utf8'));
}

/** The backup's details if it opens cleanly; a refused main file can then offer it. */
export function usableBackup(fs: CaseFileSystem, casePath: string): BackupInfo | null {
  const path = backupPathOf(casePath);
  const parsed = readCaseText(fs, path);
  if (!parsed.ok) return null;
  return { path, updatedAt: parsed.value.updatedAt, auditEntries: parsed.value.audit.length };
}

/**
 * Reads the case at `path`, or throws a CaseOpenError saying why not. When the file is refused
 * but its `.bak` opens, the error carries the backup so the caller can offer it; a file from a
 * newer trailhound is not damaged, so no backup is offered for it.
 */
export function readCaseOrExplain(fs: CaseFileSystem, path: string): CaseFile {
  const parsed = readCaseText(fs, path);
  if (parsed.ok) return parsed.value;
  const backup = parsed.reason === 'newer-version' ? null : usableBackup(fs, path);
  throw new CaseOpenError(path, parsed.reason, parsed.why, backup);
}

/** Reads a case without opening a store: for reports and other read-only uses. */
export function readCase(path: string, fileSystem: CaseFileSystem = nodeFileSystem): CaseFile {
  return readCaseOrExplain(fileSystem, path);
}
