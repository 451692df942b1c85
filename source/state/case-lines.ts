import type { CaseFile } from '../case/index.js';
import { reportPathFor } from './write-report.js';

/**
 * `:case`: where the case lives and what it was opened from, with every path in full (the status
 * bar names files by their base name only, so the counts keep their room).
 */
export function caseLines(caseFile: CaseFile | undefined, casePath: string): string[] {
  if (!caseFile) return ['no case is open'];
  // The last report written (`:w PATH` may have put it elsewhere), else where `:w` would write.
  const written = caseFile.audit.findLast((entry) => entry.action === 'wrote report');
  const report = written
    ? `report: ${written.detail} (written ${written.at})`
    : `report: ${reportPathFor(casePath)} (not written yet: :w)`;
  return [
    `case: ${caseFile.title || '(untitled)'} · id ${caseFile.id} · opened ${caseFile.createdAt}`,
    `case file: ${casePath}`,
    report,
    `sources (${caseFile.sources.length}):`,
    ...caseFile.sources.map(
      (source) => `  ${source.kind === 'live' ? 'live: ' : ''}${source.value}`,
    ),
    `suspects: ${caseFile.suspects.length} · pinned: ${caseFile.pinned.length} · notes: ${Object.keys(caseFile.eventNotes).length}`,
  ];
}
