import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { nodeFileSystem, type CaseFile } from '../case/index.js';
import { writeFileAtomically } from '../case/atomic-write.js';
import { renderReport, reportFormatOf } from '../case/report/index.js';
import type { Finding } from '../detect/index.js';
import type { IpFacts } from '../geo/index.js';
import type { EventIndex } from '../index/index.js';
import type { RecordReader } from '../ingest/index.js';
import { presented } from '../trail/presenter-mask.js';
import { reportInput } from './report-input.js';

/** Where `:w` writes: beside the case file, so the two travel together. */
export function reportPathFor(casePath: string): string {
  return `${casePath.replace(/\.json$/, '')}.report.md`;
}

/**
 * The report of the open case, written beside it (Markdown) or where `:w PATH` says, in the
 * format its extension names (0600: it holds evidence). Flagged
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
  const input = await reportInput({
    caseFile: options.caseFile,
    findings: options.findings,
    index,
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
  const path =
    options.path === undefined
      ? reportPathFor(options.casePath)
      : resolve(options.path.replace(/^~(?=\/|$)/, homedir()));
  // The path's extension picks the format, so `:w incident.txt` writes plain text.
  writeFileAtomically(
    nodeFileSystem,
    path,
    presented(renderReport(reportFormatOf(path), input)),
    'none',
    options.now,
  );
  return path;
}
