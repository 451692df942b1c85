import type { SigmaFilter } from '../detect/sigma/index.js';
import {
  caseEntries,
  compileTuning,
  loadTuningFiles,
  TuningError,
  type Tuning,
  type TuningEntry,
} from '../detect/tuning/index.js';
import { sanitizeText } from '../trail/sanitize.js';

/**
 * `--tuning FILE`s, the case's own entries and the Sigma filters of `--rules`, compiled. A bad
 * file stops the command with one line (file, entry, reason) and exit 1: half a tuning would
 * leave the analyst guessing what is hidden.
 */
export async function tuningFromOptions(
  paths: readonly string[],
  filters: readonly SigmaFilter[],
  fromCase: readonly TuningEntry[] = [],
): Promise<Tuning> {
  try {
    const entries = await loadTuningFiles(paths);
    return compileTuning([...entries, ...caseEntries(fromCase)], filters);
  } catch (error) {
    if (error instanceof TuningError)
      throw new Error(`tuning not loaded: ${sanitizeText(error.message)}`);
    throw error;
  }
}
