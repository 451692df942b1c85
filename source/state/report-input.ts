import type { ReportTuning } from '../case/report/input.js';
import type { CaseFile } from '../case/index.js';
import {
  eventFromRecord,
  suspectRows,
  type ReportEvent,
  type ReportInput,
  type ReportPivot,
} from '../case/report/index.js';
import { ATTACK_VERSION, severityRank, type Finding } from '../detect/index.js';
import type { IpFacts } from '../geo/index.js';
import { isMultiAccount, qualifiedIndex, type IndexView } from '../index/index.js';
import { phaseOf, PLAYBOOK } from '../triage/index.js';
import type { RawRecord } from '../trail/event.js';
import { presented, presenterMode } from '../trail/presenter-mask.js';

/**
 * Events a report reads at most. Runs of like events collapse on the page, so thousands read
 * well; beyond this the report says how many it left out rather than stall the writer.
 */
const TIMELINE_MAX = 20_000;

export interface ReportSources {
  caseFile: CaseFile;
  findings: readonly Finding[];
  /** The loaded events (absent when the logs are gone): what the suspects did is read from it. */
  index?: IndexView;
  /** Reads the full records of index rows (absent when the logs are gone). */
  readRows?: (
    rows: Uint32Array,
    onRecord: (row: number, record: RawRecord) => void,
  ) => Promise<unknown>;
  ipFacts: (ip: string) => IpFacts;
  ipDataDate: string;
  now: Date;
  tuning?: ReportTuning;
}

/**
 * Everything a report is written from. With suspects marked, the timeline is what they did (see
 * suspect-events.ts) plus the pinned records; with none, the events the standing findings flag.
 * The findings are those whose evidence touches the timeline (any severity, dismissed ones kept
 * to show what was ruled out) and every standing medium-or-worse one.
 */
export async function reportInput(sources: ReportSources): Promise<ReportInput> {
  const { caseFile, findings, index, readRows } = sources;
  const dismissed = (finding: Finding) => caseFile.findings[finding.key]?.verdict === 'dismissed';
  const serious = new Set(
    findings.filter(
      (finding) => severityRank(finding.severity) >= severityRank('medium') && !dismissed(finding),
    ),
  );
  const marked = caseFile.suspects.filter((suspect) => suspect.value !== '');
  // Several accounts: suspects, the timeline and affected principals are ACCOUNT/name, as the
  // findings name them (two accounts' namesakes are two people).
  const accounts = index !== undefined && isMultiAccount(index);
  let timelineRows: number[];
  let pivots: ReportPivot[] = [];
  if (index && marked.length > 0) {
    ({ rows: timelineRows, pivots } = await suspectRows(qualifiedIndex(index), marked, readRows));
  } else {
    const flagged = new Set<number>();
    for (const finding of serious) for (const row of finding.rows) flagged.add(row);
    timelineRows = [...flagged];
  }
  const onTimeline = new Set(timelineRows);
  const kept = findings.filter(
    (finding) =>
      serious.has(finding) ||
      (marked.length > 0 && finding.rows.some((row) => onTimeline.has(row))),
  );
  const titlesByRow = new Map<number, string[]>();
  for (const finding of kept)
    if (!dismissed(finding))
      for (const row of finding.rows)
        if (onTimeline.has(row))
          titlesByRow.set(row, [...(titlesByRow.get(row) ?? []), finding.title]);
  const events: ReportEvent[] = caseFile.pinned.map((pin) =>
    eventFromRecord(pin.record, true, accounts),
  );
  const pinnedIds = new Map(events.map((event) => [event.eventId, event]));
  if (readRows && timelineRows.length > 0) {
    const rows = Uint32Array.from(timelineRows.slice(0, TIMELINE_MAX)).sort();
    await readRows(rows, (row, record) => {
      const event = eventFromRecord(record, false, accounts);
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
    pivots,
    omittedEvents: readRows ? Math.max(0, timelineRows.length - TIMELINE_MAX) : 0,
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
    ...(sources.tuning ? { tuning: sources.tuning } : {}),
    ...(presenterMode() ? { redact: presented } : {}),
  };
}
