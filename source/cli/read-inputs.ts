import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceInput } from '../ingest/index.js';
import { limits } from '../trail/limits.js';

/**
 * Standard input past this many bytes is spooled to a private temp file instead of held: a
 * Buffer stops at 4 GiB (Node's size error) and one that big would be read whole. Spooled, it
 * is a file like any other: loaded in pieces, its records re-read from where they lie. Streaming
 * the records instead would not do: the detail pane and every export re-read records later, so
 * the bytes must be kept somewhere, and memory is the wrong place for gigabytes.
 */
export interface Spool {
  dir: string;
  path: string;
  /** Removes the temp directory and the file in it (done on exit; idempotent). */
  remove: () => void;
}

/** A temp directory only this user can enter (mkdtemp: 0700) holding one 0600 file. */
export function openSpool(parent = tmpdir()): Spool & { fd: number } {
  const dir = mkdtempSync(join(parent, 'trailhound-stdin-'));
  const path = join(dir, 'stdin');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    // 'wx': never an existing file (nothing else can be there, the directory is fresh).
    return { dir, path, remove, fd: openSync(path, 'wx', 0o600) };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * The spool goes when the process does: on exit, and on a signal that would otherwise end it
 * without one (a command killed by SIGTERM or Ctrl-C). Where something else handles the signal
 * (the TUI's clean way out), that is left to it; else the signal is raised again as it came.
 */
function removeOnExit(remove: () => void): void {
  process.once('exit', remove);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      remove();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function writeAll(fd: number, chunk: Buffer): void {
  for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
}

/**
 * Standard input, held when it is no bigger than `holdBytes`, else spooled (chunk by chunk, as
 * it arrives: memory is one chunk) to a temp file removed when the process exits.
 */
export async function readStdin(
  stream: NodeJS.ReadableStream,
  holdBytes = limits().readWhole,
  parent?: string,
): Promise<{ input: SourceInput; spool?: Spool }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let spool: (Spool & { fd: number }) | undefined;
  try {
    for await (const data of stream) {
      const chunk = typeof data === 'string' ? Buffer.from(data) : data;
      if (!spool && size + chunk.length > holdBytes) {
        try {
          spool = openSpool(parent);
        } catch (error) {
          const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
          throw new Error(`stdin: no temp file to spool it to in ${parent ?? tmpdir()} (${why})`);
        }
        removeOnExit(spool.remove);
        for (const held of chunks.splice(0)) writeAll(spool.fd, held);
      }
      if (spool) writeAll(spool.fd, chunk);
      else chunks.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    if (!spool) throw error;
    spool.remove();
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(
      `stdin: could not spool it to ${spool.dir} (${why}); set TMPDIR to a disk with room`,
    );
  } finally {
    if (spool) closeSync(spool.fd);
  }
  if (!spool) return { input: { path: '-', bytes: Buffer.concat(chunks) } };
  const { dir, path, remove } = spool;
  return { input: { path: '-', at: path, size }, spool: { dir, path, remove } };
}
