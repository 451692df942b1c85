import type { StateCreator } from 'zustand/vanilla';
import { compareFindings, severityRank, type Finding } from '../detect/index.js';
import type { AppState, FindingsSlice, StoreDeps } from './types.js';

/** How much each severity adds to a principal's risk score. */
const WEIGHT: Record<Finding['severity'], number> = {
  info: 0,
  low: 1,
  medium: 5,
  high: 20,
  critical: 50,
};

function flagsFor(findings: readonly Finding[], rows: number): Uint8Array {
  const flags = new Uint8Array(rows);
  for (const finding of findings) {
    const flag = severityRank(finding.severity) + 1;
    for (const row of finding.rows) if (flags[row]! < flag) flags[row] = flag;
  }
  return flags;
}

function riskOf(findings: readonly Finding[]): Map<string, { score: number; rank: number }> {
  const scores = new Map<string, number>();
  for (const finding of findings) {
    if (!finding.principal) continue;
    scores.set(finding.principal, (scores.get(finding.principal) ?? 0) + WEIGHT[finding.severity]);
  }
  const ranked = [...scores].filter(([, score]) => score > 0).sort((a, b) => b[1] - a[1]);
  return new Map(ranked.map(([principal, score], i) => [principal, { score, rank: i + 1 }]));
}

export const createFindingsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], FindingsSlice> =>
  (set, get) => {
    /** The detection run's findings, and those raised outside it (follow mode's watch). */
    let detected: Finding[] = [];
    let raised: Finding[] = [];
    const publish = () => {
      const findings =
        raised.length === 0 ? detected : [...detected, ...raised].sort(compareFindings);
      set({
        findings,
        seriousFindings: findings.filter((f) => severityRank(f.severity) >= severityRank('high'))
          .length,
        flags: flagsFor(findings, deps.index.size),
        risk: riskOf(findings),
      });
      get().refreshScreen();
    };
    return {
      findings: [],
      seriousFindings: 0,
      detection: { status: 'idle', message: '', timings: {} },
      flags: new Uint8Array(0),
      facts: new Map(),
      risk: new Map(),
      // A detection run replaces its own findings; what the watch raised stays.
      setFindings: (findings) => {
        detected = findings;
        publish();
      },
      addFindings: (added) => {
        const keys = new Set(added.map((finding) => finding.key));
        raised = [
          ...raised.filter((finding) => !keys.has(finding.key)),
          ...added.map((finding): Finding => ({ ...finding, origin: 'built-in' })),
        ];
        publish();
      },
      setDetection: (detection, facts) => {
        set({ detection: { ...get().detection, ...detection }, ...(facts ? { facts } : {}) });
        if (facts) get().refreshScreen();
      },
    };
  };
