/**
 * Errors the case file raises. Each message is one line that names the file and says why, so the
 * CLI can print it as it is; the fields let a caller decide what to offer (open the backup, retry).
 */

/** Why a case file was not opened (or created). The file itself is never modified. */
export type CaseRefusal =
  | 'missing'
  | 'exists'
  | 'unreadable'
  | 'too-large'
  | 'not-json'
  | 'not-a-case'
  | 'newer-version'
  | 'damaged'
  | 'no-recovery-needed';

/** The last good copy, when the main file is refused but the copy opens fine. */
export interface BackupInfo {
  path: string;
  updatedAt: string;
  auditEntries: number;
}

export class CaseOpenError extends Error {
  override readonly name = 'CaseOpenError';
  constructor(
    readonly path: string,
    readonly reason: CaseRefusal,
    why: string,
    /** Set when the refused file has a last good copy that opens: offer it, never swap silently. */
    readonly backup: BackupInfo | null = null,
  ) {
    super(
      `cannot open case ${printablePath(path)}: ${why}` +
        (backup
          ? `; its last good copy ${printablePath(backup.path)} (saved ${backup.updatedAt}) is intact and can be opened instead`
          : ''),
    );
  }
}

/** A save failed; the file on disk still holds the previous save and the change was not applied. */
export class CaseSaveError extends Error {
  override readonly name = 'CaseSaveError';
  constructor(
    readonly path: string,
    why: string,
    /** The errno code (ENOSPC, EACCES, …) when the file system gave one. */
    readonly code: string | undefined,
    consequence = 'the file still holds the previous save and this change was not applied',
  ) {
    super(`could not save case ${printablePath(path)}: ${why}; ${consequence}`);
  }
}

/**
 * A file trailhound writes (a report, evidence, a cache page, the demo tree) or its folder could
 * not be written. One line naming the path and the reason; when the file existed, it says that its
 * previous content is still there (the atomic writer never touches it on failure).
 */
export class FileWriteError extends Error {
  override readonly name = 'FileWriteError';
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    error: unknown,
    what: 'file' | 'folder',
    previousKept = false,
  ) {
    super(
      what === 'folder'
        ? `cannot create folder ${printablePath(path)}: ${describeFolderError(error)}`
        : `${printablePath(path)} not written: ${describeFileError(error)}` +
            (previousKept ? '; the previous file is unchanged' : ''),
    );
    this.code = errorCode(error);
  }
}

/** Why a folder cannot be made: ENOENT with the parent there means the file system refuses (/proc). */
function describeFolderError(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOENT') return 'this file system does not allow creating it (ENOENT)';
  if (code === 'EEXIST') return 'a file that is not a folder is in the way (EEXIST)';
  return describeFileError(error);
}

/** A change the store will not save: it breaks the case's shape, or came from inside another change. */
export class CaseChangeError extends Error {
  override readonly name = 'CaseChangeError';
}

/** The errno code of a file-system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

const PLAIN_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EIO: 'an input/output error occurred',
  ENOENT: 'the file or its directory does not exist',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
};

/** A file-system error in plain words plus its code, without echoing file contents. */
export function describeFileError(error: unknown): string {
  const code = errorCode(error);
  const words = code === undefined ? undefined : PLAIN_WORDS[code];
  if (words !== undefined && code !== undefined) return `${words} (${code})`;
  if (code !== undefined) return code;
  return error instanceof Error ? error.message : String(error);
}

// A path can hold any byte but a slash; control characters would break the one-line message (or
// worse, drive the terminal), so they are shown as escapes.
function printablePath(path: string): string {
  return path.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
