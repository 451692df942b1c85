import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { errorCode } from './errors.js';
import type { CaseFileSystem } from './file-system.js';
import { compactUtcStamp } from './location.js';

/**
 * The files that live next to a case file `case.json`:
 * - `case.json.bak`: the previous good save, replaced on every save;
 * - `case.json.tmp-<host>-<pid>` (and `.bak.tmp-…`): a save being written; a crash can leave
 *   one behind, and the next open removes those of dead processes on this host;
 * - `case.json.corrupt-<time>`: a refused main file, moved aside (bytes unchanged) when the
 *   analyst chose to recover from the backup.
 */

export function backupPathOf(casePath: string): string {
  return `${casePath}.bak`;
}

// Host and pid in the name: two processes (or two hosts sharing a home over NFS) never write the
// same temporary file, and a sweep can tell whose leftovers are safe to remove.
const ownTag = `${hostname().replace(/[^A-Za-z0-9.]/g, '_')}-${process.pid}`;

export function tempPathOf(casePath: string): string {
  return `${casePath}.tmp-${ownTag}`;
}

export function backupTempPathOf(casePath: string): string {
  return `${backupPathOf(casePath)}.tmp-${ownTag}`;
}

/** A free name to move a refused main file to; it keeps the bytes for whoever investigates. */
export function setAsidePathOf(fs: CaseFileSystem, casePath: string, now: Date): string {
  const stem = `${casePath}.corrupt-${compactUtcStamp(now)}`;
  for (let attempt = 1; ; attempt++) {
    const candidate = attempt === 1 ? stem : `${stem}-${attempt}`;
    if (!exists(fs, candidate)) return candidate;
  }
}

export function exists(fs: CaseFileSystem, path: string): boolean {
  try {
    fs.statSync(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Removes a file if it is there; a missing file is what we wanted anyway. */
export function removeIfPresent(fs: CaseFileSystem, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Deletes temporary files a killed save left next to the case, when the process that wrote them
 * is gone. Best effort: a file we cannot remove is harmless, it is never read.
 */
export function sweepStaleTemporaries(fs: CaseFileSystem, casePath: string): void {
  const name = escapeForRegExp(basename(casePath));
  const pattern = new RegExp(`^${name}(?:\\.bak)?\\.tmp-(.+)-(\\d+)$`);
  const host = ownTag.slice(0, ownTag.lastIndexOf('-'));
  let entries: string[];
  try {
    entries = fs.readdirSync(dirname(casePath));
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = pattern.exec(entry);
    if (!match || match[1] !== host) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isAlive(pid)) continue;
    try {
      fs.unlinkSync(join(dirname(casePath), entry));
    } catch {
      // Left for the next sweep.
    }
  }
}
