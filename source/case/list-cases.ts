import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCase } from './read-case.js';
import { caseName, caseStateDirectory } from './location.js';

/** One case in the cases folder, as `trailhound cases` lists it. */
export interface CaseEntry {
  /** 1 for the newest: what `--case 1` opens. */
  number: number;
  name: string;
  path: string;
  title: string;
  sources: string[];
  suspects: number;
  pinned: number;
  stepsDone: number;
  /** The case's last change (its own `updatedAt`, else the file's time), ISO. */
  changed: string;
  /** Why the file could not be read, when it could not. */
  problem?: string;
}

/** Case files only: not their backups, temporaries, reports, live caches or evidence folders. */
const CASE_FILE = /^[^.][^/]*\.json$/;

/** The cases in `dir` (the XDG cases folder by default), newest change first. */
export function listCases(dir: string = caseStateDirectory()): CaseEntry[] {
  if (!existsSync(dir)) return [];
  const entries: Omit<CaseEntry, 'number'>[] = [];
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    if (!CASE_FILE.test(file) || !statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    const base = { name: caseName(path), path };
    try {
      const found = readCase(path);
      entries.push({
        ...base,
        title: found.title,
        sources: found.sources.map((source) => source.value),
        suspects: found.suspects.length,
        pinned: found.pinned.length,
        stepsDone: Object.values(found.steps).filter((step) => step.state === 'done').length,
        changed: found.updatedAt,
      });
    } catch (error) {
      entries.push({
        ...base,
        title: '',
        sources: [],
        suspects: 0,
        pinned: 0,
        stepsDone: 0,
        changed: statSync(path).mtime.toISOString(),
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  }
  entries.sort((a, b) =>
    a.changed === b.changed ? b.name.localeCompare(a.name) : b.changed.localeCompare(a.changed),
  );
  return entries.map((entry, i) => ({ number: i + 1, ...entry }));
}

/**
 * What `--case X` names: an existing file; else a number or a name from `trailhound cases`; else
 * a path for a new case (as before). Throws when a number is not in the list.
 */
export function resolveCaseArgument(
  argument: string,
  list: () => readonly CaseEntry[] = () => listCases(),
): string {
  if (existsSync(argument) || argument.includes('/')) return argument;
  if (/^\d+$/.test(argument)) {
    const cases = list();
    const found = cases[Number(argument) - 1];
    if (!found)
      throw new Error(
        cases.length === 0
          ? `no case ${argument}: there are no cases yet (trailhound cases)`
          : `no case ${argument}: trailhound cases lists ${cases.length}`,
      );
    return found.path;
  }
  const name = caseName(argument);
  return list().find((entry) => entry.name === name)?.path ?? argument;
}
