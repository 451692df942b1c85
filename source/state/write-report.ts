import type { ReportTuning } from '../case/report/input.js';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import {
  nodeFileSystem,
  writeWholeFile,
  type CaseFile,
  type CaseFileSystem,
} from '../case/index.js';
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
  tuning?: ReportTuning;
  /** The file system the report is written through (tests pass a full disk). */
  fileSystem?: CaseFileSystem;
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
    ...(options.tuning ? { tuning: options.tuning } : {}),
  });
  const path =
    options.path === undefined
      ? reportPathFor(options.casePath)
      : resolve(options.path.replace(/^~(?=\/|$)/, homedir()));
  // The path's extension picks the format, so `:w incident.txt` writes plain text.
  // Atomic: a planted link at the path is replaced, not written through; a full disk leaves the
  // previous report as it was ("… not written: the disk is full (ENOSPC); the previous file is
  // unchanged").
  writeWholeFile(
    path,
    presented(renderReport(reportFormatOf(path), input)),
    options.fileSystem ?? nodeFileSystem,
  );
  return path;
}
