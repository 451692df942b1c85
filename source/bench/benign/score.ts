/**
 * The benign trail's numbers, shared by the bench and the test: high and critical findings per
 * 100,000 events that cite nothing of the planted intrusion (the noise an analyst would have to
 * dismiss), by rule and severity, and whether every intrusion step is evidence of some high or
 * critical finding.
 */

import type { DetectionRun, Finding, RecordSource } from '../../detect/index.js';
import type { EventIndex } from '../../index/index.js';
import type { Intrusion, IntrusionStepName } from './intrusion.js';

/** The budget: at most 3 high or critical findings per 100,000 ordinary events… */
export const HIGH_PER_100K_BUDGET = 3;
/** …and none critical. */
export const CRITICAL_BUDGET = 0;

export interface RuleCount {
  ruleId: string;
  severity: string;
  count: number;
  /** A few of the principals, to say at a glance whom the rule judged. */
  principals: string[];
}

export interface BenignScore {
  events: number;
  /** High and critical findings that cite no event of the intrusion. */
  noise: Finding[];
  high: number;
  critical: number;
  perHundredThousand: number;
  byRule: RuleCount[];
  /** Each intrusion step and whether a high or critical finding cites it. */
  steps: { step: IntrusionStepName; cited: boolean; by: string[] }[];
}

function isHigh(finding: Finding): boolean {
  return finding.severity === 'high' || finding.severity === 'critical';
}

/** Index rows of the intrusion's events, found by eventID among the rows from its address. */
export async function intrusionRows(
  index: EventIndex,
  records: RecordSource,
  intrusion: Intrusion,
): Promise<Map<string, number>> {
  const candidates: number[] = [];
  for (let row = 0; row < index.size; row++)
    if (index.value(row, 'sourceIp') === intrusion.ip) candidates.push(row);
  const byId = new Map<string, number>();
  await records.read(Uint32Array.from(candidates), (row, record) => {
    byId.set(String(record.eventID), row);
  });
  return byId;
}

export function scoreRun(
  run: DetectionRun,
  events: number,
  intrusion?: { plan: Intrusion; rows: Map<string, number> },
): BenignScore {
  const high = run.findings.filter(isHigh);
  const intrusionRowSet = new Set(intrusion?.rows.values() ?? []);
  const noise = high.filter((f) => !f.rows.some((row) => intrusionRowSet.has(row)));
  const counts = new Map<string, RuleCount>();
  for (const finding of noise) {
    const key = `${finding.ruleId}\u0000${finding.severity}`;
    let count = counts.get(key);
    if (!count)
      counts.set(
        key,
        (count = { ruleId: finding.ruleId, severity: finding.severity, count: 0, principals: [] }),
      );
    count.count++;
    if (count.principals.length < 4) count.principals.push(finding.principal);
  }
  const steps = (intrusion?.plan.steps ?? []).map(({ step, eventIds }) => {
    const rows = new Set(
      eventIds.map((id) => intrusion!.rows.get(id)).filter((r) => r !== undefined),
    );
    const by = high
      .filter((f) => f.rows.some((row) => rows.has(row)))
      .map((f) => `${f.ruleId} (${f.severity})`);
    return { step, cited: by.length > 0, by: [...new Set(by)] };
  });
  return {
    events,
    noise,
    high: noise.filter((f) => f.severity === 'high').length,
    critical: noise.filter((f) => f.severity === 'critical').length,
    perHundredThousand: (noise.length * 100_000) / Math.max(1, events),
    byRule: [...counts.values()].sort(
      (a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId),
    ),
    steps,
  };
}

/** The score as the bench and the test print it. */
export function formatScore(score: BenignScore): string {
  const lines = [
    `${score.events.toLocaleString('en-US')} events: ${score.high + score.critical} high or critical findings citing nothing of the intrusion (${score.critical} critical), ${score.perHundredThousand.toFixed(1)} per 100k events (budget ≤ ${HIGH_PER_100K_BUDGET}, 0 critical)`,
  ];
  for (const rule of score.byRule)
    lines.push(
      `  ${String(rule.count).padStart(4)}  ${rule.severity.padEnd(8)} ${rule.ruleId.padEnd(40)} e.g. ${rule.principals.join(', ')}`,
    );
  if (score.steps.length > 0) {
    const cited = score.steps.filter((s) => s.cited).length;
    lines.push(
      `intrusion: ${cited} of ${score.steps.length} steps cited by a high or critical finding`,
    );
    for (const step of score.steps)
      lines.push(
        `  ${step.cited ? 'cited  ' : 'MISSED '} ${step.step.padEnd(22)} ${step.by.join(', ')}`,
      );
  }
  return lines.join('\n');
}
