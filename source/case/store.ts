import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { writeFileAtomically, type FileIdentity, type Predecessor } from './atomic-write.js';
import { makeDirectory } from './make-directory.js';
import { serializeCase } from './case-json.js';
import { copyJson } from '../trail/deep-json.js';
import { deepFreeze } from './deep-freeze.js';
import {
  CaseChangeError,
  CaseOpenError,
  CaseSaveError,
  describeFileError,
  errorCode,
} from './errors.js';
import { nodeFileSystem, type CaseFileSystem } from './file-system.js';
import { emptyCase, type AuditEntry, type CaseFile, type CaseSource } from './model.js';
import { readCaseOrExplain, readCaseText, usableBackup } from './read-case.js';
import { backupPathOf, exists, sweepStaleTemporaries } from './side-files.js';
import { sealPins } from './sealed-records.js';
import { findCaseProblem } from './validate-case.js';
import { currentUser } from './who.js';

export interface CaseStoreOptions {
  /** Tests inject failures here; the real file system otherwise. */
  fileSystem?: CaseFileSystem;
  /** The time for audit entries and updatedAt; tests fix it. */
  clock?: () => Date;
  /** The audit log's `by`; the OS user by default. */
  user?: string;
}

export interface OpenCaseOptions extends CaseStoreOptions {
  /**
   * Open the last good copy (`.bak`) because the main file was refused. The analyst must ask for
   * this: it is never done silently. The refused file is kept (as `.corrupt-<time>`) when the
   * first change is saved.
   */
  recoverFrom?: 'backup';
}

export interface NewCase {
  title: string;
  sources: CaseSource[];
}

/** What goes into the audit log for a change: a short verb phrase and its object. */
export interface AuditNote {
  action: string;
  detail: string;
}

/** When and by whom a change is made, for fields such as pinnedAt, markedAt, changedBy. */
export interface ChangeStamp {
  /** UTC ISO time, the same as the change's audit entry and updatedAt. */
  at: string;
  by: string;
}

/**
 * The part of a case a change may edit. Identity and times are the store's, and the audit log is
 * append-only: entries come only from update()'s `audit` argument. A pinned record is evidence
 * and stays frozen: a change may add, remove or annotate pins, not edit a record in place.
 */
export type CaseDraft = Omit<CaseFile, 'schema' | 'id' | 'createdAt' | 'updatedAt' | 'audit'>;

export type CaseListener = (current: CaseFile) => void;

/** Whether the main file on disk is ours to replace, and how. */
type DiskState =
  | { kind: 'saved'; identity: FileIdentity }
  /** Opened from `.bak`: the refused main file is set aside on the first save. */
  | { kind: 'recovered' };

/**
 * Holds the open case and saves every change at once. update() applies a change to a copy, checks
 * the result, appends the audit entry, and writes the file atomically (see atomic-write.ts)
 * before the new state becomes current: if the save fails, the store still holds what the disk
 * holds, and the caller gets the error.
 *
 * Saves are synchronous. On the one JS thread a second save cannot start while one runs, so they
 * are serialized without a queue; a change that calls update() from inside itself is refused.
 * Pinned records are redacted with redactSecrets before any save, whatever code pinned them.
 */
export class CaseStore {
  readonly path: string;
  private value: CaseFile;
  private disk: DiskState;
  private changing = false;
  private readonly listeners = new Set<CaseListener>();
  private readonly fs: CaseFileSystem;
  private readonly clock: () => Date;
  private readonly user: string;

  /** Use openCase or createCase. */
  constructor(path: string, value: CaseFile, disk: DiskState, options: CaseStoreOptions) {
    this.path = path;
    // Sealing redacts too: a record with a secret in a hand-edited file is cleaned on the next save.
    this.value = deepFreeze({ ...value, pinned: sealPins(value.pinned) });
    this.disk = disk;
    this.fs = options.fileSystem ?? nodeFileSystem;
    this.clock = options.clock ?? (() => new Date());
    this.user = options.user ?? currentUser();
  }

  /** The case as last saved. Frozen: change it through update(). */
  get current(): CaseFile {
    return this.value;
  }

  /**
   * Applies `change` to a copy of the case, appends `audit` (if given) to the audit log with the
   * UTC time and the OS user, bumps updatedAt and saves. Returns the new case. Throws
   * CaseChangeError if the change breaks the case's shape, CaseSaveError if the save fails; in
   * both cases nothing changed, in memory or on disk.
   */
  update(change: (draft: CaseDraft, stamp: ChangeStamp) => void, audit?: AuditNote): CaseFile {
    if (this.changing) {
      throw new CaseChangeError('a case change cannot start another change from inside itself');
    }
    this.changing = true;
    try {
      const now = this.clock();
      const stamp: ChangeStamp = { at: now.toISOString(), by: this.user };
      const { audit: log, pinned, ...rest } = this.value;
      // Pinned records are sealed (redacted, frozen, shared): only the pins around them are copied.
      const draft: CaseDraft = {
        ...copyJson(rest),
        pinned: pinned.map((pin) => ({ ...pin })),
      };
      change(draft, stamp);
      const entries: AuditEntry[] = audit
        ? [...log, { at: stamp.at, by: stamp.by, action: audit.action, detail: audit.detail }]
        : [...log];
      const next: CaseFile = {
        ...draft,
        schema: this.value.schema,
        id: this.value.id,
        createdAt: this.value.createdAt,
        updatedAt: stamp.at,
        audit: entries,
      };
      const problem = findCaseProblem(next);
      if (problem !== null) {
        throw new CaseChangeError(`the change would damage the case (${problem}); not saved`);
      }
      next.pinned = sealPins(next.pinned);
      this.save(serializeCase(next), now);
      this.value = deepFreeze(next);
    } finally {
      this.changing = false;
    }
    for (const listener of this.listeners) listener(this.value);
    return this.value;
  }

