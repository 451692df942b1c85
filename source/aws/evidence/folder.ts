import { createHash } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { makeDirectory, writeWholeFile } from '../../case/index.js';
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
    writeWholeFile(target, bytes);
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
    writeWholeFile(join(this.dir, MANIFEST), `${escapedJson(manifest, 2)}\n`);
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
  makeDirectory(dir, 0o700);
  // mkdir leaves an existing directory's mode alone: evidence is owner-only whatever was there.
  chmodSync(dir, 0o700);
}

/** A file-name-safe form of an AWS name (`$LATEST` → `LATEST`, never `..`). */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._@+=,-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned;
}
