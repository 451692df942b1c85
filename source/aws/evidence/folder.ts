import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { escapedJson } from '../../trail/safe-json.js';
import { readRegularFileSync } from '../../trail/regular-file.js';

/** One preserved file, as the case and the report list it. */
export interface EvidenceFile {
  /** Relative to the evidence folder. */
  path: string;
  sha256: string;
  bytes: number;
  /** What it is, in a few words: `IAM state of user KeyHunter`. */
  what: string;
  /** Whose it is: `user:KeyHunter`, `role:x`, `function:f`. */
  subject: string;
  /** UTC ISO time it was written. */
  at: string;
}

export const MANIFEST = 'manifest.json';

/**
 * The case's evidence folder: owner-only (0700 directories, 0600 files), every file written
 * atomically (a temporary in the same directory, flushed, renamed), and a manifest of what is in
 * it with each file's SHA-256, rewritten the same way after each file.
 */
export class EvidenceFolder {
  readonly dir: string;
  private readonly clock: () => Date;

  constructor(dir: string, clock: () => Date = () => new Date()) {
    this.dir = resolve(dir);
    this.clock = clock;
    ensureDirectory(this.dir);
  }

  /** Writes `data` at `path` (relative; created directories are 0700) and lists it. */
  write(path: string, data: Uint8Array | string, what: string, subject: string): EvidenceFile {
    const target = resolve(this.dir, path);
    if (!target.startsWith(this.dir + sep))
      throw new Error(`evidence path leaves the folder: ${path}`);
    ensureDirectory(dirname(target));
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    writeAtomically(target, bytes);
    const entry: EvidenceFile = {
      path: relative(this.dir, target).split(sep).join('/'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      what,
      subject,
      at: this.clock().toISOString(),
    };
    const manifest = readManifest(this.dir).filter((item) => item.path !== entry.path);
    manifest.push(entry);
    writeAtomically(join(this.dir, MANIFEST), Buffer.from(`${escapedJson(manifest, 2)}\n`));
    return entry;
  }

  manifest(): EvidenceFile[] {
    return readManifest(this.dir);
  }
}

/** The manifest of `dir`; empty when there is none yet. */
export function readManifest(dir: string): EvidenceFile[] {
  let text: string;
  try {
    // Only a regular file: a FIFO planted in the folder must not hang containment.
    text = readRegularFileSync(join(dir, MANIFEST)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? (parsed as EvidenceFile[]) : [];
}

function ensureDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode alone: evidence is owner-only whatever was there.
  chmodSync(dir, 0o700);
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  // 'wx': never follow a planted symlink, and the file is created with our 0600.
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  renameSync(temporary, path);
  // The rename is only durable once the directory is flushed.
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } catch {
    // Some file systems cannot flush a directory; the file itself is flushed.
  } finally {
    closeSync(dirFd);
  }
}

/** A file-name-safe form of an AWS name (`$LATEST` → `LATEST`, never `..`). */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._@+=,-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned;
}
