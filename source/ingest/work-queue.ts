import type { ParseJob } from './parse-files.js';
import type { SourceFile } from './source-file.js';

/**
 * Groups files into parse jobs of a few megabytes: large enough that a worker round trip is
 * cheap next to the work, small enough that the first events show up at once.
 */
export function groupJobs(
  files: readonly SourceFile[],
  maxBytes: number,
  maxFiles: number,
): ParseJob[][] {
  const groups: ParseJob[][] = [];
  let current: ParseJob[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (bytes + file.size > maxBytes || current.length >= maxFiles)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(
      file.bytes
        ? { fileId: file.id, path: file.path, bytes: file.bytes }
        : { fileId: file.id, path: file.path },
    );
    bytes += file.size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
