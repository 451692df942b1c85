/**
 * One way in for every source. A SOURCE text names one kind of source: a path (file or
 * folder), standard input (`-`), a bucket (`s3://…`), and later an Athena table (`athena://…`);
 * the live account is a kind too, though no SOURCE text names it (`--live`, read by the live
 * reader in ingest/live). The CLI's commands and the TUI's store turn their SOURCE texts into
 * loader inputs through `openInputs`, each passing the openers its face needs (how standard
 * input is read, how a bucket is connected to and its plan put to the analyst).
 */
import { sanitizeText } from '../trail/sanitize.js';
import type { SourceInput } from './load.js';
import type { PullWatch } from './s3-input.js';

export type SourceKind = 'path' | 'stdin' | 's3' | 'athena' | 'live';

const S3 = /^s3:\/\//i;
const ATHENA = /^athena:\/\//i;

/** The kind a SOURCE text names (never 'live': the account is `--live`, not a text). */
export function sourceKindOf(text: string): Exclude<SourceKind, 'live'> {
  if (text === '-') return 'stdin';
  if (S3.test(text)) return 's3';
  if (ATHENA.test(text)) return 'athena';
  return 'path';
}

/** A source opened: its loader input, and the pull behind it when it is remote. */
export interface OpenedSource {
  input: SourceInput;
  pull?: PullWatch;
}

export interface SourceOpeners {
  /** Standard input, held or spooled. */
  stdin: () => Promise<SourceInput>;
  /** A bucket: planned, confirmed, pulled as a feed. Absent: `s3://` is refused. */
  s3?: (text: string) => Promise<OpenedSource>;
}

export interface OpenedSources {
  inputs: SourceInput[];
  /** The pulls under way, one per bucket source: their progress, and stopping them. */
  pulls: PullWatch[];
  /** Stops every pull (esc): what has come is still parsed and kept. */
  stopPulls: () => void;
}

/** The SOURCE texts as loader inputs, in order. */
export async function openInputs(
  texts: readonly string[],
  openers: SourceOpeners,
): Promise<OpenedSources> {
  const inputs: SourceInput[] = [];
  const pulls: PullWatch[] = [];
  const stopPulls = () => {
    for (const pull of pulls) pull.stop();
  };
  try {
    for (const text of texts) {
      switch (sourceKindOf(text)) {
        case 'stdin':
          inputs.push(await openers.stdin());
          break;
        case 'path':
          inputs.push({ path: text });
          break;
        case 's3': {
          if (!openers.s3)
            throw new Error(`${sanitizeText(text)}: s3:// sources cannot be read here`);
          const opened = await openers.s3(text);
          inputs.push(opened.input);
          if (opened.pull) pulls.push(opened.pull);
          break;
        }
        case 'athena':
          throw new Error(`${sanitizeText(text)}: athena:// sources are not read yet`);
      }
    }
  } catch (error) {
    // A later source that fails to open must not leave an earlier bucket pulling.
    stopPulls();
    throw error;
  }
  return { inputs, pulls, stopPulls };
}
