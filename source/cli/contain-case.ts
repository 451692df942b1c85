import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AwsAuditEntry } from '../aws/contain/index.js';
import { createCase, openCase, type CaseStore } from '../case/index.js';
import { currentUser } from '../case/who.js';

/**
 * The case `contain` audits into: opened (or created) with its audit `by` naming both the OS user
 * and the AWS identity the calls are made as.
 */
export function openContainCase(path: string, callerArn: string, title: string): CaseStore {
  const user = `${currentUser()} as ${callerArn}`;
  return existsSync(path)
    ? openCase(path, { user })
    : createCase(path, { title, sources: [] }, { user });
}

/** One AWS call's audit entry, in the case's form ({at, by, action, detail}). */
export function auditToCase(store: CaseStore, entry: AwsAuditEntry): void {
  store.update(() => {}, {
    action: `aws ${entry.call} ${entry.outcome}`,
    detail: `${JSON.stringify(entry.params)}: ${entry.detail}`,
  });
}

/** Where evidence goes: --evidence, else next to the case, else ./trailhound-evidence. */
export function evidenceDirectory(
  explicit: string | undefined,
  casePath: string | undefined,
): string {
  if (explicit) return resolve(explicit);
  if (casePath) return `${resolve(casePath)}.evidence`;
  return resolve('trailhound-evidence');
}
