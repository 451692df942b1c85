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
 * The case the TUI works in: the one named by --case (opened, or created when the file is not
 * there yet), or a new one under the XDG state directory. The sources given on the command line
 * join the case's; with none given, the case's own sources are opened again.
 */
export function caseForSession(
  casePath: string | undefined,
  sources: readonly string[],
  title: string,
): { store: CaseStore; sources: string[]; created: boolean } {
  const path = casePath ?? defaultCasePath();
  const given: CaseSource[] = sources
    .filter((source) => source !== '-')
    .map((source) => ({ kind: 'path', value: resolve(source) }));
  if (!existsSync(path)) {
    const store = createCase(path, { title, sources: given });
    return { store, sources: [...sources], created: true };
  }
  const store = openCase(path);
  const known = new Set(store.current.sources.map((source) => source.value));
  const added = given.filter((source) => !known.has(source.value));
  if (added.length > 0)
    store.update(
      (draft) => {
        draft.sources.push(...added);
      },
      { action: 'added sources', detail: added.map((source) => source.value).join(', ') },
    );
  const opened =
    sources.length > 0
      ? [...sources]
      : store.current.sources.filter((source) => source.kind === 'path').map((s) => s.value);
  return { store, sources: opened, created: false };
}
