import { readRegularFile } from '../../trail/regular-file.js';
import { TuningError, type SourcedEntry } from './model.js';
import { MAX_TUNING_BYTES, MAX_TUNING_ENTRIES, parseTuningText } from './parse.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads `--tuning FILE`s (YAML or JSON; only regular files, each bounded). Throws TuningError with
 * one line naming the file, the entry and the reason: a tuning file half-applied would leave the
 * analyst guessing what is hidden, so a bad one stops the command instead.
 */
export async function loadTuningFiles(paths: readonly string[]): Promise<SourcedEntry[]> {
  const entries: SourcedEntry[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readRegularFile(path);
    } catch (error) {
      throw new TuningError(`${path}: cannot read: ${messageOf(error)}`);
    }
    if (bytes.length > MAX_TUNING_BYTES)
      throw new TuningError(`${path}: file: is ${bytes.length} bytes (limit ${MAX_TUNING_BYTES})`);
    entries.push(...parseTuningText(bytes.toString('utf8'), path));
    if (entries.length > MAX_TUNING_ENTRIES)
      throw new TuningError(`${path}: more than ${MAX_TUNING_ENTRIES} tuning entries in all`);
  }
  return entries;
}
