import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, resolve } from 'node:path';
import { nodeFileSystem, type CaseFile } from '../case/index.js';
import { writeFileAtomically } from '../case/atomic-write.js';
import { renderHtml, renderJson, renderMarkdown, type ReportInput } from '../case/report/index.js';
import type { Finding } from '../detect/index.js';
import type { IpFacts } from '../geo/index.js';
import type { EventIndex } from '../index/index.js';
import type { RecordReader } from '../ingest/index.js';
import { presented } from '../trail/presenter-mask.js';
import { reportInput } from './report-input.js';

/**
 * `:w PATH` picks the format by the file's extension. Hook: when the report gains a plain-text
 * renderer (`--format txt`), `.txt` joins here and nowhere else.
 */
const RENDER_BY_EXTENSION: Record<string, (input: ReportInput) => string> = {
  '.md': renderMarkdown,
  '.markdown': renderMarkdown,
  '.json': renderJson,
  '.html': renderHtml,
  '.htm': renderHtml,
};

/** The renderer for a path, or an error in words when its extension names no format. */
export function reportRendererFor(
  path: string,
): ((input: ReportInput) => string) | { error: string } {
  const render = RENDER_BY_EXTENSION[extname(path).toLowerCase()];
  return (
    render ?? {
      error: `:w writes ${Object.keys(RENDER_BY_EXTENSION).join(' ')}: name the file with one`,
    }
  );
}

/** Where `:w` writes: beside the case file, so the two travel together. */
export function reportPathFor(casePath: string): string {
  return `${casePath.replace(/\.json$/, '')}.report.md`;
}

/**
 * The Markdown report of the open case, written beside it (0600: it holds evidence). Flagged
 * events are re-read through the detail pane's reader; presenter mode masks the whole text.
 */
export async function writeCaseReport(options: {
  casePath: string;
  /** Where `:w PATH` asked for it (`~/` is the home directory); beside the case when absent. */
  path?: string;
  caseFile: CaseFile;
  findings: readonly Finding[];
  index: EventIndex;
  reader: RecordReader | undefined;
  ipFacts: (ip: string) => IpFacts;
  ipDataDate: string;
  now: Date;
}): Promise<string> {
  const { reader, index } = options;
  const path =
    options.path === undefined
      ? reportPathFor(options.casePath)
      : resolve(options.path.replace(/^~(?=\/|$)/, homedir()));
  const render = reportRendererFor(path);
  // Said before the records are read: a name with no format costs nothing.
  if ('error' in render) throw new Error(render.error);
  const input = await reportInput({
    caseFile: options.caseFile,
    findings: options.findings,
    ...(reader
      ? {
          readRows: async (rows, onRecord) => {
            for (const row of rows) {
              const { fileId, recordIndex } = index.location(row);
              onRecord(row, await reader.read(fileId, recordIndex));
            }
          },
        }
      : {}),
    ipFacts: options.ipFacts,
    ipDataDate: options.ipDataDate,
    now: options.now,
  });
  // Atomic and 0600: a report holds evidence, and a half-written one must never be left behind.
  writeFileAtomically(
    nodeFileSystem,
    path,
    presented(render(input)),
    existsSync(path) ? 'none' : 'create',
    options.now,
  );
  return path;
}
