import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';

/**
 * Where cases go when the analyst gives no --case: the XDG state directory, which is meant for
 * data that should survive restarts but is not configuration. The spec says a relative
 * XDG_STATE_HOME is invalid and must be ignored.
 */
export function caseStateDirectory(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const configured = env.XDG_STATE_HOME;
  const base =
    configured !== undefined && isAbsolute(configured) ? configured : join(home, '.local', 'state');
  return join(base, 'trailhound', 'cases');
}

export interface DefaultCasePathOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
  now?: Date;
  /** Random by default; tests fix it. */
  shortId?: string;
}

/**
 * A fresh case path: `<state dir>/trailhound/cases/20260501T123456Z-1a2b3c4d.json`. Time first
 * so `ls` lists cases in order; no colons, which some file systems and `scp` mishandle; a random
 * suffix so two cases started in the same second do not collide.
 */
export function defaultCasePath(options: DefaultCasePathOptions = {}): string {
  const stamp = compactUtcStamp(options.now ?? new Date());
  const shortId = options.shortId ?? randomBytes(4).toString('hex');
  return join(caseStateDirectory(options.env, options.home), `${stamp}-${shortId}.json`);
}

/** `20260501T123456Z`: UTC, sortable, safe in a file name on any system. */
export function compactUtcStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** A case as the analyst names it: its file name without `.json` (`20260501T123456Z-1a2b3c4d`). */
export function caseName(path: string): string {
  return basename(path).replace(/\.json$/, '');
}
