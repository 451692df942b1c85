import type { Finding, RecordFacts } from '../detect/index.js';
import type { SuppressedFinding, Tuning } from '../detect/tuning/index.js';
import type { ExplicitBaseline } from './explicit-baseline.js';

/** The store's findings: what the detections found, what tuning hid, and the dismiss offer. */

export interface DetectionStatus {
  status: 'idle' | 'running' | 'done' | 'failed';
  message: string;
  timings: Record<string, number>;
  /** The explicit baseline the run learned from ("baseline: learned from 2 files, …"), if any. */
  baseline?: string;
}

export interface FindingsSlice {
  findings: Finding[];
  /** Of `findings`, how many are high or critical (the status bar shows it on every frame). */
  seriousFindings: number;
  /** Those counted by severity as the list shows them: "1 critical, 5 high" ('' for none). */
  seriousCounts: string;
  detection: DetectionStatus;
  /** Per row: 0 when no finding cites it, else 1 + the highest severity rank that does. */
  flags: Uint8Array;
  /** Facts cut from re-read records (console-login MFA and outcome …), by row. */
  facts: ReadonlyMap<number, RecordFacts>;
  /** Principals by risk: the sum of their findings' weights, ranked 1 = most at risk. */
  risk: ReadonlyMap<string, { score: number; rank: number }>;
  /** Findings tuning hid (`--tuning`, the case's entries, Sigma filters), each with its entry. */
  suppressed: SuppressedFinding[];
  /** `T`: the findings list shows the suppressed as well, marked. */
  showSuppressed: boolean;
  /** The findings list's lines: the findings, then (with `T`) the suppressed. */
  listedFindings: Finding[];
  /** The tuning in force, compiled: the files' entries, the case's, and --rules' filters. */
  tuning: Tuning;
  toggleSuppressed: () => void;
  /** Compiles the tuning again (after the case's changed) and re-applies it to the findings. */
  retune: () => void;
  /** `--baseline-until` / `--baseline` (or the case's): every detection run learns from it. */
  explicitBaseline: ExplicitBaseline | undefined;
  setFindings: (findings: Finding[]) => void;
  /** Adds findings raised outside the detection run (follow mode's watch), keeping the rest. */
  addFindings: (findings: Omit<Finding, 'origin'>[]) => void;
  setDetection: (
    detection: Partial<DetectionStatus>,
    facts?: ReadonlyMap<number, RecordFacts>,
  ) => void;
}

/** After a dismissal: never raise this again for the principal (and, if one, its network)? */
export interface TuneOffer {
  key: string;
  ruleId: string;
  principal: string;
  /** The evidence's one /24 (or /48), when all of it came from one. */
  network?: string;
  reason: string;
}

export interface TuningSlice {
  tuneOffer: TuneOffer | undefined;
  /** Offers a suppression for a finding just dismissed (nothing when it has no principal). */
  offerTuning: (key: string, reason: string) => void;
  /** `p`: for this principal; `n`: for this principal from this network. Written to the case. */
  acceptTuneOffer: (scope: 'principal' | 'network') => void;
  declineTuneOffer: () => void;
}
