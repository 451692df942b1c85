import type { CaseFile } from '../case/index.js';
import { eventFromRecord, type ReportEvent, type ReportInput } from '../case/report/index.js';
import { ATTACK_VERSION, severityRank, type Finding } from '../detect/index.js';
import type { IpFacts } from '../geo/index.js';
import { phaseOf, PLAYBOOK } from '../triage/index.js';
import type { RawRecord } from '../trail/event.js';
import { presented, presenterMode } from '../trail/presenter-mask.js';

/** Flagged events a report lists at most: the timeline is for reading, the logs keep the rest. */
const FLAGGED_MAX = 300;

export interface ReportSources {
  caseFile: CaseFile;
  findings: readonly Finding[];
  /** Reads the full records of index rows (absent when the logs are gone). */
  readRows?: (
    rows: Uint32Array,
    onRecord: (row: number, record: RawRecord) => void,
  ) => Promise<unknown>;
  ipFacts: (ip: string) => IpFacts;
  ipDataDate: string;
  now: Date;
}

/**
 * Everything a report is written from: the case's pinned records, the events the findings flag
 * (medium and worse, not dismissed), the findings with their verdicts, and the playbook's steps.
 */
export async function reportInput(sources: ReportSources): Promise<ReportInput> {
  const { caseFile, findings } = sources;
  const kept = findings.filter(
    (finding) =>
      severityRank(finding.severity) >= severityRank('medium') &&
      caseFile.findings[finding.key]?.verdict !== 'dismissed',
  );
  const titlesByRow = new Map<number, string[]>();
  for (const finding of kept)
    for (const row of finding.rows)
      titlesByRow.set(row, [...(titlesByRow.get(row) ?? []), finding.title]);
  const events: ReportEvent[] = caseFile.pinned.map((pin) => eventFromRecord(pin.record, true));
  const pinnedIds = new Map(events.map((event) => [event.eventId, event]));
  if (sources.readRows && titlesByRow.size > 0) {
    const rows = Uint32Array.from([...titlesByRow.keys()].slice(0, FLAGGED_MAX)).sort();
    await sources.readRows(rows, (row, record) => {
      const event = eventFromRecord(record, false);
      const titles = titlesByRow.get(row) ?? [];
      const pinned = event.eventId ? pinnedIds.get(event.eventId) : undefined;
      if (pinned) pinned.findingTitles = [...new Set([...pinned.findingTitles, ...titles])];
      else events.push({ ...event, findingTitles: titles });
    });
  }
  return {
    case: caseFile,
    generatedAt: sources.now.toISOString(),
    events,
    findings: kept.map((finding) => {
      const review = caseFile.findings[finding.key];
      return {
        ruleId: finding.ruleId,
        title: finding.title,
        severity: finding.severity,
        techniques: finding.techniques,
        principal: finding.principal,
        first: new Date(finding.first).toISOString(),
        last: new Date(finding.last).toISOString(),
        summary: finding.summary,
        ...(review ? { verdict: review.verdict, verdictReason: review.reason } : {}),
        ...(finding.sigma
          ? {
              sigma: {
                title: finding.sigma.title,
                author: finding.sigma.author,
                references: finding.sigma.references,
              },
            }
          : {}),
      };
    }),
    steps: PLAYBOOK.map((step) => ({
      id: step.id,
      phase: step.phase,
      phaseTitle: phaseOf(step.phase).title,
      title: step.title,
    })),
    ipFacts: sources.ipFacts,
    ipDataDate: sources.ipDataDate,
    attackVersion: ATTACK_VERSION,
    ...(presenterMode() ? { redact: presented } : {}),
  };
}
