import type { StateCreator } from 'zustand/vanilla';
import {
  compareFindings,
  riskOf,
  severityCounts,
  severityRank,
  type Finding,
} from '../detect/index.js';
import {
  applyTuning,
  caseEntries,
  compileTuning,
  type SuppressedFinding,
  type Tuning,
} from '../detect/tuning/index.js';
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
    const compile = (): Tuning =>
      compileTuning(
        [...(deps.tuning ?? []), ...caseEntries(get()?.caseFile?.tuning ?? [])],
        deps.ruleFilters ?? [],
      );
    const initial = compile();
    const nothingToTune = (tuning: Tuning) =>
      tuning.entries.length === 0 && tuning.filters.length === 0;
    const publish = () => {
      const all = raised.length === 0 ? detected : [...detected, ...raised].sort(compareFindings);
      const tuning = get().tuning;
      // Tuning is applied to the run's own findings each time: a new case entry re-judges them
      // all, without running the detections again.
      const { findings, suppressed }: { findings: Finding[]; suppressed: SuppressedFinding[] } =
        nothingToTune(tuning)
          ? { findings: all, suppressed: [] }
          : applyTuning(all, deps.index, tuning);
      const showSuppressed = get().showSuppressed;
      set({
        findings,
        suppressed,
        listedFindings: showSuppressed
          ? [...findings, ...suppressed.map(({ finding }) => finding)]
          : findings,
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
      suppressed: [],
      showSuppressed: false,
      listedFindings: [],
      tuning: initial,
      toggleSuppressed: () => {
        set({ showSuppressed: !get().showSuppressed });
        publish();
        const count = get().suppressed.length;
        set({
          message: get().showSuppressed
            ? `showing ${count} finding(s) suppressed by tuning (marked ~)`
            : `${count} finding(s) suppressed by tuning hidden`,
        });
      },
      retune: () => {
        set({ tuning: compile() });
        publish();
      },
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
