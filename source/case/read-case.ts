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

/** Reads and checks one file. Only reads: a refused file is never touched. */
export function readCaseText(fs: CaseFileSystem, path: string): ParsedCase {
  let bytes: Buffer;
  try {
    if (fs.statSync(path).size > LARGEST_CASE_BYTES) {
      return { ok: false, reason: 'too-large', why: 'it is far too large to be a trailhound case' };
    }
    bytes = fs.readFileSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return { ok: false, reason: 'missing', why: 'there is no such file' };
    }
    return { ok: false, reason: 'unreadable', why: describeFileError(error) };
  }
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
