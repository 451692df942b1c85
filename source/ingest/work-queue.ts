import type { ParseJob } from './parse-files.js';
import type { SourceFile } from './source-file.js';

export interface JobSizes {
  /** Bytes (as stored, so gzipped) and files per job. */
  maxBytes: number;
  maxFiles: number;
  /**
   * Once no more than this many bytes are left, jobs are a quarter of maxBytes: a thread handed
   * the last big job would still be parsing it while the others had nothing left to do.
   */
  tailBytes: number;
}

/**
 * Groups files into parse jobs of a few megabytes: large enough that a worker round trip is
 * cheap next to the work, small enough that the first events show up at once.
 */
export function groupJobs(files: readonly SourceFile[], sizes: JobSizes): ParseJob[][] {
  const groups: ParseJob[][] = [];
  let left = 0;
  for (const file of files) left += file.size;
  let current: ParseJob[] = [];
  let bytes = 0;
  let limit = sizes.maxBytes;
  for (const file of files) {
    if (current.length > 0 && (bytes + file.size > limit || current.length >= sizes.maxFiles)) {
      groups.push(current);
      current = [];
      bytes = 0;
      if (left <= sizes.tailBytes) limit = Math.max(1, Math.floor(sizes.maxBytes / 4));
    }
    current.push(
      file.bytes
        ? { fileId: file.id, path: file.path, bytes: file.bytes }
        : {
            fileId: file.id,
            path: file.path,
            ...(file.rawPath ? { rawPath: file.rawPath } : {}),
            ...(file.at ? { at: file.at } : {}),
          },
    );
    bytes += file.size;
    left -= file.size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
