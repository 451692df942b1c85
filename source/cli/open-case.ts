import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createCase,
  defaultCasePath,
  openCase,
  type CaseSource,
  type CaseStore,
} from '../case/index.js';

/**
 * The case a session will work in, before anything is written: an existing case is opened (a
 * refused file is said now, on a normal screen), a new one is only named. The TUI checks that
 * its sources give events before it commits, so a typo in a path leaves no empty case behind.
 */
export interface CasePlan {
  path: string;
  /** The case file when it exists already. */
  opened: CaseStore | undefined;
  /** The sources given on the command line, as the case records them. */
  given: CaseSource[];
  /** What to open: the sources given, or with none the case's own. */
  sources: string[];
}

export function planCase(casePath: string | undefined, sources: readonly string[]): CasePlan {
  const path = casePath ?? defaultCasePath();
  const given: CaseSource[] = sources
    .filter((source) => source !== '-')
    .map((source) => ({ kind: 'path', value: resolve(source) }));
  if (!existsSync(path)) return { path, opened: undefined, given, sources: [...sources] };
  const opened = openCase(path);
  return {
    path,
    opened,
    given,
    sources:
      sources.length > 0
        ? [...sources]
        : opened.current.sources.filter((source) => source.kind === 'path').map((s) => s.value),
  };
}

/** Creates the planned case, or adds the sources given to the one opened. */
export function commitCase(
  plan: CasePlan,
  title: string,
): { store: CaseStore; sources: string[]; created: boolean } {
  if (!plan.opened) {
    const store = createCase(plan.path, { title, sources: plan.given });
    return { store, sources: plan.sources, created: true };
  }
  const store = plan.opened;
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
): { store: CaseStore; sources: string[]; created: boolean } {
  return commitCase(planCase(casePath, sources), title);
}
