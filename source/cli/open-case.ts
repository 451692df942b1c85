import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createCase,
  defaultCasePath,
  openCase,
  type CaseBaseline,
  type CaseSource,
  type CaseStore,
} from '../case/index.js';
import { sourceKindOf } from '../ingest/sources.js';
import {
  baselineUntilText,
  parseBaselineUntil,
  type BaselineUntil,
} from '../state/explicit-baseline.js';

/**
 * The case a session will work in, before anything is written: an existing case is opened (a
 * refused file is said now, on a normal screen), a new one is only named. The TUI checks that
 * its sources give events before it commits, so a typo in a path leaves no empty case behind.
 */
export interface CasePlan {
  path: string;
  /** The case file when it exists already. */
  opened: CaseStore | undefined;
  /**
   * The sources given on the command line, as the case records them (a bucket with its window:
   * the caller pins it first, see pinnedSources).
   */
  given: CaseSource[];
  /** What to open: the sources given, or with none the case's own. */
  sources: string[];
  /** The explicit baseline given on the command line, as the case records it. */
  givenBaseline: CaseBaseline | undefined;
  /**
   * What to learn from: the case's baseline with the one given joined to it (a given until
   * replaces the case's; given sources join its own, as SOURCEs do).
   */
  baseline: { until: BaselineUntil | undefined; sources: string[] };
}

/** `--baseline-until` and `--baseline`, as the command line gives them. */
export interface GivenBaseline {
  until: BaselineUntil | undefined;
  sources: readonly string[];
}

export function planCase(
  casePath: string | undefined,
  sources: readonly string[],
  baseline: GivenBaseline = { until: undefined, sources: [] },
): CasePlan {
  const path = casePath ?? defaultCasePath();
  const given: CaseSource[] = sources
    .filter((source) => source !== '-')
    .map((source) =>
      sourceKindOf(source) === 's3'
        ? { kind: 's3', value: source }
        : { kind: 'path', value: resolve(source) },
    );
  const givenBaseline: CaseBaseline | undefined =
    baseline.until === undefined && baseline.sources.length === 0
      ? undefined
      : {
          ...(baseline.until === undefined ? {} : { until: baselineUntilText(baseline.until) }),
          sources: baseline.sources.map((source) => ({ kind: 'path', value: resolve(source) })),
        };
  const opened = existsSync(path) ? openCase(path) : undefined;
  const kept = opened?.current.baseline;
  const learnFrom = new Set(
    [...(kept?.sources ?? []), ...(givenBaseline?.sources ?? [])].map((source) => source.value),
  );
  return {
    path,
    opened,
    given,
    sources:
      sources.length > 0 || !opened
        ? [...sources]
        : opened.current.sources
            .filter((source) => source.kind === 'path' || source.kind === 's3')
            .map((s) => s.value),
    givenBaseline,
    baseline: {
      until:
        baseline.until ?? (kept?.until === undefined ? undefined : parseBaselineUntil(kept.until)),
      sources: [...learnFrom],
    },
  };
}

/** The case's baseline with the given one joined to it; undefined when that changes nothing. */
function joinedBaseline(
  kept: CaseBaseline | undefined,
  given: CaseBaseline | undefined,
): CaseBaseline | undefined {
  if (!given) return undefined;
  const known = new Set(kept?.sources.map((source) => source.value));
  const added = given.sources.filter((source) => !known.has(source.value));
  const until = given.until ?? kept?.until;
  if (added.length === 0 && until === kept?.until) return undefined;
  return {
    ...(until === undefined ? {} : { until }),
    sources: [...(kept?.sources ?? []), ...added],
  };
}

/** Creates the planned case, or adds the sources given to the one opened. */
export function commitCase(
  plan: CasePlan,
  title: string,
): { store: CaseStore; sources: string[]; created: boolean } {
  const store = plan.opened ?? createCase(plan.path, { title, sources: plan.given });
  const baseline = joinedBaseline(store.current.baseline, plan.givenBaseline);
  if (baseline)
    store.update(
      (draft) => {
        draft.baseline = baseline;
      },
      {
        action: 'set baseline',
        detail: [
          ...(baseline.until === undefined ? [] : [`until ${baseline.until}`]),
          ...baseline.sources.map((source) => source.value),
        ].join(', '),
      },
    );
  if (!plan.opened) return { store, sources: plan.sources, created: true };
  const known = new Set(store.current.sources.map((source) => source.value));
  const added = plan.given.filter((source) => !known.has(source.value));
  if (added.length > 0)
    store.update(
      (draft) => {
        draft.sources.push(...added);
      },
      { action: 'added sources', detail: added.map((source) => source.value).join(', ') },
    );
  return { store, sources: plan.sources, created: false };
}

/**
 * The case the TUI works in: the one named by --case (opened, or created when the file is not
 * there yet), or a new one under the XDG state directory. The sources given on the command line
 * join the case's; with none given, the case's own sources are opened again.
 */
export function caseForSession(
  casePath: string | undefined,
  sources: readonly string[],
  title: string,
  baseline?: GivenBaseline,
): { store: CaseStore; sources: string[]; created: boolean } {
  return commitCase(planCase(casePath, sources, baseline), title);
}