  /** Calls `listener` after each saved change; returns the unsubscribe function. */
  subscribe(listener: CaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(text: string, now: Date): void {
    const predecessor = this.predecessor();
    try {
      const identity = writeFileAtomically(this.fs, this.path, text, predecessor, now);
      this.disk = { kind: 'saved', identity };
    } catch (error) {
      throw new CaseSaveError(this.path, describeFileError(error), errorCode(error));
    }
  }

  /**
   * What the save does with the file it replaces. If that file is no longer the one this store
   * wrote (another trailhound, or an editor, saved it since), it refuses rather than overwrite
   * someone's work: one comparison of a stat, cheap enough for every save.
   */
  private predecessor(): Predecessor {
    let onDisk: FileIdentity;
    try {
      onDisk = this.fs.statSync(this.path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 'none';
      throw new CaseSaveError(this.path, describeFileError(error), errorCode(error));
    }
    if (this.disk.kind === 'recovered') return 'set-aside';
    const mine = this.disk.identity;
    const same =
      onDisk.dev === mine.dev &&
      onDisk.ino === mine.ino &&
      onDisk.size === mine.size &&
      onDisk.mtimeMs === mine.mtimeMs;
    if (!same) {
      throw new CaseSaveError(
        this.path,
        'another program changed the file since trailhound opened it (is the case open twice?), so it is not overwritten',
        'ECHANGED',
      );
    }
    return 'keep-as-backup';
  }
}

function identityOf(fs: CaseFileSystem, path: string): FileIdentity {
  const { dev, ino, size, mtimeMs } = fs.statSync(path);
  return { dev, ino, size, mtimeMs };
}

/**
 * Opens the case at `path`. A corrupt file, one that is not a case, or one from a newer trailhound
 * is refused with a CaseOpenError (one line naming the file and why) and left exactly as it is;
 * if its `.bak` opens, the error says so and `{ recoverFrom: 'backup' }` opens that instead.
 */
export function openCase(path: string, options: OpenCaseOptions = {}): CaseStore {
  const fs = options.fileSystem ?? nodeFileSystem;
  const casePath = resolve(path);
  if (options.recoverFrom === 'backup') {
    const main = readCaseText(fs, casePath);
    if (main.ok) {
      throw new CaseOpenError(
        casePath,
        'no-recovery-needed',
        'it opens fine, so its backup is not needed',
      );
    }
    // A newer trailhound's file is not damaged: it needs that trailhound, not an older backup.
    if (main.reason === 'newer-version') throw new CaseOpenError(casePath, main.reason, main.why);
    const value = readCaseOrExplain(fs, backupPathOf(casePath));
    sweepStaleTemporaries(fs, casePath);
    return new CaseStore(casePath, value, { kind: 'recovered' }, options);
  }
  // Stat before the read: if the file is replaced in between, the identity is the older file's,
  // so the first save notices the difference and refuses instead of overwriting the newer one.
  let identity: FileIdentity | null = null;
  try {
    identity = identityOf(fs, casePath);
  } catch {
    // The read below explains what is wrong with the path.
  }
  const value = readCaseOrExplain(fs, casePath);
  identity ??= identityOf(fs, casePath);
  sweepStaleTemporaries(fs, casePath);
  return new CaseStore(casePath, value, { kind: 'saved', identity }, options);
}

/**
 * Creates a new case at `path` (its directories with mode 0700, the file 0600: cases hold
 * evidence) and saves it, with a first audit entry. Never overwrites: an existing file is refused.
 */
export function createCase(
  path: string,
  newCase: NewCase,
  options: CaseStoreOptions = {},
): CaseStore {
  const fs = options.fileSystem ?? nodeFileSystem;
  const casePath = resolve(path);
  if (exists(fs, casePath)) {
    throw new CaseOpenError(
      casePath,
      'exists',
      'a file is already there, and a new case never replaces one',
    );
  }
  // The main file gone but its last good copy still there: a new case would replace that copy on
  // its second save, so the analyst decides first (recoverFrom: 'backup', or move the copy away).
  if (exists(fs, backupPathOf(casePath))) {
    throw new CaseOpenError(
      casePath,
      'exists',
      'no case file is there but its last good copy is, and a new case would replace that copy',
      usableBackup(fs, casePath),
    );
  }
  const now = (options.clock ?? (() => new Date()))();
  const by = options.user ?? currentUser();
  const value: CaseFile = {
    ...emptyCase(randomUUID(), newCase.title, now),
    sources: newCase.sources.map((source) => ({ kind: source.kind, value: source.value })),
  };
  value.audit.push({ at: value.createdAt, by, action: 'created case', detail: newCase.title });
  const problem = findCaseProblem(value);
  if (problem !== null) throw new CaseChangeError(`the new case would be invalid (${problem})`);
  try {
    makeDirectory(dirname(casePath), 0o700, fs);
    const identity = writeFileAtomically(fs, casePath, serializeCase(value), 'create', now);
    return new CaseStore(casePath, value, { kind: 'saved', identity }, { ...options, user: by });
  } catch (error) {
    if (errorCode(error) === 'EEXIST') {
      throw new CaseOpenError(
        casePath,
        'exists',
        'a file appeared there while the case was being created',
      );
    }
    throw new CaseSaveError(
      casePath,
      describeFileError(error),
      errorCode(error),
      'no case was created',
    );
  }
}
