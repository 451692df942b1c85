import { isUtf8 } from 'node:buffer';
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { basename, join } from 'node:path';
import { pathOfBytes } from '../trail/file-name.js';
import { irregularKind } from '../trail/regular-file.js';
import { argumentBytes } from './argument-bytes.js';
import type { FileReport, SourceFile } from './source-file.js';

/**
 * File names a directory walk picks up. Other services share the `AWSLogs/` prefix (VPC flow and
 * load balancer logs are `*.log.gz`): in a tree those are not ours to judge. A file named on the
 * command line is always read.
 */
const LOG_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;
/** CloudTrail writes digest files beside the logs; they hold hashes, not events. */
const DIGEST_FILE = /CloudTrail-Digest/;

export interface Discovery {
  files: Omit<SourceFile, 'id'>[];
  /** Paths that could not be read, and digests skipped by name. */
  reports: FileReport[];
  /**
   * Per path given, in order: how many of `files` and of `reports` it gave, and the path as
   * messages show it (a name that was not UTF-8 escaped, see argument-bytes.ts).
   */
  spans: { files: number; reports: number; shown: string }[];
}

/** A path on its way through the walk: as text, and as bytes when the text cannot name it. */
interface Found {
  path: string;
  rawPath?: Buffer;
}

const SLASH = 0x2f;

function child(dir: Found, name: Buffer): Found {
  if (!dir.rawPath && isUtf8(name)) return { path: join(dir.path, name.toString()) };
  const base = dir.rawPath ?? Buffer.from(dir.path);
  const separator = base[base.length - 1] === SLASH ? [] : [Buffer.of(SLASH)];
  return pathOfBytes(Buffer.concat([base, ...separator, name]));
}

function failure(path: string, error: unknown): FileReport {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : error instanceof Error
          ? error.message
          : String(error);
  return { path, status: 'failed', reason, events: 0, malformed: 0 };
}

/** A FIFO, device or socket: never read (see regular-file.ts), always named. */
function irregular(path: string, kind: string): FileReport {
  return {
    path,
    status: 'failed',
    reason: `is ${kind}, not a regular file`,
    events: 0,
    malformed: 0,
  };
}

/** What a directory entry is when it is neither a file, a directory nor a link. */
function specialKind(entry: Dirent<Buffer>): string | undefined {
  if (entry.isFile() || entry.isDirectory() || entry.isSymbolicLink()) return undefined;
  return irregularKind(entry);
}

/**
 * Synchronous calls, one directory at a time with a turn of the event loop between directories
 * so a UI on this thread keeps answering: a stat through the promise API cost ~40 µs of CPU in
 * callbacks and the thread pool, against ~2 µs for the call itself, and during a load every CPU
 * second is taken from the parse threads (a 6,260-file tree: ~250 ms walked the promise way).
 * Names are read as bytes: one that is not UTF-8 would not survive a trip through a string.
 */
async function walk(dir: Found, found: Discovery): Promise<void> {
  let entries;
  try {
    entries = readdirSync(dir.rawPath ?? dir.path, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    found.reports.push(failure(dir.path, error));
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    // A FIFO or device in a log tree is nothing CloudTrail delivers: named, whatever its name.
    const special = specialKind(entry);
    if (special !== undefined) found.reports.push(irregular(child(dir, entry.name).path, special));
    // Latin-1 maps each byte to one character: the extension test sees the name's bytes.
    else if (
      (entry.isFile() || entry.isSymbolicLink()) &&
      LOG_FILE.test(entry.name.toString('latin1'))
    )
      record(examine(child(dir, entry.name)), found);
  }
  for (const entry of entries) {
    // Symlinked directories are not followed: a link loop in a log share must not hang the load.
    if (entry.isDirectory()) {
      await nextTurn();
      await walk(child(dir, entry.name), found);
    }
  }
}

type Examined =
  | ({ kind: 'file'; size: number } & Found)
  | ({ kind: 'directory' } & Found)
  | { kind: 'report'; report: FileReport };

/** Follows a link (a link the analyst made to a log is a log), then says what is there. */
function examine(at: Found): Examined {
  if (DIGEST_FILE.test(basename(at.path))) {
    return {
      kind: 'report',
      report: {
        path: at.path,
        status: 'skipped',
        reason: 'CloudTrail digest file',
        events: 0,
        malformed: 0,
      },
    };
  }
  try {
    const info = statSync(at.rawPath ?? at.path);
    if (info.isDirectory()) return { kind: 'directory', ...at };
    const kind = irregularKind(info);
    // The parse thread checks the opened file again: this stat only spares it the open.
    if (kind !== undefined) return { kind: 'report', report: irregular(at.path, kind) };
    return { kind: 'file', ...at, size: info.size };
  } catch (error) {
    return { kind: 'report', report: failure(at.path, error) };
  }
}

function record(result: Examined, found: Discovery): void {
  if (result.kind === 'file') {
    const { path, rawPath, size } = result;
    found.files.push(rawPath ? { path, rawPath, size } : { path, size });
  } else if (result.kind === 'report') found.reports.push(result.report);
}

/** A path from the command line, with its bytes if it was not UTF-8 (see argument-bytes.ts). */
function given(path: string): Found {
  const bytes = argumentBytes(path);
  return bytes ? pathOfBytes(bytes) : { path };
}

async function addFile(at: Found, found: Discovery): Promise<void> {
  const result = examine(at);
  if (result.kind === 'directory') await walk(result, found);
  else record(result, found);
}

/** Expands files and directories (recursively: S3 delivery trees, organization trees). */
export async function discoverFiles(paths: readonly string[]): Promise<Discovery> {
  const found: Discovery = { files: [], reports: [], spans: [] };
  for (const path of paths) {
    const files = found.files.length;
    const reports = found.reports.length;
    const at = given(path);
    await addFile(at, found);
    found.spans.push({
      files: found.files.length - files,
      reports: found.reports.length - reports,
      shown: at.path,
    });
  }
  return found;
}
