/**
 * `--baseline-until T` and `--baseline SOURCE`: what the analyst adds to the baseline the trail
 * teaches by itself. Kept apart from args.ts, which only spreads the specs in and calls
 * `baselineFrom`.
 */
import { parseBaselineUntil, type BaselineUntil } from '../state/explicit-baseline.js';

export interface BaselineCliOptions {
  until: BaselineUntil | undefined;
  /** Files or directories of an earlier export, used only to learn (repeatable). */
  sources: string[];
}

export const BASELINE_ARG_SPECS = {
  'baseline-until': { type: 'string' },
  baseline: { type: 'string', multiple: true },
} as const;

/**
 * The commands whose detections judge "new": the TUI, findings and principal; stats says what a
 * baseline export holds before anyone relies on it. report reads the case's own.
 */
const BASELINE_COMMANDS = new Set(['tui', 'findings', 'principal', 'stats']);

export function baselineFrom(
  values: { 'baseline-until'?: string; baseline?: string[] },
  command: string,
  usage: (message: string) => Error,
): BaselineCliOptions {
  const sources = values.baseline ?? [];
  const given = values['baseline-until'];
  if ((given !== undefined || sources.length > 0) && !BASELINE_COMMANDS.has(command))
    throw usage(
      `--baseline${given !== undefined && sources.length === 0 ? '-until' : ''} applies to the TUI, findings, principal and stats`,
    );
  for (const source of sources) {
    // Standard input is the trail's: one stream cannot be both the evidence and its history.
    if (source === '-' || source.trim() === '')
      throw usage('--baseline takes a file or directory of an earlier export (not -)');
  }
  return { until: given === undefined ? undefined : untilFrom(given.trim(), usage), sources };
}

function untilFrom(value: string, usage: (message: string) => Error): BaselineUntil {
  const until = parseBaselineUntil(value);
  if (until === undefined)
    throw usage(
      "--baseline-until takes a UTC time like 2025-03-10T00:00Z, or 7d (before the trail's newest event)",
    );
  // `0d` would make the whole trail history: nothing in it could ever be new.
  if ('back' in until && until.back === 0)
    throw usage('--baseline-until 0d would make the whole trail history');
  return until;
}
