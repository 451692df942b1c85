import type { StateCreator } from 'zustand/vanilla';
import {
  compareFindings,
  riskOf,
  severityCounts,
  severityRank,
  type Finding,
} from '../detect/index.js';
import type { AppState, FindingsSlice, StoreDeps } from './types.js';

function flagsFor(findings: readonly Finding[], rows: number): Uint8Array {
  const flags = new Uint8Array(rows);
  for (const finding of findings) {
    const flag = severityRank(finding.severity) + 1;
    for (const row of finding.rows) if (flags[row]! < flag) flags[row] = flag;
  }
  return flags;
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
        seriousCounts: severityCounts(findings),
        flags: flagsFor(findings, deps.index.size),
        risk: riskOf(findings),
      });
      get().refreshScreen();
    };
    return {
      findings: [],
      seriousFindings: 0,
      seriousCounts: '',
      detection: { status: 'idle', message: '', timings: {} },
      flags: new Uint8Array(0),
      facts: new Map(),
      risk: new Map(),
      explicitBaseline: deps.baseline,
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
